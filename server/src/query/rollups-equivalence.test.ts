import type { QueryResult, QuerySpec, SecurityContext } from '@dataetat/widgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../catalogue/index.ts';
import { rollupDefinitions, rollupsOf } from '../catalogue/rollups.ts';
import { CHORUS_LIGNES_COLUMNS } from '../chorus/tables.ts';
import { FINANCEMENTS, FINANCEMENTS_TABLE } from '../financements/table.ts';
import { ensureGrantTables } from '../imports/grants/tables.ts';
import { chorusLoader } from '../seed/chorus/loader.ts';
import { dotationsLoader } from '../seed/dotations-loader.ts';
import { GeoReference } from '../seed/geo-reference.ts';
import { politiqueVilleLoader } from '../seed/politique-ville-loader.ts';
import { referenceLoader } from '../seed/reference-loader.ts';
import { seedDir } from '../testing/harness.ts';
import { testEngines } from '../warehouse/testing.ts';
import type { Warehouse } from '../warehouse/types.ts';
import type { DataVersions } from './data-versions.ts';
import { QueryService } from './query-service.ts';
import { NoResultCache } from './result-cache.ts';
import { loadRollupRoutes } from './rollups.ts';

const LINES = 30_000;
const C = 'chorus_lignes';
const F = FINANCEMENTS_TABLE;
const NAT: SecurityContext = { scope: 'NAT' };

