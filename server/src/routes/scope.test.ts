import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

/**
 * Territorial scope: the same request as `lecteur.bretagne` (scope 53) and as the national
 * admin. Whatever the spec asks (other région, all régions, a département elsewhere), the
 * Bretagne user only ever gets région 53 rows; figures are checked against direct SQL.
 */
let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let bretagne: TestSession;
let admin: TestSession;

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 20_000 });
  app = await buildApp(services, { logger: false });
  bretagne = await loginAs(app, 'lecteur.bretagne@demo.local');
  admin = await loginAs(app, 'admin@demo.local');
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

interface Result {
  columns: { id: string }[];
  rows: (string | number | null)[][];
  totals?: Record<string, number>;
}

async function query(session: TestSession, spec: object): Promise<Result> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/query',
    payload: spec,
    headers: session.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Result>();
}

/** Independent figures straight from the warehouse: per région (unplaced rows: 'null'), [rows, sum]. */
async function perRegion(table: string, sumColumn: string): Promise<Map<string, [number, number]>> {
  const { rows } = await services.warehouse.query(
    `SELECT region, count(*), coalesce(sum(${sumColumn}), 0) FROM ${table} GROUP BY region`,
  );
  return new Map(rows.map((r) => [String(r[0]), [Number(r[1]), Number(r[2])]]));
}

const DATASETS = [
  { dataset: 'dotations_investissement', sum: 'montant_subvention', count: 'nb_projets' },
  { dataset: 'politique_ville_postes', sum: 'montant', count: 'nb_postes' },
  { dataset: 'chorus_lignes', sum: 'montant_ae', count: 'nb_lignes' },
] as const;

describe.each(DATASETS)('scope on $dataset', ({ dataset, sum, count }) => {
  it('by région: Bretagne sees only 53, the admin sees every région, both match SQL', async () => {
    const expected = await perRegion(dataset, sum);
    const bretagneTotals = expected.get('53');
    expect(bretagneTotals?.[0]).toBeGreaterThan(0);
    const spec = { dataset, measures: [sum, count], dimensions: ['region'], totals: true, limit: 100 };

    const scoped = await query(bretagne, spec);
    expect(scoped.rows.map((r) => r[0])).toEqual(['53']);
    const sumIndex = scoped.columns.findIndex((c) => c.id === sum);
    const countIndex = scoped.columns.findIndex((c) => c.id === count);
    expect(Number(scoped.rows[0]?.[countIndex])).toBe(bretagneTotals?.[0]);
    expect(Number(scoped.rows[0]?.[sumIndex])).toBeCloseTo(bretagneTotals?.[1] ?? Number.NaN, 2);
    expect(Number(scoped.totals?.[count])).toBe(bretagneTotals?.[0]);

    const national = await query(admin, spec);
    // The national view includes the rows no région could be given (kept, never dropped).
    expect(national.rows.map((r) => String(r[0])).sort()).toEqual([...expected.keys()].sort());
    expect(national.rows.length).toBeGreaterThan(10);
  });

  it('a filter on another région gives nothing, not that région', async () => {
    const spec = {
      dataset,
      measures: [count],
      dimensions: ['region'],
      filters: [{ field: 'region', op: 'in', values: ['11', '84'] }],
    };
    expect((await query(bretagne, spec)).rows).toEqual([]);
    expect((await query(admin, spec)).rows.map((r) => r[0]).sort()).toEqual(['11', '84']);
  });

  it('a spec without any geography still only counts Bretagne', async () => {
    const expected = await perRegion(dataset, sum);
    const spec = { dataset, measures: [count] };
    expect((await query(bretagne, spec)).rows).toEqual([[expected.get('53')?.[0]]]);
    const { rows: all } = await services.warehouse.query(`SELECT count(*) FROM ${dataset}`);
    expect((await query(admin, spec)).rows).toEqual([[Number(all[0]?.[0])]]);
  });

  it('trying to widen with or-like filters (not_in, is_null) stays inside 53', async () => {
    const spec = {
      dataset,
      measures: [count],
      dimensions: ['region'],
      filters: [{ field: 'region', op: 'not_in', values: ['53'] }],
    };
    expect((await query(bretagne, spec)).rows).toEqual([]);
    const nulls = {
      dataset,
      measures: [count],
      dimensions: ['departement'],
      filters: [{ field: 'region', op: 'is_null', values: [] }],
    };
    expect((await query(bretagne, nulls)).rows).toEqual([]);
  });
});

describe('scope on the other read paths', () => {
  it('values endpoint: Bretagne only lists Bretagne départements', async () => {
    const response = await app.inject({
      url: '/api/datasets/dotations_investissement/values/departement?limit=500',
      headers: bretagne.headers,
    });
    expect(response.statusCode).toBe(200);
    const values = response.json<{ values: { value: string; count: number }[] }>().values;
    expect(values.map((v) => v.value).sort()).toEqual(['22', '29', '35', '56']);
    const { rows } = await services.warehouse.query(
      "SELECT departement, count(*) FROM dotations_investissement WHERE region = '53' GROUP BY 1 ORDER BY 1",
    );
    expect(values.map((v) => [v.value, v.count]).sort()).toEqual(
      rows.map((r) => [String(r[0]), Number(r[1])]),
    );
    const regions = await app.inject({
      url: '/api/datasets/chorus_lignes/values/region',
      headers: bretagne.headers,
    });
    expect(regions.json<{ values: { value: string }[] }>().values.map((v) => v.value)).toEqual(['53']);
  });

  it('reference pickers stay national (public COG lists)', async () => {
    const response = await app.inject({ url: '/api/reference/regions', headers: bretagne.headers });
    expect(response.json<{ values: unknown[] }>().values.length).toBeGreaterThanOrEqual(18);
  });
});
