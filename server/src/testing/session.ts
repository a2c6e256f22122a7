import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../auth/demo.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/session.ts';

/** A signed-in test client: headers to pass to `inject` or `fetch`. */
export interface TestSession {
  readonly cookie: string;
  readonly csrfToken: string;
  /** Cookie and CSRF header, for any request (the CSRF header is required on POST/PATCH/DELETE). */
  readonly headers: { cookie: string; 'x-csrf-token': string };
}

function toSession(sessionCookie: string | undefined, csrfToken: string): TestSession {
  if (!sessionCookie) throw new Error('la réponse de connexion ne pose pas de cookie de session');
  const cookie = `${SESSION_COOKIE}=${sessionCookie}`;
  return { cookie, csrfToken, headers: { cookie, [CSRF_HEADER]: csrfToken } as TestSession['headers'] };
}

/** Logs in through `POST /api/auth/login` (demo accounts: password « demo »). */
export async function loginAs(
  app: FastifyInstance,
  email: string,
  password = DEMO_PASSWORD,
): Promise<TestSession> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) {
    throw new Error(`connexion de ${email} refusée : ${response.statusCode} ${response.body}`);
  }
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  return toSession(cookie, response.json<{ csrfToken: string }>().csrfToken);
}

/** Same over a real socket (`startServer` tests, benchmarks). */
export async function loginOverHttp(
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<TestSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) {
    throw new Error(`connexion de ${email} refusée : ${response.status} ${await response.text()}`);
  }
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const value = setCookie?.split(';')[0]?.slice(SESSION_COOKIE.length + 1);
  return toSession(value, ((await response.json()) as { csrfToken: string }).csrfToken);
}
