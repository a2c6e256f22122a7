import { Agent, request } from 'node:http';
import { gunzipSync } from 'node:zlib';
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

/**
 * Kept-alive connections, as a browser keeps them to its page's origin. The timed requests go
 * through `node:http` rather than `fetch`: Node's fetch (undici, in JavaScript, on this same
 * event loop) costs 0.7–1.5 ms a request by itself on this machine, where a browser's fetch is
 * native and runs in another process; the figures are the server's, not the client library's.
 */
const keptAlive = new Agent({ keepAlive: true, maxSockets: 16 });

/** A POST with a JSON body on a kept-alive connection: the status and the (gunzipped) text answered. */
export function postJson(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: keptAlive,
        headers: { ...headers, 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes).toString(
            'utf8',
          );
          resolve({ status: res.statusCode ?? 0, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `POST /api/query` as the web app does it (JSON body, gzip accepted, parsed JSON result). */
export async function postQuery(client: QueryClient, spec: QuerySpec): Promise<QueryResult> {
  const { status, text } = await postJson(
    `${client.baseUrl}/api/query`,
    client.headers,
    JSON.stringify(spec),
  );
  if (status < 200 || status >= 300) throw new Error(`POST /api/query → ${status}: ${text}`);
  return JSON.parse(text) as QueryResult;
}
