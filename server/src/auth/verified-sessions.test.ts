import jwt from '@fastify/jwt';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { csrfTokenOf, SESSION_MAX_HOURS } from './session.ts';
import { VerifiedSessions } from './verified-sessions.ts';

const SECRET = 'un secret de test assez long pour HS256 !';
let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify({ logger: false });
  await app.register(jwt, {
    secret: SECRET,
    sign: { algorithm: 'HS256' },
    verify: { algorithms: ['HS256'] },
  });
  await app.ready();
});
afterAll(() => app.close());
afterEach(() => vi.useRealTimers());

function token(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return app.jwt.sign({
    typ: 'session',
    sub: '7',
    ver: 1,
    sid: 'sid-1',
    auth: now,
    iat: now,
    exp: now + 600,
    ...overrides,
  });
}

describe('VerifiedSessions', () => {
  it('verifies a token once, then answers from memory while it is current', () => {
    const sessions = new VerifiedSessions(app.jwt, SECRET);
    const valid = token();
    const first = sessions.read(valid);
    expect(first).toMatchObject({ sub: '7', ver: 1, sid: 'sid-1' });
    expect(sessions.read(valid)).toBe(first);
    expect(sessions.read(undefined)).toBeNull();
  });

  it('refuses forged, foreign and expired tokens, also after a valid one was seen', () => {
    const sessions = new VerifiedSessions(app.jwt, SECRET);
    const valid = token();
    expect(sessions.read(valid)).not.toBeNull();
    const [header, payload, signature = ''] = valid.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ typ: 'session', sub: '1', ver: 1, sid: 's', auth: 1, iat: 1, exp: 9e9 }),
    ).toString('base64url');
    expect(sessions.read(`${header}.${otherPayload}.${signature}`)).toBeNull();
    expect(sessions.read(`${header}.${payload}.${signature.slice(0, -2)}AA`)).toBeNull();
    expect(sessions.read(token({ typ: 'embed' }))).toBeNull();
    expect(sessions.read(token({ exp: Math.floor(Date.now() / 1000) - 1 }))).toBeNull();
  });

  it('stops answering a remembered token when it expires or the session passes its cap', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const sessions = new VerifiedSessions(app.jwt, SECRET);
    const now = Math.floor(Date.now() / 1000);
    const shortLived = token({ exp: now + 60 });
    const oldLogin = token({ auth: now - SESSION_MAX_HOURS * 3600 + 30, exp: now + 600 });
    expect(sessions.read(shortLived)).not.toBeNull();
    expect(sessions.read(oldLogin)).not.toBeNull();
    vi.setSystemTime(Date.now() + 45_000);
    expect(sessions.read(shortLived)).not.toBeNull();
    expect(sessions.read(oldLogin)).toBeNull();
    vi.setSystemTime(Date.now() + 30_000);
    expect(sessions.read(shortLived)).toBeNull();
  });

  it('keeps at most its bound of tokens', () => {
    const sessions = new VerifiedSessions(app.jwt, SECRET, 2);
    const [a, b, c] = ['a', 'b', 'c'].map((sid) => token({ sid }));
    const first = sessions.read(a);
    sessions.read(b);
    sessions.read(c);
    // `a` was dropped: verified again, a new object with the same claims.
    const again = sessions.read(a);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('accepts only the CSRF token of the session', () => {
    const sessions = new VerifiedSessions(app.jwt, SECRET);
    const expected = csrfTokenOf(SECRET, 'sid-1');
    expect(sessions.csrfMatches('sid-1', expected)).toBe(true);
    expect(sessions.csrfMatches('sid-1', expected)).toBe(true);
    expect(sessions.csrfMatches('sid-2', expected)).toBe(false);
    expect(sessions.csrfMatches('sid-1', `${expected.slice(0, -1)}x`)).toBe(false);
    expect(sessions.csrfMatches('sid-1', expected.slice(1))).toBe(false);
    expect(sessions.csrfMatches('sid-1', undefined)).toBe(false);
    expect(sessions.csrfMatches('sid-1', '')).toBe(false);
  });
});
