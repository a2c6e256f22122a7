import { createHmac, randomBytes } from 'node:crypto';
import type { JWT } from '@fastify/jwt';
import type { FastifyReply } from 'fastify';
import type { UserRow } from '../metadata/schema.ts';

/**
 * Sessions: a short-lived HS256 JWT in an httpOnly, SameSite=Strict cookie.
 * - `ver` must equal the user's token version: logout, disabling or a new password bump it,
 *   which revokes every token issued before.
 * - `sid` identifies the login; the CSRF token is HMAC(secret, sid): the web app receives it
 *   from the login answer (and `GET /api/me`) and sends it back in `x-csrf-token` on every
 *   state-changing request. A cross-site page cannot read it, and no server-side state is needed.
 * - the token is renewed (same sid, new expiry) when less than half its life is left, on any
 *   request; `auth` (login time) caps the whole session at SESSION_MAX_HOURS.
 */
export const SESSION_COOKIE = 'dataetat_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_MAX_HOURS = 12;

export interface SessionClaims {
  readonly typ: 'session';
  /** User id. */
  readonly sub: string;
  readonly ver: number;
  readonly sid: string;
  /** Login time (seconds since epoch). */
  readonly auth: number;
  readonly iat: number;
  readonly exp: number;
}

export interface SessionOptions {
  readonly secret: string;
  readonly minutes: number;
  readonly secure: boolean;
}

export function csrfTokenOf(secret: string, sid: string): string {
  return createHmac('sha256', secret).update(`csrf:${sid}`).digest('base64url');
}

/** Verified claims of a session token, or null when absent, forged, expired or not a session. */
export function readSessionToken(jwt: JWT, token: string | undefined): SessionClaims | null {
  if (!token) return null;
  try {
    const claims = jwt.verify<Partial<SessionClaims>>(token);
    if (
      claims.typ !== 'session' ||
      typeof claims.sub !== 'string' ||
      typeof claims.ver !== 'number' ||
      typeof claims.sid !== 'string' ||
      typeof claims.auth !== 'number' ||
      typeof claims.exp !== 'number'
    ) {
      return null;
    }
    if (Date.now() / 1000 - claims.auth > SESSION_MAX_HOURS * 3600) return null;
    return claims as SessionClaims;
  } catch {
    return null;
  }
}

export interface IssuedSession {
  readonly sid: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** Signs a session token for `user` and sets the cookie; `previous` keeps sid and login time. */
export function issueSession(
  jwt: JWT,
  reply: FastifyReply,
  options: SessionOptions,
  user: Pick<UserRow, 'id' | 'tokenVersion'>,
  previous?: Pick<SessionClaims, 'sid' | 'auth'>,
): IssuedSession {
  const now = Math.floor(Date.now() / 1000);
  const sid = previous?.sid ?? randomBytes(18).toString('base64url');
  const exp = now + options.minutes * 60;
  const token = jwt.sign({
    typ: 'session',
    sub: String(user.id),
    ver: user.tokenVersion,
    sid,
    auth: previous?.auth ?? now,
    iat: now,
    exp,
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secure,
    maxAge: options.minutes * 60,
  });
  return { sid, csrfToken: csrfTokenOf(options.secret, sid), expiresAt: new Date(exp * 1000) };
}

export function clearSession(reply: FastifyReply, options: Pick<SessionOptions, 'secure'>): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secure,
  });
}

/** Renew when less than half of the lifetime is left. */
export function needsRenewal(claims: SessionClaims, minutes: number): boolean {
  return claims.exp - Date.now() / 1000 < (minutes * 60) / 2;
}
