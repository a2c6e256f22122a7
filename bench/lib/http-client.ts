import type { QueryResult, QuerySpec } from '@dataetat/widgets';

export interface Account {
  readonly email: string;
  readonly password: string;
}

/** Demo account of the server (national scope, may query); password of every demo account. */
const BENCH_ACCOUNT: Account = { email: 'editeur@demo.local', password: 'demo' };
/** Demo reader (role lecteur, scope région Bretagne): the server narrows each query to its scope. */
export const READER_ACCOUNT: Account = { email: 'lecteur.bretagne@demo.local', password: 'demo' };
/** Demo administrator (national scope): may share the reference dashboards, which have no owner. */
export const ADMIN_ACCOUNT: Account = { email: 'admin@demo.local', password: 'demo' };
const SESSION_COOKIE = 'dataetat_session';
const CSRF_HEADER = 'x-csrf-token';

/** A signed-in client of one server: the headers every request carries. */
export interface QueryClient {
  readonly baseUrl: string;
  /** Session cookie and CSRF header (required on POST). */
  readonly headers: Readonly<Record<string, string>>;
}

/** Signs in through `POST /api/auth/login` as the web app does (cookie + CSRF token). */
export async function signIn(baseUrl: string, account: Account = BENCH_ACCOUNT): Promise<QueryClient> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in as ${account.email} refused: ${response.status} ${await response.text()}`);
  }
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error('sign-in answered without a session cookie');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { baseUrl, headers: { cookie: session, [CSRF_HEADER]: csrfToken } };
}

/** `POST /api/query` as the web app does it (fetch, JSON body, parsed JSON result). */
export async function postQuery(client: QueryClient, spec: QuerySpec): Promise<QueryResult> {
  const response = await fetch(`${client.baseUrl}/api/query`, {
    method: 'POST',
    headers: { ...client.headers, 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  if (!response.ok) {
    throw new Error(`POST /api/query → ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as QueryResult;
}
