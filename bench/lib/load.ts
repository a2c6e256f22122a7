import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { QueryClient } from './http-client.ts';

export interface LoadJob {
  readonly url: string;
  /** Route every request posts to (`/api/query`, `/api/embed/query`). */
  readonly path: string;
  /** Session cookie and CSRF header of a signed-in client, or an embed's bearer token. */
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly seconds: number;
  /** JSON bodies of the POSTs; each connection cycles through them. */
  readonly bodies: readonly string[];
}

export interface LoadOutcome {
  readonly connections: number;
  /** Average requests per second over the run. */
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  /** Answers per HTTP status (`{ "200": 1234, "503": 5 }`): what the non-2xx were. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Latency of every answered request (nearest rank), ms. */
  readonly latencyP50Ms: number;
  readonly latencyP95Ms: number;
  readonly latencyP99Ms: number;
  readonly latencyMaxMs: number;
  readonly seconds: number;
}

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/**
 * autocannon against the client's server in a child process (tsx loader), bodies mixed: widget
 * specs on `POST /api/query` unless `path` names another route (the embed query).
 */
export function runLoad(
  client: QueryClient,
  bodies: readonly unknown[],
  options: { connections: number; seconds: number; path?: string },
): Promise<LoadOutcome> {
  const job: LoadJob = {
    url: client.baseUrl,
    path: options.path ?? '/api/query',
    headers: client.headers,
    connections: options.connections,
    seconds: options.seconds,
    bodies: bodies.map((body) => JSON.stringify(body)),
  };
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: LoadOutcome | undefined;
    child.once('message', (message: LoadOutcome) => {
      outcome = message;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (outcome) resolve(outcome);
      else reject(new Error(`load worker exited with code ${code} without a result`));
    });
    child.send(job);
  });
}