/** Dashboard-like specs that a rollup answers, with the context they run in. */
const ROUTABLE: readonly { spec: QuerySpec; context?: SecurityContext }[] = [
  {
    spec: {
      dataset: C,
      measures: ['montant_cp'],
      dimensions: ['departement', 'annee'],
      filters: [
        { field: 'programme', op: 'in', values: ['0380', '0362', '0135'] },
        { field: 'annee', op: 'between', values: [2021, 2024] },
      ],
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_ae', 'montant_cp', 'nb_lignes', 'taux_paiement'],
      dimensions: ['region'],
      totals: true,
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_ae', 'taux_paiement', 'nb_lignes'],
      dimensions: ['region', 'departement'],
      subtotals: ['region'],
      totals: true,
      sort: [{ field: 'region', dir: 'asc' }],
      limit: 40,
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_cp', 'taux_paiement'],
      dimensions: ['programme'],
      topN: { n: 8, others: true },
      totals: true,
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_ae', 'nb_lignes'],
      dimensions: ['departement', 'programme'],
      topN: { n: 10 },
      sort: [{ field: 'nb_lignes', dir: 'desc' }],
      limit: 100,
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_cp', 'montant_ae'],
      dimensions: ['epci'],
      filters: [{ field: 'departement', op: 'in', values: ['35', '2A', '59', '13'] }],
      sort: [{ field: 'montant_cp', dir: 'desc' }],
      limit: 20,
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
      dimensions: ['type_beneficiaire', 'annee'],
      filters: [{ field: 'tags', op: 'eq', values: ['fonds_vert'] }],
      subtotals: ['type_beneficiaire'],
      totals: true,
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_ae'],
      dimensions: ['programme', 'theme'],
      filters: [{ field: 'programme', op: 'contains', values: ['ecologique'] }],
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_cp', 'nb_lignes'],
      dimensions: ['departement'],
      filters: [
        { field: 'departement', op: 'contains', values: ['ILLE'] },
        { field: 'tags', op: 'is_null' },
      ],
    },
  },
  {
    spec: { dataset: C, measures: ['montant_ae', 'montant_cp', 'nb_lignes', 'taux_paiement'], totals: true },
  },
  {
    // Nothing matches: the grand total keeps nb_lignes = 0 (not NULL).
    spec: {
      dataset: C,
      measures: ['montant_ae', 'nb_lignes', 'taux_paiement'],
      dimensions: ['annee'],
      filters: [{ field: 'departement', op: 'eq', values: ['00'] }],
      totals: true,
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['nb_lignes'],
      filters: [{ field: 'departement', op: 'eq', values: ['00'] }],
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_ae'],
      dimensions: ['annee', 'tags'],
      filters: [
        { field: 'tags', op: 'neq', values: ['relance'] },
        { field: 'programme', op: 'starts_with', values: ['03'] },
        { field: 'annee', op: 'last_n_years', values: [4] },
      ],
      subtotals: ['annee'],
      totals: true,
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_cp'],
      dimensions: ['annee', 'departement'],
      filters: [{ field: 'region', op: 'not_in', values: ['11', '84'] }],
      sort: [{ field: 'departement', dir: 'desc' }],
      subtotals: ['annee'],
      totals: true,
      limit: 30,
      offset: 60,
    },
  },
  {
    spec: { dataset: C, measures: ['montant_ae', 'taux_paiement'], dimensions: ['theme'], limit: 5 },
    context: { scope: '53', lockedFilters: [{ field: 'departement', op: 'in', values: ['35', '29'] }] },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_cp'],
      dimensions: ['type_beneficiaire'],
      filters: [{ field: 'annee', op: 'gte', values: [2023] }],
      topN: { n: 2, others: true },
    },
    context: { scope: '84' },
  },
  {
    // Search columns are carried by the rollups: hyphens and accents folded on both sides.
    spec: {
      dataset: C,
      measures: ['montant_ae', 'nb_lignes'],
      dimensions: ['epci'],
      filters: [
        { field: 'departement', op: 'contains', values: ['ille et vilaine'] },
        { field: 'epci', op: 'contains', values: ['rennes metropole'] },
      ],
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_cp'],
      dimensions: ['theme'],
      filters: [{ field: 'theme', op: 'contains', values: ['ÉCOLOGIE'] }],
    },
  },
  {
    // A national values list (GET …/values/beneficiaire?q=commune): the entity table answers it.
    spec: {
      dataset: C,
      measures: ['nb_lignes'],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: ['COMMUNE'] }],
      sort: [{ field: 'nb_lignes', dir: 'desc' }],
      limit: 50,
    },
  },
  // Beneficiaries of one région (région × bénéficiaire): a count, and issue 16's query (c).
  {
    spec: {
      dataset: C,
      measures: ['nb_lignes'],
      dimensions: ['beneficiaire'],
      filters: [
        { field: 'region', op: 'eq', values: ['53'] },
        { field: 'beneficiaire', op: 'contains', values: ['commune'] },
      ],
      sort: [{ field: 'nb_lignes', dir: 'desc' }],
      limit: 50,
    },
  },
  {
    spec: {
      dataset: C,
      measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
      dimensions: ['beneficiaire', 'type_beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
      sort: [{ field: 'montant_cp', dir: 'desc' }],
      limit: 20,
    },
    context: { scope: '53' },
  },
  // Région × bénéficiaire at its own grain (each row its own group: no GROUP BY), with a ratio
  // and a count, sorted by the ratio.
  {
    spec: {
      dataset: C,
      measures: ['montant_ae', 'montant_cp', 'taux_paiement', 'nb_lignes'],
      dimensions: ['type_beneficiaire', 'beneficiaire', 'region'],
      sort: [{ field: 'taux_paiement', dir: 'desc' }],
      limit: 40,
    },
  },
  // A cross-tab (pivot): année in columns with its « Total » column, région › département rows.
  {
    spec: {
      dataset: C,
      measures: ['montant_ae', 'taux_paiement'],
      dimensions: ['annee', 'region', 'departement'],
      subtotals: ['annee', 'region'],
      totalsAcross: ['annee'],
      totals: true,
      limit: 5000,
    },
  },
  // « Financements publics » (every source superposed), the « Bénéficiaires » page's search: a
  // national values list (its entity table), then a Bretagne reader's (région × bénéficiaire).
  {
    spec: {
      dataset: F,
      measures: ['nb_lignes'],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
      sort: [{ field: 'nb_lignes', dir: 'desc' }],
      limit: 20,
    },
  },
  {
    spec: {
      dataset: F,
      measures: ['nb_lignes'],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
      sort: [{ field: 'nb_lignes', dir: 'desc' }],
      limit: 20,
    },
    context: { scope: '53' },
  },
  {
    // A SIRET prefix typed in the box, in Provence-Alpes-Côte d'Azur.
    spec: {
      dataset: F,
      measures: ['nb_lignes'],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: ['2'] }],
      sort: [{ field: 'nb_lignes', dir: 'desc' }],
      limit: 20,
    },
    context: { scope: '93' },
  },
  {
    // The top beneficiaries of a région by type, both amounts, with the grand total.
    spec: {
      dataset: F,
      measures: ['montant', 'montant_source', 'nb_lignes'],
      dimensions: ['beneficiaire', 'type_beneficiaire'],
      sort: [{ field: 'montant_source', dir: 'desc' }],
      totals: true,
      limit: 30,
    },
    context: { scope: '53' },
  },
  {
    spec: {
      dataset: F,
      measures: ['montant', 'montant_source', 'nb_lignes'],
      dimensions: ['region', 'type_beneficiaire'],
      filters: [{ field: 'type_beneficiaire', op: 'in', values: ['collectivite', 'association'] }],
      subtotals: ['region'],
      totals: true,
      limit: 500,
    },
  },
];

