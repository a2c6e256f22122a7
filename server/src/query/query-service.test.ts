import type { DatasetDefinition, QuerySpec } from '@dataetat/widgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { openTestServices } from '../testing/harness.ts';
import { DataVersions } from './data-versions.ts';
import { QueryService } from './query-service.ts';
import { MemoryResultCache, RedisResultCache } from './result-cache.ts';

const spec: QuerySpec = {
  dataset: 'dotations_investissement',
  measures: ['montant_subvention', 'nb_projets'],
  dimensions: ['dotation'],
  sort: [{ field: 'dotation', dir: 'asc' }],
};

let services: Awaited<ReturnType<typeof openTestServices>>;
beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
});
afterAll(async () => {
  await services.cleanup();
});

const redisUrl = process.env.TEST_REDIS_URL;
const caches = [
  { name: 'memory', make: () => new MemoryResultCache({ maxBytes: 1 << 20, ttlMs: 60_000 }) },
  ...(redisUrl
    ? [
        {
          name: 'redis',
          make: () =>
            new RedisResultCache(redisUrl, { ttlMs: 60_000, prefix: `dataetat:test:${Date.now()}:` }),
        },
      ]
    : []),
];

describe.each(caches)('result cache ($name)', ({ make }) => {
  it('serves a repeated query from the cache and misses after a data load', async () => {
    const cache = make();
    const versions = new DataVersions(services.loads);
    await versions.refresh();
    const queries = new QueryService({
      catalogue: services.catalogue,
      warehouse: services.warehouse,
      versions,
      cache,
      maxRows: 1000,
      timeoutMs: 10_000,
    });
    const first = await queries.run(spec, { scope: 'NAT' });
    expect(first.meta.cached).toBe(false);
    const second = await queries.run(spec, { scope: 'NAT' });
    expect(second.meta.cached).toBe(true);
    expect(second.rows).toEqual(first.rows);
    expect(second.totals).toEqual(first.totals);

    // Another scope is another query: never served from someone else's cache entry.
    const scoped = await queries.run(spec, { scope: '53' });
    expect(scoped.meta.cached).toBe(false);
    expect(scoped.rows).not.toEqual(first.rows);

    // A new load of the dataset bumps the data version: the old entry is not used.
    const id = await services.loads.start({
      dataset: spec.dataset,
      source: 'test',
      fingerprint: 'x',
      engine: 'duckdb',
    });
    await services.loads.succeed(id, { rowsLoaded: 1, rowsUnplaced: 0, rowsRejected: 0, report: {} });
    await versions.refresh();
    const third = await queries.run(spec, { scope: 'NAT' });
    expect(third.meta.cached).toBe(false);
    expect(third.meta.dataVersion).toMatch(new RegExp(`^${spec.dataset}@${id}\\.[0-9a-z]+$`));
    await cache.close();
  });

  it('keeps locked filters in the key of a memoised plan, and one view per cache entry', async () => {
    const cache = make();
    const options = {
      catalogue: services.catalogue,
      warehouse: services.warehouse,
      versions: services.versions,
      cache,
      maxRows: 1000,
      timeoutMs: 10_000,
    };
    const queries = new QueryService(options);
    const open = await queries.run(spec, { scope: 'NAT' });
    const [firstRow] = open.rows;
    expect(open.rows.length).toBeGreaterThan(1);
    // Same spec, same scope, a locked filter: another plan and another entry, never the open one.
    const locked = {
      scope: 'NAT',
      lockedFilters: [{ field: 'dotation', op: 'eq' as const, values: [firstRow?.[0] ?? ''] }],
    };
    const narrowed = await queries.run(spec, locked);
    expect(narrowed.meta.cached).toBe(false);
    expect(narrowed.rows).toEqual([firstRow]);
    expect((await queries.run(spec, locked)).rows).toEqual([firstRow]);
    expect((await queries.run(spec, { scope: 'NAT' })).rows).toEqual(open.rows);
    // The prepared key is the one a fresh plan gives: the memo changes nothing but the time.
    expect(queries.prepare(spec, locked).key).toBe(new QueryService(options).prepare(spec, locked).key);
    // A hit is the same object each time (its serialised bytes can be kept beside it)… in memory.
    const prepared = queries.prepare(spec, { scope: 'NAT' });
    const hit = await queries.lookup(prepared);
    expect(hit?.meta.cached).toBe(true);
    if (cache.kind === 'memory') expect(await queries.lookup(prepared)).toBe(hit);
    await cache.close();
  });
});

describe('query execution', () => {
  it('shares one engine execution between identical concurrent queries', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        services.queries.run(
          { ...spec, filters: [{ field: 'annee', op: 'eq', values: [2019] }] },
          { scope: 'NAT' },
        ),
      ),
    );
    expect(new Set(results.map((r) => JSON.stringify(r.rows))).size).toBe(1);
  });

  it('stops a query past the time limit with a French 504', async () => {
    await services.warehouse.query(
      'CREATE OR REPLACE VIEW slow_numbers AS SELECT i % 7 AS k, CAST(i AS DOUBLE) AS v FROM range(20000000000) t(i)',
    );
    const slow: DatasetDefinition = {
      id: 'slow_numbers',
      title: 'Lent',
      description: 'Une vue interminable',
      source: { name: 'test', licence: 'test' },
      demo: true,
      grain: 'un nombre',
      table: 'slow_numbers',
      scopeField: null,
      dimensions: [{ id: 'k', label: 'K', type: 'code', column: 'k' }],
      measures: [{ id: 'total', label: 'Total', aggregate: { kind: 'sum', column: 'v' }, format: 'number' }],
    };
    const id = await services.loads.start({
      dataset: 'slow_numbers',
      source: 'test',
      fingerprint: 's',
      engine: 'duckdb',
    });
    await services.loads.succeed(id, { rowsLoaded: 0, rowsUnplaced: 0, rowsRejected: 0, report: {} });
    const versions = new DataVersions(services.loads);
    await versions.refresh();
    const options = {
      catalogue: new Map([[slow.id, slow]]),
      warehouse: services.warehouse,
      versions,
      cache: new MemoryResultCache({ maxBytes: 1 << 20, ttlMs: 60_000 }),
      maxRows: 100,
      timeoutMs: 200,
    };
    const queries = new QueryService(options);
    const started = performance.now();
    const error = await queries
      .run({ dataset: 'slow_numbers', measures: ['total'], dimensions: ['k'] }, { scope: 'NAT' })
      .catch((e) => e);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'QUERY_TIMEOUT', status: 504 });
    expect(error.message).toContain('200 ms');

    // Cancelling (client gone) stops it too.
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const patient = new QueryService({ ...options, timeoutMs: 60_000 });
    const cancelled = await patient
      .run({ dataset: 'slow_numbers', measures: ['total'] }, { scope: 'NAT' }, { signal: abort.signal })
      .catch((e) => e);
    expect(cancelled).toMatchObject({ code: 'QUERY_CANCELLED' });
  });
});
