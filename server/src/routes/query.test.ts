/**
 * `POST /api/query` over a real socket: in-flight sharing between users, and what a client
 * closing its connection does to the others (issue 15).
 */
import type { DatasetDefinition, QueryResult, QuerySpec } from '@dataetat/widgets';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { AppError } from '../errors.ts';
import { QueryService } from '../query/query-service.ts';
import { MemoryResultCache } from '../query/result-cache.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginOverHttp, type TestSession } from '../testing/session.ts';

/** A real table scan of a second or so on DuckDB (≈ 0.8 s per 10⁸ rows on the reference machine). */
const SLOW_ROWS = 100_000_000;
const slow: DatasetDefinition = {
  id: 'slow_count',
  title: 'Lent',
  description: 'Des nombres, comptés par reste de la division par 7',
  source: { name: 'test', licence: 'test' },
  demo: true,
  grain: 'un nombre',
  table: 'slow_count',
  scopeField: null,
  dimensions: [{ id: 'k', label: 'Reste', type: 'code', column: 'k' }],
  measures: [{ id: 'nb', label: 'Nombre', aggregate: { kind: 'count' }, format: 'integer' }],
};
const endless: DatasetDefinition = { ...slow, id: 'endless_count', table: 'endless_count' };
const spec: QuerySpec = {
  dataset: 'slow_count',
  dimensions: ['k'],
  measures: ['nb'],
  sort: [{ field: 'k', dir: 'asc' }],
};
/** Numbers i < SLOW_ROWS with i % 7 = k. */
const expectedRows = Array.from({ length: 7 }, (_v, k) => [
  String(k),
  Math.floor((SLOW_ROWS - 1 - k) / 7) + 1,
]);

let services: Awaited<ReturnType<typeof openTestServices>>;
let queries: QueryService;
let app: FastifyInstance;
let baseUrl: string;
let editeur: TestSession;

beforeAll(async () => {
  // One engine query at a time: a query left running would block every later one.
  services = await openTestServices({ chorusLines: 2_000, warehouseConcurrency: 1 });
  await services.warehouse.query(
    `CREATE OR REPLACE VIEW slow_count AS SELECT i % 7 AS k FROM range(${SLOW_ROWS}) t(i)`,
  );
  // Never ends: only a cancellation stops it.
  await services.warehouse.query(
    'CREATE OR REPLACE VIEW endless_count AS SELECT i % 7 AS k FROM range(1000000000000) t(i)',
  );
  const load = await services.loads.start({
    dataset: slow.id,
    source: 'test',
    fingerprint: 's',
    engine: 'duckdb',
  });
  await services.loads.succeed(load, { rowsLoaded: 0, rowsUnplaced: 0, rowsRejected: 0, report: {} });
  const endlessLoad = await services.loads.start({
    dataset: endless.id,
    source: 'test',
    fingerprint: 'e',
    engine: 'duckdb',
  });
  await services.loads.succeed(endlessLoad, { rowsLoaded: 0, rowsUnplaced: 0, rowsRejected: 0, report: {} });
  await services.versions.refresh();
  queries = new QueryService({
    catalogue: new Map(services.catalogue).set(slow.id, slow).set(endless.id, endless),
    warehouse: services.warehouse,
    versions: services.versions,
    // No cache: every run below is a fresh engine query.
    cache: new MemoryResultCache({ maxBytes: 1, ttlMs: 1 }),
    maxRows: 1000,
    timeoutMs: 60_000,
  });
  app = await buildApp({ ...services, queries }, { logger: false });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  editeur = await loginOverHttp(baseUrl, 'editeur@demo.local');
}, 60_000);
afterAll(async () => {
  await app?.close();
  await services?.cleanup();
});

function post(body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${baseUrl}/api/query`, {
    method: 'POST',
    headers: { ...editeur.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal && { signal }),
  });
}

describe('in-flight sharing', () => {
  it('one user closing the connection does not cancel the same query for another', async () => {
    const leaving = new AbortController();
    const first = post(spec, leaving.signal).catch((error: unknown) => error);
    const second = post(spec);
    setTimeout(() => leaving.abort(), 100);
    expect(await first).toMatchObject({ name: 'AbortError' });
    const response = await second;
    expect(response.status).toBe(200);
    const result = (await response.json()) as QueryResult;
    expect(result.rows).toEqual(expectedRows);
    // Both were waiting on one engine run that outlived the first client.
    expect(result.meta.engineMs).toBeGreaterThan(100);
  }, 60_000);

  it('stops the engine query when every waiter has gone, and a later one runs afresh', async () => {
    const endlessSpec = { ...spec, dataset: endless.id };
    const leaving = [new AbortController(), new AbortController()];
    const waiting = leaving.map((c) =>
      queries.run(endlessSpec, { scope: 'NAT' }, { signal: c.signal }).catch((e: unknown) => e),
    );
    setTimeout(() => leaving[0]?.abort(), 100);
    setTimeout(() => leaving[1]?.abort(), 200);
    for (const outcome of await Promise.all(waiting)) {
      expect(outcome).toBeInstanceOf(AppError);
      expect(outcome).toMatchObject({ code: 'QUERY_CANCELLED', status: 499 });
    }
    // The warehouse runs one query at a time: this one only gets through if the endless query
    // was stopped when its last waiter left.
    const later = await queries.run(spec, { scope: 'NAT' });
    expect(later.rows).toEqual(expectedRows);
    // A new identical query starts afresh instead of joining the cancelled run.
    const again = new AbortController();
    const retried = queries
      .run(endlessSpec, { scope: 'NAT' }, { signal: again.signal })
      .catch((e: unknown) => e);
    setTimeout(() => again.abort(), 100);
    expect(await retried).toMatchObject({ code: 'QUERY_CANCELLED' });
  }, 60_000);
});
