import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { SESSION_COOKIE } from '../auth/session.ts';
import { loadSettings } from '../config.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

function login(email: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

function me(headers: Record<string, string>) {
  return app.inject({ url: '/api/me', headers });
}

const spec = { dataset: 'dotations_investissement', measures: ['nb_projets'] };

/** A session token signed with the server's real key, with chosen claims. */
async function forge(claims: Record<string, unknown>, exp: number): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(exp - 900)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(services.jwtSecret));
}

describe('POST /api/auth/login', () => {
  it('opens a session: httpOnly SameSite=Strict cookie, CSRF token, user with role and scope', async () => {
    const response = await login('Lecteur.Bretagne@demo.local ', 'demo');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({
      email: 'lecteur.bretagne@demo.local',
      role: 'lecteur',
      scope: '53',
      status: 'active',
      authMethods: ['password'],
    });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 15 * 60 });
    const minutes = (Date.parse(body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('answers unknown address and wrong password the same way, in similar time', async () => {
    const unknown = await login('personne@demo.local', 'demo');
    const wrong = await login('editeur@demo.local', 'mauvais');
    for (const response of [unknown, wrong]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        error: {
          code: 'AUTH_INVALID_CREDENTIALS',
          message: 'Adresse électronique ou mot de passe incorrect.',
        },
      });
      expect(response.cookies).toEqual([]);
    }
    // Both paths check one scrypt hash: the unknown address is not answered faster.
    const time = async (email: string) => {
      const started = performance.now();
      await login(email, 'mauvais');
      return performance.now() - started;
    };
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const unknownTimes: number[] = [];
    const wrongTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      unknownTimes.push(await time(`inconnu${i}@demo.local`));
      wrongTimes.push(await time('editeur@demo.local'));
    }
    const ratio = median(unknownTimes) / median(wrongTimes);
    expect(median(wrongTimes)).toBeGreaterThan(10);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('validates the body in French', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('BAD_REQUEST');
  });

  it('is rate limited per address and e-mail (429 in French), other accounts unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await login('cible@demo.local', `essai${i}`)).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const limited = await login('cible@demo.local', 'encore');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'AUTH_RATE_LIMITED' });
    expect(limited.json().error.message).toMatch(
      /^Trop de tentatives de connexion\. Réessayez dans \d+ secondes\.$/,
    );
    expect((await login('admin@demo.local', 'demo')).statusCode).toBe(200);
  });

  it('is rate limited per address whatever the e-mail (password spraying), other addresses unaffected', async () => {
    // The default limit of the settings, on an app of its own so other tests' logins do not count.
    const sprayed = await buildApp(
      {
        ...services,
        settings: {
          ...services.settings,
          loginRateLimitPerAddress: loadSettings({}).loginRateLimitPerAddress,
        },
      },
      { logger: false },
    );
    const from = (remoteAddress: string, email: string) =>
      sprayed.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        payload: { email, password: 'Printemps2026!' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await from('192.0.2.10', `agent${i}@demo.local`)).statusCode);
    expect(statuses).toEqual([...Array(20).fill(401), ...Array(10).fill(429)]);
    const limited = await from('192.0.2.10', 'admin@demo.local');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('AUTH_RATE_LIMITED');
    expect(limited.json().error.message).toMatch(
      /^Trop de tentatives de connexion\. Réessayez dans \d+ secondes\.$/,
    );
    expect((await from('192.0.2.11', 'agent0@demo.local')).statusCode).toBe(401);
    await sprayed.close();
  });

  it('behind a trusted reverse proxy, counts and audits the agent’s address, not the proxy’s', async () => {
    // A small quota of its own: each refused login costs a whole scrypt (same time as a known
    // address), and the default of 20 made this test 46 of them (48 s on a loaded machine).
    // The default quota has its own test above.
    const limit = 5;
    const open = (trustProxy: false | string) =>
      buildApp(
        { ...services, settings: { ...services.settings, loginRateLimitPerAddress: limit, trustProxy } },
        { logger: false },
      );
    // Every agent arrives through the proxy at 10.0.0.5, each with their own forwarded address.
    const through = (proxied: Awaited<ReturnType<typeof open>>, agent: number) =>
      proxied.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.0.0.5',
        headers: { 'x-forwarded-for': `198.51.100.${agent}` },
        payload: { email: `agent${agent}@demo.local`, password: 'faux' },
      });
    const trusted = await open('10.0.0.0/8');
    const statuses: number[] = [];
    for (let agent = 1; agent <= limit + 5; agent++)
      statuses.push((await through(trusted, agent)).statusCode);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const entries = await services.audit.latest(500);
    expect(entries.find((e) => e.actorEmail === 'agent3@demo.local')?.ip).toBe('198.51.100.3');
    await trusted.close();

    // Not trusted (the default): the forwarded header is ignored, everyone shares the proxy's quota.
    const untrusted = await open(false);
    const shared: number[] = [];
    for (let agent = 1; agent <= limit + 1; agent++)
      shared.push((await through(untrusted, agent)).statusCode);
    expect(shared.at(-1)).toBe(429);
    await untrusted.close();
  });

  it('writes logins and failed logins to the audit journal', async () => {
    const entries = await services.audit.latest(500);
    expect(
      entries.find((e) => e.action === 'login' && e.actorEmail === 'lecteur.bretagne@demo.local'),
    ).toMatchObject({ outcome: 'success', ip: '127.0.0.1', details: { method: 'password' } });
    const failed = entries.find((e) => e.action === 'login_failed' && e.actorEmail === 'personne@demo.local');
    expect(failed).toMatchObject({ outcome: 'failure', actorId: null });
  });
});

