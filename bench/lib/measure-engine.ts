import type { RunningServer } from '@dataetat/server';
import type { QuerySpec } from '@dataetat/widgets';
import { postQuery, type QueryClient } from './http-client.ts';
import { type Summary, summarise, timed } from './stats.ts';

export interface EngineRuns {
  /** Maximum timed runs of each kind (after warm-up). */
  readonly runs: number;
  /**
   * Wall-clock budget in seconds: timed runs stop past it (after at least one). A first engine
   * run longer than the budget is cancelled and the spec reported as timed out.
   */
  readonly seconds: number;
  readonly warmup: number;
}

export type EngineFigures =
  | {
      readonly timedOut: false;
      /** warehouse.query on the compiled SQL, nothing else. */
      readonly raw: Summary;
      /** POST /api/query on the listener, cache off. */
      readonly http: Summary;
      /**
       * Per request, HTTP time − the server's own `meta.engineMs`: the overhead paired request
       * by request, free of the engine's run-to-run variance (which dominates slow specs).
       */
      readonly pairedOverhead: Summary;
      /** Rows of the shaped result (sanity: a spec returning nothing measures nothing). */
      readonly rowCount: number;
    }
  | { readonly timedOut: true; readonly timeoutMs: number };

const NATIONAL = { scope: 'NAT' } as const;

/**
 * Makes sure the next HTTP request reaches the engine. With DATAETAT_CACHE=off this does
 * nothing; on a server without that setting it empties the in-process cache.
 */
export async function bypassCache(server: RunningServer): Promise<void> {
  if (server.services.cache.kind !== 'off') await server.services.cache.close();
}

const isTimeout = (error: unknown) => error instanceof Error && error.name === 'QueryTimeoutError';

/**
 * Raw engine time and HTTP time of one spec, interleaved (raw, HTTP, raw, HTTP…) so both see
 * the same machine state; HTTP overhead = HTTP median − raw median.
 */
export async function measureEngine(
  server: RunningServer,
  client: QueryClient,
  spec: QuerySpec,
  runs: EngineRuns,
): Promise<EngineFigures> {
  const { warehouse, queries } = server.services;
  const { compiled } = queries.planQuery(spec, NATIONAL);
  const timeoutMs = runs.seconds * 1000;
  const raw = () => warehouse.query(compiled.sql, compiled.params, { timeoutMs });
  let rowCount = 0;
  let engineMs = 0;
  const http = async () => {
    await bypassCache(server);
    const result = await postQuery(client, spec);
    if (result.meta.cached) throw new Error('the cache answered a cache-off measurement');
    rowCount = result.meta.rowCount;
    engineMs = result.meta.engineMs;
  };
  try {
    await raw();
  } catch (error) {
    if (isTimeout(error)) return { timedOut: true, timeoutMs };
    throw error;
  }
  await http();
  for (let i = 1; i < runs.warmup; i++) {
    await raw();
    await http();
  }
  const rawSamples: number[] = [];
  const httpSamples: number[] = [];
  const pairedSamples: number[] = [];
  const deadline = performance.now() + runs.seconds * 1000;
  while (rawSamples.length < runs.runs && (rawSamples.length === 0 || performance.now() < deadline)) {
    rawSamples.push(await timed(raw));
    const httpMs = await timed(http);
    httpSamples.push(httpMs);
    pairedSamples.push(httpMs - engineMs);
  }
  return {
    timedOut: false,
    raw: summarise(rawSamples),
    http: summarise(httpSamples),
    pairedOverhead: summarise(pairedSamples),
    rowCount,
  };
}

export interface RoutedFigures {
  /**
   * Null when the server answered from the base table (then it is the cache-off figure). Else
   * the raw engine time on the rollup's own SQL (the peer line: what the engine alone gives
   * through that table), the HTTP time and the paired overhead, interleaved as `measureEngine`.
   */
  readonly figures: Extract<EngineFigures, { timedOut: false }> | null;
  /** Rollup table the server answered from (`meta.rollup`), null for the base table. */
  readonly table: string | null;
  /** The first request on a freshly started server (cold: nothing cached by the engine yet), ms. */
  readonly firstMs: number | null;
}

/**
 * On a server routing to rollups (cache off): the first request (cold), then, when a rollup
 * answered it, raw engine runs on the routed SQL interleaved with HTTP requests. A spec the
 * server answers from the base table is not timed again.
 */
export async function measureRouted(
  server: RunningServer,
  client: QueryClient,
  spec: QuerySpec,
  runs: EngineRuns,
): Promise<RoutedFigures> {
  await bypassCache(server);
  const started = performance.now();
  const table = (await postQuery(client, spec)).meta.rollup ?? null;
  const firstMs = performance.now() - started;
  if (table === null) return { figures: null, table, firstMs: null };
  const figures = await measureEngine(server, client, spec, runs);
  if (figures.timedOut) throw new Error(`a rollup query (${table}) took over ${figures.timeoutMs} ms`);
  return { figures, table, firstMs };
}

/** The same spec repeated on a cache-on server: every timed request must be a cache hit. */
export async function measureCached(client: QueryClient, spec: QuerySpec, runs: number): Promise<Summary> {
  for (let i = 0; i < 20; i++) await postQuery(client, spec);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = await postQuery(client, spec);
    samples.push(performance.now() - started);
    if (!result.meta.cached) throw new Error('a cached measurement missed the cache');
  }
  return summarise(samples);
}
