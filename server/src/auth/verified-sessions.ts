import { timingSafeEqual } from 'node:crypto';
import type { JWT } from '@fastify/jwt';
import { csrfTokenOf, readSessionToken, SESSION_MAX_HOURS, type SessionClaims } from './session.ts';

/**
 * Session tokens already verified, and the CSRF token of each login: a signed-in client sends
 * the same cookie on every request, and checking its HMAC (and computing the CSRF HMAC) each
 * time was a tenth of a cached query's server time. Keyed by the whole token, so only a token
 * that passed `readSessionToken` can hit; its expiry and the session's 12-hour cap are checked
 * again at every use. The token version is not cached here: the caller compares it with the
 * user row each time (logout, disabling, new password).
 */
export class VerifiedSessions {
  private readonly tokens = new Map<string, SessionClaims>();
  private readonly csrf = new Map<string, Buffer>();

  constructor(
    private readonly jwt: JWT,
    private readonly secret: string,
    private readonly maxEntries = 10_000,
  ) {}

  /** Verified claims of `token`, or null when absent, forged, expired or not a session. */
  read(token: string | undefined): SessionClaims | null {
    if (!token) return null;
    const known = this.tokens.get(token);
    if (known) {
      if (isCurrent(known)) return known;
      this.tokens.delete(token);
      return null;
    }
    const claims = readSessionToken(this.jwt, token);
    if (claims) remember(this.tokens, token, claims, this.maxEntries);
    return claims;
  }

  /** Whether `presented` is the CSRF token of login `sid` (constant-time comparison). */
  csrfMatches(sid: string, presented: string | undefined): boolean {
    if (!presented) return false;
    let expected = this.csrf.get(sid);
    if (!expected) {
      expected = Buffer.from(csrfTokenOf(this.secret, sid));
      remember(this.csrf, sid, expected, this.maxEntries);
    }
    const actual = Buffer.from(presented);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}

function isCurrent(claims: SessionClaims): boolean {
  const now = Date.now() / 1000;
  return now < claims.exp && now - claims.auth <= SESSION_MAX_HOURS * 3600;
}

/** Bounded: past `max` entries the oldest goes (Map keeps insertion order). */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  if (map.size >= max) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}
