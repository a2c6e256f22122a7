import { foldForSearch, type QuerySpec, type SecurityContext, searchText } from '@dataetat/widgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../catalogue/index.ts';
import { chorusLoader } from '../seed/chorus/loader.ts';
import { GeoReference } from '../seed/geo-reference.ts';
import { seedDir } from '../testing/harness.ts';
import { testEngines } from '../warehouse/testing.ts';
import type { SqlParam, Warehouse } from '../warehouse/types.ts';
import type { DataVersions } from './data-versions.ts';
import { QueryService } from './query-service.ts';
import { NoResultCache } from './result-cache.ts';

/**
 * A `contains` on the beneficiaries searches their entity table first, then keeps the lines by
 * code. On real loaded Chorus lines, it must give exactly what a plain scan of every line's
 * search text gives, scope and locked filters included, on both engines.
 */
const LINES = 20_000;
const C = 'chorus_lignes';
const ENTITY = 'chorus_lignes__e_beneficiaire';

/** Top beneficiaries by CP whose code or name contains `needle` (query (c) of issue 16). */
const topSpec = (needle: string, extra: QuerySpec['filters'] = []): QuerySpec => ({
  dataset: C,
  measures: ['montant_cp', 'nb_lignes'],
  dimensions: ['beneficiaire'],
  filters: [...extra, { field: 'beneficiaire', op: 'contains', values: [needle] }],
  sort: [{ field: 'montant_cp', dir: 'desc' }],
  limit: 20,
});

/** The same question as plain SQL over every line (the search text's LIKE, no entity table). */
function scanSql(needle: string, where: readonly string[], params: readonly SqlParam[]) {
  const pattern = `%${foldForSearch(needle).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const all = [...params, pattern];
  const conditions = [...where, `beneficiaire_search LIKE $${all.length} ESCAPE '\\'`];
  return {
    sql: `SELECT beneficiaire, beneficiaire_label, CAST(sum(montant_cp) AS DOUBLE PRECISION), count(*)
          FROM ${C} WHERE ${conditions.join(' AND ')}
          GROUP BY 1, 2 ORDER BY 3 DESC NULLS LAST, 1 LIMIT 20`,
    params: all,
  };
}

const CASES: readonly {
  name: string;
  needle: string;
  context: SecurityContext;
  filters?: QuerySpec['filters'];
  where: string[];
  params: SqlParam[];
}[] = [
  { name: 'national', needle: 'commune', context: { scope: 'NAT' }, where: [], params: [] },
  {
    name: 'région 53 as a filter',
    needle: 'COMMUNE',
    context: { scope: 'NAT' },
    filters: [{ field: 'region', op: 'eq', values: ['53'] }],
    where: ['region = $1'],
    params: ['53'],
  },
  {
    name: 'région 53 as the scope',
    needle: 'Commune',
    context: { scope: '53' },
    where: ['region = $1'],
    params: ['53'],
  },
  {
    name: 'scope and locked filter',
    needle: 'association',
    context: { scope: '84', lockedFilters: [{ field: 'departement', op: 'in', values: ['69', '42'] }] },
    where: ['departement IN ($1, $2)', 'region = $3'],
    params: ['69', '42', '84'],
  },
  {
    name: 'accents, case and dashes',
    needle: 'SAINT-ÉTIENNE',
    context: { scope: 'NAT' },
    where: [],
    params: [],
  },
  { name: 'a SIRET prefix', needle: '21', context: { scope: '11' }, where: ['region = $1'], params: ['11'] },
  { name: 'nothing', needle: 'zzz_%', context: { scope: 'NAT' }, where: [], params: [] },
];

describe.each(testEngines)('entity search on $name', (engine) => {
  let warehouse: Warehouse & { dispose(): Promise<void> };
  let queries: QueryService;

  beforeAll(async () => {
    warehouse = await engine.open();
    await chorusLoader(LINES).load({ seedDir, warehouse, geo: GeoReference.load() });
    queries = new QueryService({
      catalogue,
      warehouse,
      versions: {
        get: () => ({
          id: 1,
          startedAt: new Date('2026-01-01T00:00:00Z'),
          finishedAt: new Date('2026-01-01T00:00:00Z'),
        }),
      } as unknown as DataVersions,
      cache: new NoResultCache(),
      maxRows: 5_000,
      timeoutMs: 60_000,
    });
  }, 120_000);
  afterAll(async () => {
    await warehouse?.dispose();
  });

  it('builds the entity table with the load: one row per beneficiary, its folded text, its lines', async () => {
    const { rows } = await warehouse.query(
      `SELECT beneficiaire, beneficiaire_label, beneficiaire_search, row_count FROM ${ENTITY} ORDER BY 1`,
    );
    const expected = await warehouse.query(
      `SELECT beneficiaire, beneficiaire_label, count(*) FROM ${C} GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.map(([code, label, , count]) => [code, label, count])).toEqual(expected.rows);
    const wrong = rows.filter(([code, label, search]) => search !== searchText(code, label));
    expect(wrong).toEqual([]);
  });

  it.each(CASES)('$name: the same beneficiaries and sums as a scan of every line', async (c) => {
    const planned = queries.planQuery(topSpec(c.needle, c.filters), c.context);
    expect(planned.compiled.sql).toContain(
      `IN (SELECT "e"."beneficiaire" AS "beneficiaire" FROM "${ENTITY}"`,
    );
    const result = await queries.runCompiled(planned.compiled);
    const scan = scanSql(c.needle, c.where, c.params);
    const expected = (await warehouse.query(scan.sql, scan.params)).rows;
    expect(result.rows).toEqual(expected);
    if (c.name !== 'nothing') expect(result.rows.length).toBeGreaterThan(0);
  });
});