describe('sessions', () => {
  it('GET /api/me returns the user and the same CSRF token; anonymous gets 401', async () => {
    const session = await loginAs(app, 'editeur@demo.local');
    const response = await me({ cookie: session.cookie });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { email: 'editeur@demo.local', role: 'editeur', scope: 'NAT' },
      csrfToken: session.csrfToken,
    });
    const anonymous = await me({});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('refuses a tampered token (payload changed, alg none, other key)', async () => {
    const session = await loginAs(app, 'lecteur.bretagne@demo.local');
    const token = session.cookie.slice(SESSION_COOKIE.length + 1);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const admin = await services.users.byEmail('admin@demo.local');
    const changed = Buffer.from(JSON.stringify({ ...claims, sub: String(admin?.id) })).toString('base64url');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const otherKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('une-autre-clé-de-trente-deux-caractères'));
    for (const forged of [`${header}.${changed}.${signature}`, none, otherKey]) {
      const response = await me({ cookie: `${SESSION_COOKIE}=${forged}` });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('AUTH_REQUIRED');
    }
    expect((await me({ cookie: session.cookie })).statusCode).toBe(200);
  });

  it('refuses an expired token, and a validly signed token that is not a session', async () => {
    const user = await services.users.byEmail('admin@demo.local');
    const base = { typ: 'session', sub: String(user?.id), ver: user?.tokenVersion, sid: 'abc', auth: 0 };
    const now = Math.floor(Date.now() / 1000);
    const expired = await forge({ ...base, auth: now - 1000 }, now - 10);
    expect((await me({ cookie: `${SESSION_COOKIE}=${expired}` })).statusCode).toBe(401);
    const valid = await forge({ ...base, auth: now - 60 }, now + 600);
    expect((await me({ cookie: `${SESSION_COOKIE}=${valid}` })).statusCode).toBe(200);
    const notSession = await forge({ ...base, typ: 'embed', auth: now - 60 }, now + 600);
    expect((await me({ cookie: `${SESSION_COOKIE}=${notSession}` })).statusCode).toBe(401);
    // Over the 12-hour cap since login, even with a fresh expiry.
    const tooOld = await forge({ ...base, auth: now - 13 * 3600 }, now + 600);
    expect((await me({ cookie: `${SESSION_COOKIE}=${tooOld}` })).statusCode).toBe(401);
  });

  it('renews a token past half its life, keeping the same CSRF token', async () => {
    const user = await services.users.byEmail('editeur@demo.local');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      typ: 'session',
      sub: String(user?.id),
      ver: user?.tokenVersion,
      sid: 'sid-renouvele',
      auth: now - 600,
    };
    const old = await forge(claims, now + 120);
    const response = await me({ cookie: `${SESSION_COOKIE}=${old}` });
    expect(response.statusCode).toBe(200);
    const renewed = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(renewed?.value).toBeDefined();
    expect(renewed?.value).not.toBe(old);
    expect(Date.parse(response.json().expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    const again = await me({ cookie: `${SESSION_COOKIE}=${renewed?.value}` });
    expect(again.json().csrfToken).toBe(response.json().csrfToken);
    // A token with plenty of life left is not reissued on every request.
    const fresh = await forge(claims, now + 900);
    expect((await me({ cookie: `${SESSION_COOKIE}=${fresh}` })).cookies).toEqual([]);
  });

  it('logout revokes the token (even a copy of it) and clears the cookie', async () => {
    const session = await loginAs(app, 'editeur@demo.local');
    const response = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    expect((await me({ cookie: session.cookie })).statusCode).toBe(401);
    const entries = await services.audit.latest(20, 'logout');
    expect(entries[0]?.actorEmail).toBe('editeur@demo.local');
  });

  it('disabling a user ends their sessions at once; their right password then answers like a wrong one', async () => {
    const admin = await loginAs(app, 'admin@demo.local');
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        email: 'agent.temp@demo.local',
        name: 'Agent temporaire',
        role: 'lecteur',
        scope: '84',
        password: 'un mot de passe long',
      },
    });
    expect(created.statusCode).toBe(201);
    const agent = await loginAs(app, 'agent.temp@demo.local', 'un mot de passe long');
    expect((await me({ cookie: agent.cookie })).statusCode).toBe(200);
    const disabled = await app.inject({
      method: 'PATCH',
      url: `/api/users/${created.json().user.id}`,
      headers: admin.headers,
      payload: { status: 'disabled' },
    });
    expect(disabled.statusCode).toBe(200);
    expect((await me({ cookie: agent.cookie })).statusCode).toBe(401);
    // Right and wrong password on a disabled account, and an unknown address: one same answer,
    // so a correct password is never confirmed.
    const right = await login('agent.temp@demo.local', 'un mot de passe long');
    const wrong = await login('agent.temp@demo.local', 'faux');
    const unknown = await login('personne@demo.local', 'un mot de passe long');
    for (const response of [right, wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        error: {
          code: 'AUTH_INVALID_CREDENTIALS',
          message: 'Adresse électronique ou mot de passe incorrect.',
        },
      });
    }
    // The journal, for administrators, says why.
    const [wrongFailure, rightFailure] = (await services.audit.latest(3, 'login_failed')).slice(1);
    expect(wrongFailure?.details).toEqual({ method: 'password' });
    expect(rightFailure).toMatchObject({
      actorEmail: 'agent.temp@demo.local',
      details: { method: 'password', reason: 'disabled' },
    });
  });
});

describe('CSRF', () => {
  let session: TestSession;
  beforeAll(async () => {
    session = await loginAs(app, 'lecteur.bretagne@demo.local');
  });

  it('refuses a state-changing request without the x-csrf-token header (403 AUTH_CSRF)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/query',
      payload: spec,
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toEqual({
      code: 'AUTH_CSRF',
      message:
        'Jeton anti-falsification (en-tête x-csrf-token) absent ou invalide. Rechargez la page puis réessayez.',
    });
  });

  it('refuses another session’s token and accepts its own', async () => {
    const other = await loginAs(app, 'editeur@demo.local');
    const stolen = await app.inject({
      method: 'POST',
      url: '/api/query',
      payload: spec,
      headers: { cookie: session.cookie, 'x-csrf-token': other.csrfToken },
    });
    expect(stolen.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/query',
      payload: spec,
      headers: session.headers,
    });
    expect(ok.statusCode).toBe(200);
  });

  it('logout also needs the token (no cross-site logout)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect((await me({ cookie: session.cookie })).statusCode).toBe(200);
  });
});
