import cookie from '@fastify/cookie';
import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import type { UserRow } from '../metadata/schema.ts';
import { type Access, ROLE_LABELS, roleAllows } from './roles.ts';
import {
  CSRF_HEADER,
  issueSession,
  needsRenewal,
  SESSION_COOKIE,
  type SessionClaims,
  type SessionOptions,
} from './session.ts';
import { SessionUsers } from './session-users.ts';
import { VerifiedSessions } from './verified-sessions.ts';

/** The signed-in caller, resolved from the session cookie on every request. */
export interface Identity {
  /** The account's row as the session was checked against (SessionUsers). */
  readonly user: UserRow;
  readonly session: Pick<SessionClaims, 'sid' | 'auth' | 'exp'>;
}

/** One registered route and the access it declared (undefined: none, refused to all but admins). */
export interface RouteRule {
  readonly method: string;
  readonly url: string;
  readonly access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; every /api route must say it (see auth/README.md). */
    access?: Access;
  }
  interface FastifyRequest {
    identity: Identity | null;
  }
  interface FastifyInstance {
    /** Every route registered after the auth plugin, with its access rule (for the matrix test). */
    readonly routeRules: RouteRule[];
    readonly sessionOptions: SessionOptions;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}

/**
 * Authentication and authorisation for the whole app: reads and renews the session, then
 * applies the route's `config.access` and the CSRF check before any handler runs. Routes
 * outside /api (the static web app) are public; an /api route without a rule is admin-only
 * (fail closed) and fails the authorisation matrix test.
 */
const plugin: FastifyPluginAsync = async (app) => {
  const { settings, users, jwtSecret } = app.services;
  const sessionOptions: SessionOptions = {
    secret: jwtSecret,
    minutes: settings.sessionMinutes,
    secure: settings.cookieSecure,
  };
  await app.register(cookie, { secret: jwtSecret });
  await app.register(jwt, {
    secret: jwtSecret,
    sign: { algorithm: 'HS256' },
    verify: { algorithms: ['HS256'] },
  });
  await app.register(rateLimit, { global: false });

  // An embedded PGlite store has one writer, this process, whose user writes all go through
  // UserRepository and forget their entry at once: nothing can go stale, so rows are kept until
  // changed (a store read after every idle gap cost 20–40 ms on the first request back). A
  // shared PostgreSQL may be written by other instances: their changes apply within 2 s.
  const sessionUsers = new SessionUsers(
    users,
    app.services.metadata.kind === 'pglite' ? Number.POSITIVE_INFINITY : undefined,
  );
  const sessions = new VerifiedSessions(app.jwt, jwtSecret);
  const routeRules: RouteRule[] = [];
  app.decorate('routeRules', routeRules);
  app.decorate('sessionOptions', sessionOptions);
  app.decorateRequest('identity', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const access = route.config?.access ?? (isApi(route.url) ? undefined : 'public');
      routeRules.push({ method, url: route.url, access });
    }
  });

  async function authenticate(request: FastifyRequest): Promise<Identity | null> {
    const claims = sessions.read(request.cookies[SESSION_COOKIE]);
    if (!claims) return null;
    const user = await sessionUsers.get(Number(claims.sub));
    // A bumped version (logout, disabled, new password) or a disabled account ends the session.
    if (user?.status !== 'active' || user.tokenVersion !== claims.ver) return null;
    return { user, session: claims };
  }

  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return;
    const access: Access = request.routeOptions.config.access ?? (isApi(request.url) ? 'admin' : 'public');
    const identity = request.cookies[SESSION_COOKIE] ? await authenticate(request) : null;
    request.identity = identity;
    if (access === 'public' && !identity) return;
    if (!identity) throw new AppError('AUTH_REQUIRED');
    if (!roleAllows(identity.user.role, access)) {
      throw new AppError('AUTH_FORBIDDEN', {
        required: access === 'public' ? '' : ROLE_LABELS[access],
        role: ROLE_LABELS[identity.user.role],
      });
    }
    if (
      access !== 'public' &&
      !SAFE_METHODS.has(request.method) &&
      !sessions.csrfMatches(identity.session.sid, headerValue(request.headers[CSRF_HEADER]))
    ) {
      throw new AppError('AUTH_CSRF');
    }
    if (needsRenewal({ ...identity.session } as SessionClaims, sessionOptions.minutes)) {
      const renewed = issueSession(app.jwt, reply, sessionOptions, identity.user, identity.session);
      request.identity = {
        ...identity,
        session: { ...identity.session, exp: renewed.expiresAt.getTime() / 1000 },
      };
    }
  });
};

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export const authPlugin = fp(plugin, { name: 'auth' });