/** Specs the rollups cannot answer exactly: they stay on the base table. */
const NOT_ROUTABLE: readonly QuerySpec[] = [
  { dataset: C, measures: ['nb_beneficiaires'], dimensions: ['departement'] },
  { dataset: C, measures: ['montant_ae'], dimensions: ['commune'], limit: 10 },
  {
    dataset: C,
    measures: ['montant_ae'],
    dimensions: ['departement'],
    filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
  },
  // A beneficiary's lines by source: the source is not kept by the rollup.
  {
    dataset: F,
    measures: ['montant', 'nb_lignes'],
    dimensions: ['source'],
    filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
  },
];

const withoutTiming = (result: QueryResult) => {
  const { engineMs: _engineMs, rollup: _rollup, ...meta } = result.meta;
  return { ...result, meta };
};

describe.each(testEngines)('pre-aggregations on $name', (engine) => {
  let warehouse: Warehouse & { dispose(): Promise<void> };
  let base: QueryService;
  let routed: QueryService;

  beforeAll(async () => {
    warehouse = await engine.open();
    const geo = GeoReference.load();
    await chorusLoader(LINES).load({ seedDir, warehouse, geo });
    // The other sources of « Financements publics », then its build (with its rollups).
    for (const loader of [referenceLoader, dotationsLoader, politiqueVilleLoader]) {
      await loader.load({ seedDir, warehouse, geo });
    }
    await ensureGrantTables(warehouse);
    await warehouse.rebuildTables([FINANCEMENTS]);
    const versions = {
      get: () => ({
        id: 1,
        startedAt: new Date('2026-01-01T00:00:00Z'),
        finishedAt: new Date('2026-01-01T00:00:00Z'),
      }),
    } as unknown as DataVersions;
    const options = {
      catalogue,
      warehouse,
      versions,
      cache: new NoResultCache(),
      maxRows: 5_000,
      timeoutMs: 60_000,
    };
    base = new QueryService(options);
    routed = new QueryService({
      ...options,
      rollups: await loadRollupRoutes(warehouse, catalogue, rollupDefinitions),
    });
  }, 120_000);
  afterAll(async () => {
    await warehouse?.dispose();
  });

  it('builds every rollup with the load, far smaller than the base and summing to it', async () => {
    // Each dataset's summed columns: the rollup's sums must equal the base table's.
    const summed: Record<string, readonly string[]> = {
      [C]: ['montant_ae', 'montant_cp'],
      [F]: ['montant', 'montant_compte'],
    };
    expect(new Set(rollupDefinitions.map((r) => r.dataset))).toEqual(new Set(Object.keys(summed)));
    for (const [dataset, columns] of Object.entries(summed)) {
      const baseSums = columns.map((c) => `sum(${c})`).join(', ');
      const [[lines, ...sums]] = (await warehouse.query(`SELECT count(*), ${baseSums} FROM ${dataset}`))
        .rows as [[number, ...number[]]];
      expect(lines).toBeGreaterThan(LINES - 1);
      for (const { table, countOnly } of rollupsOf(dataset)) {
        const rollupSums = countOnly ? '' : `, ${columns.map((c) => `sum(sum__${c})`).join(', ')}`;
        const { rows } = await warehouse.query(`SELECT count(*), sum(row_count)${rollupSums} FROM ${table}`);
        const [count, rollupLines, ...rolled] = rows[0] as number[];
        expect(count, table).toBeLessThan(lines / 2);
        expect([rollupLines, ...rolled], table).toEqual(countOnly ? [lines] : [lines, ...sums]);
      }
    }
  });

  it.each(ROUTABLE.map((c, i) => ({ i, ...c })))(
    'routable spec $i: same result as the base table',
    async ({ spec, context }) => {
      const [a, b] = await Promise.all([base.run(spec, context ?? NAT), routed.run(spec, context ?? NAT)]);
      expect(a.meta.rollup).toBeUndefined();
      expect(b.meta.rollup).toMatch(new RegExp(`^${spec.dataset}__[re]_`));
      expect(withoutTiming(b)).toEqual(withoutTiming(a));
    },
  );

  it('reads a rollup asked at its own grain row by row, without grouping again', () => {
    const atGrain = ROUTABLE.filter(({ spec }) => {
      const { rollup, plan } = routed.planQuery(spec, NAT);
      const kept = rollup?.definition.dimensions ?? [];
      const grouped = plan.totals || plan.subtotalLevels.length > 0 || plan.acrossCount > 0;
      return !grouped && !plan.topN && kept.length === plan.dimensions.length;
    });
    // The national values lists (two entity tables) and région × bénéficiaire above.
    expect(atGrain.length).toBeGreaterThanOrEqual(3);
    for (const { spec } of atGrain) expect(routed.planQuery(spec, NAT).compiled.sql).not.toMatch(/GROUP BY/i);
    // Below its grain a rollup is grouped as before.
    expect(routed.planQuery(ROUTABLE[0]?.spec as QuerySpec, NAT).compiled.sql).toMatch(/GROUP BY/i);
  });

  it('finds rows for most routable specs (the comparison is not vacuous)', async () => {
    const results = await Promise.all(ROUTABLE.map(({ spec, context }) => routed.run(spec, context ?? NAT)));
    expect(results.filter((r) => r.rows.length > 0).length).toBeGreaterThanOrEqual(ROUTABLE.length - 2);
    expect(results[10]?.totals).toEqual({ montant_ae: null, nb_lignes: 0, taux_paiement: null });
  });

  it.each(NOT_ROUTABLE.map((spec, i) => ({ i, spec })))(
    'spec $i stays on the base table',
    async ({ spec }) => {
      const [a, b] = await Promise.all([base.run(spec, NAT), routed.run(spec, NAT)]);
      expect(b.meta.rollup).toBeUndefined();
      expect(withoutTiming(b)).toEqual(withoutTiming(a));
    },
  );

  it('keeps the previous table and rollups when a rollup fails to build', async () => {
    const state = `SELECT (SELECT count(*) FROM ${C}),
      (SELECT sum(row_count) FROM chorus_lignes__r_annee_epci), (SELECT count(*) FROM chorus_lignes__r_annee_epci)`;
    const before = await warehouse.query(state);
    const columns = CHORUS_LIGNES_COLUMNS.map((c) => c.name).join(', ');
    const { rows } = await warehouse.query(`SELECT ${columns} FROM ${C} LIMIT 10`);
    const broken = {
      name: 'chorus_lignes__r_broken',
      select: (source: string) => `SELECT nope FROM ${source}`,
    };
    // The rows load (the columns a Chorus load writes; tags come with the composition, so the
    // tag-reading rollups stay out); the broken rollup is what fails.
    await expect(
      warehouse.replaceTable({ name: C, columns: CHORUS_LIGNES_COLUMNS }, rows, { derived: [broken] }),
    ).rejects.toThrow(/nope/);
    expect(await warehouse.query(state)).toEqual(before);
    for (const leftover of [
      'chorus_lignes__r_broken',
      'chorus_lignes__r_annee_epci__next',
      `${C}__staging`,
    ]) {
      expect(await warehouse.tableExists(leftover)).toBe(false);
    }
  });

  it('swaps financements_publics and its rollups together: a failed rollup leaves all of them as they were', async () => {
    const state = `SELECT (SELECT count(*) FROM ${F}),
      (SELECT sum(row_count) FROM financements_publics__r_region_benef),
      (SELECT count(*) FROM financements_publics__r_region_benef)`;
    const before = await warehouse.query(state);
    await warehouse.query(`DELETE FROM chorus_lignes WHERE region = '53'`);
    const broken = {
      name: 'financements_publics__r_broken',
      select: (source: string) => `SELECT nope FROM ${source}`,
    };
    await expect(
      warehouse.rebuildTables([{ ...FINANCEMENTS, derived: [...(FINANCEMENTS.derived ?? []), broken] }]),
    ).rejects.toThrow(/nope/);
    expect(await warehouse.query(state)).toEqual(before);
    expect(await warehouse.tableExists('financements_publics__r_broken')).toBe(false);
    // The real build then takes the change: the rollup still sums to its table.
    await warehouse.rebuildTables([FINANCEMENTS]);
    const after = await warehouse.query(state);
    const [[lines, summed]] = after.rows as [[number, number]];
    expect(lines).toBeLessThan(Number(before.rows[0]?.[0]));
    expect(summed).toBe(lines);
  }, 180_000); // two builds of financements_publics on PostgreSQL: 4 s quiet, near 60 s under the full run's load

  it('rebuilds the rollups with a reload, in the same swap', async () => {
    await chorusLoader(5_000, 7).load({ seedDir, warehouse, geo: GeoReference.load() });
    for (const { table } of rollupsOf(C)) {
      expect((await warehouse.query(`SELECT sum(row_count) FROM ${table}`)).rows).toEqual([[5_000]]);
    }
    const spec = ROUTABLE[2]?.spec as QuerySpec;
    const [a, b] = await Promise.all([base.run(spec, NAT), routed.run(spec, NAT)]);
    expect(b.meta.rollup).toBeDefined();
    expect(withoutTiming(b)).toEqual(withoutTiming(a));
  });
});
