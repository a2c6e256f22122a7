import { type DatasetDefinition, planQuery, type QuerySpec, type SecurityContext } from '@dataetat/widgets';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../catalogue/index.ts';
import {
  type RollupDefinition,
  rollupDataset,
  rollupDefinitions,
  rollupSelect,
} from '../catalogue/rollups.ts';
import { prepareRollups, routeToRollup, zeroEmptyCounts } from './rollups.ts';

const NAT: SecurityContext = { scope: 'NAT' };
const chorus = catalogue.get('chorus_lignes') as DatasetDefinition;
const sizes = new Map([
  ['chorus_lignes__r_annee_dep_prog', 80_000],
  ['chorus_lignes__r_annee_epci', 17_000],
  ['chorus_lignes__r_annee_dep_type', 9_000],
  ['chorus_lignes__e_beneficiaire', 500_000],
  ['chorus_lignes__r_region_benef', 520_000],
]);
const routes = prepareRollups(catalogue, rollupDefinitions, sizes);

// Routing reads a plan of the base catalogue, as QueryService makes it.
const plan = (spec: QuerySpec, context: SecurityContext = NAT) =>
  planQuery(spec, catalogue, context, { maxLimit: 1000 }).plan;

const route = (spec: Omit<QuerySpec, 'dataset'>, context: SecurityContext = NAT) => {
  const full = { dataset: 'chorus_lignes', ...spec };
  return routeToRollup(plan(full, context), routes)?.definition.table ?? null;
};

describe('routeToRollup', () => {
  it('sends année × département × programme to its rollup', () => {
    expect(
      route({
        measures: ['montant_cp'],
        dimensions: ['departement', 'annee'],
        filters: [
          { field: 'programme', op: 'in', values: ['0380', '0362'] },
          { field: 'annee', op: 'between', values: [2021, 2024] },
        ],
      }),
    ).toBe('chorus_lignes__r_annee_dep_prog');
  });

  it('prefers the smallest rollup that answers', () => {
    // année × département fits all three: the smallest (by rows) wins.
    expect(route({ measures: ['montant_ae'], dimensions: ['departement', 'annee'] })).toBe(
      'chorus_lignes__r_annee_dep_type',
    );
    expect(route({ measures: ['montant_ae'], dimensions: ['epci'] })).toBe('chorus_lignes__r_annee_epci');
    expect(route({ measures: ['montant_ae'], dimensions: ['type_beneficiaire'] })).toBe(
      'chorus_lignes__r_annee_dep_type',
    );
  });

  it('maps count, ratios, totals, subtotals, topN and sorts', () => {
    expect(
      route({
        measures: ['montant_ae', 'nb_lignes', 'taux_paiement'],
        dimensions: ['region', 'programme'],
        subtotals: ['region'],
        totals: true,
        sort: [{ field: 'taux_paiement', dir: 'desc' }],
        topN: { n: 5, others: true },
      }),
    ).toBe('chorus_lignes__r_annee_dep_prog');
    expect(route({ measures: ['nb_lignes'], totals: true })).toBe('chorus_lignes__r_annee_dep_type');
  });

  it('keeps count_distinct and unknown grains on the base table', () => {
    expect(route({ measures: ['nb_beneficiaires'], dimensions: ['departement'] })).toBeNull();
    expect(route({ measures: ['montant_ae', 'nb_beneficiaires'], dimensions: ['annee'] })).toBeNull();
    expect(route({ measures: ['montant_ae'], dimensions: ['commune'] })).toBeNull();
    expect(route({ measures: ['montant_ae'], dimensions: ['programme', 'type_beneficiaire'] })).toBeNull();
    expect(route({ measures: ['montant_ae'], dimensions: ['epci', 'programme'] })).toBeNull();
  });

  it('needs every filter field in the rollup, contains on a label included', () => {
    expect(
      route({
        measures: ['montant_ae'],
        dimensions: ['departement'],
        filters: [{ field: 'commune', op: 'eq', values: ['35238'] }],
      }),
    ).toBeNull();
    expect(
      route({
        measures: ['montant_ae'],
        dimensions: ['annee'],
        filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
      }),
    ).toBeNull();
    expect(
      route({
        measures: ['montant_ae'],
        dimensions: ['annee'],
        filters: [{ field: 'programme', op: 'contains', values: ['écologique'] }],
      }),
    ).toBe('chorus_lignes__r_annee_dep_prog');
    expect(
      route({
        measures: ['montant_ae'],
        dimensions: ['annee'],
        filters: [{ field: 'date_engagement', op: 'gte', values: ['2023-01-01'] }],
      }),
    ).toBeNull();
  });

  it('serves the top beneficiaries of a région, and a scoped beneficiary list, by région × bénéficiaire', () => {
    // Issue 16's query (c).
    const topOfRegion = {
      measures: ['montant_ae'],
      dimensions: ['beneficiaire'],
      filters: [
        { field: 'region', op: 'eq', values: ['53'] },
        { field: 'beneficiaire', op: 'contains', values: ['commune'] },
      ],
      sort: [{ field: 'montant_ae', dir: 'desc' }],
      limit: 20,
    } as const;
    expect(route(topOfRegion)).toBe('chorus_lignes__r_region_benef');
    const scopedValues = {
      measures: ['nb_lignes'],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
    } as const;
    expect(route(scopedValues, { scope: '53' })).toBe('chorus_lignes__r_region_benef');
    // Nationally the entity table (a count per beneficiary) is smaller and answers it.
    expect(route(scopedValues)).toBe('chorus_lignes__e_beneficiaire');
    expect(route({ measures: ['nb_beneficiaires'], dimensions: ['region'] })).toBe(
      'chorus_lignes__r_region_benef',
    );
  });

  it('serves a scoped reader’s beneficiary search on « Financements publics » by région × bénéficiaire', () => {
    const withFinancements = prepareRollups(
      catalogue,
      rollupDefinitions,
      new Map([
        ...sizes,
        ['financements_publics__e_beneficiaire', 60_000],
        ['financements_publics__r_region_benef', 62_000],
      ]),
    );
    const values: QuerySpec = {
      dataset: 'financements_publics',
      measures: ['nb_lignes'],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
      sort: [{ field: 'nb_lignes', dir: 'desc' }],
      limit: 20,
    };
    const table = (context: SecurityContext) =>
      routeToRollup(plan(values, context), withFinancements)?.definition.table;
    expect(table({ scope: '53' })).toBe('financements_publics__r_region_benef');
    expect(table(NAT)).toBe('financements_publics__e_beneficiaire');
    // The page's totals by source keep to the lines (the source is not in the rollup).
    const bySource: QuerySpec = {
      ...values,
      dimensions: ['source'],
      measures: ['montant', 'montant_source'],
      sort: [{ field: 'montant_source', dir: 'desc' }],
    };
    expect(routeToRollup(plan(bySource, { scope: '53' }), withFinancements)).toBeNull();
  });

  it('at equal size, prefers the narrower table', () => {
    const equal = prepareRollups(
      catalogue,
      rollupDefinitions,
      new Map([...sizes, ['chorus_lignes__r_region_benef', 500_000]]),
    );
    const values: QuerySpec = {
      dataset: 'chorus_lignes',
      measures: ['nb_lignes'],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
    };
    expect(routeToRollup(plan(values), equal)?.definition.table).toBe('chorus_lignes__e_beneficiaire');
  });

  it('needs the scope field and locked filter fields in the rollup', () => {
    const spec = { measures: ['montant_ae'], dimensions: ['programme'] };
    expect(route(spec, { scope: '53' })).toBe('chorus_lignes__r_annee_dep_prog');
    expect(
      route(spec, { scope: 'NAT', lockedFilters: [{ field: 'departement', op: 'eq', values: ['35'] }] }),
    ).toBe('chorus_lignes__r_annee_dep_prog');
    expect(
      route(spec, { scope: '53', lockedFilters: [{ field: 'commune', op: 'eq', values: ['35238'] }] }),
    ).toBeNull();
    // A rollup without the scope dimension never serves a scoped caller.
    const noRegion: RollupDefinition = {
      table: 'chorus_lignes__r_test',
      dataset: 'chorus_lignes',
      dimensions: ['annee', 'programme'],
    };
    const only = prepareRollups(catalogue, [noRegion]);
    const full: QuerySpec = { dataset: 'chorus_lignes', ...spec };
    expect(routeToRollup(plan(full), only)?.definition.table).toBe('chorus_lignes__r_test');
    expect(routeToRollup(plan(full, { scope: '53' }), only)).toBeNull();
  });

  it('leaves other datasets and absent rollups alone', () => {
    const dotations: QuerySpec = {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['departement'],
    };
    expect(routeToRollup(plan(dotations), routes)).toBeNull();
    const none = prepareRollups(catalogue, rollupDefinitions, new Map());
    expect(
      routeToRollup(
        plan({ dataset: 'chorus_lignes', measures: ['montant_ae'], dimensions: ['annee'] }),
        none,
      ),
    ).toBeNull();
  });
});

describe('rollup definitions', () => {
  it('keep labels, formats and provenance, and map only exact measures', () => {
    const rollup = rollupDataset(chorus, rollupDefinitions[0] as RollupDefinition);
    expect(rollup).toMatchObject({ id: chorus.id, title: chorus.title, source: chorus.source, demo: true });
    expect(rollup.table).toBe('chorus_lignes__r_annee_dep_prog');
    expect(rollup.dimensions.map((d) => d.id)).toEqual([
      'annee',
      'region',
      'departement',
      'programme',
      'theme',
      'tags',
      'origine',
    ]);
    expect(rollup.measures.map((m) => [m.id, m.aggregate])).toEqual([
      ['montant_ae', { kind: 'sum', column: 'sum__montant_ae' }],
      ['montant_cp', { kind: 'sum', column: 'sum__montant_cp' }],
      ['nb_lignes', { kind: 'sum', column: 'row_count' }],
      ['taux_paiement', { kind: 'ratio', numerator: 'montant_cp', denominator: 'montant_ae' }],
    ]);
  });

  it('keep count_distinct when its column is a grouping column, never avg', () => {
    const base: DatasetDefinition = {
      ...chorus,
      measures: [
        ...chorus.measures,
        { id: 'moyenne', label: 'Moyenne', aggregate: { kind: 'avg', column: 'montant_ae' }, format: 'eur' },
        { id: 'max_ae', label: 'Max', aggregate: { kind: 'max', column: 'montant_ae' }, format: 'eur' },
        {
          id: 'nb_programmes',
          label: 'Programmes',
          aggregate: { kind: 'count_distinct', column: 'programme' },
          format: 'integer',
        },
      ],
    };
    const rollup = rollupDataset(base, rollupDefinitions[0] as RollupDefinition);
    const ids = rollup.measures.map((m) => m.id);
    expect(ids).toContain('nb_programmes');
    expect(ids).toContain('max_ae');
    expect(ids).not.toContain('moyenne');
    expect(ids).not.toContain('nb_beneficiaires');
    expect(rollupSelect(base, rollupDefinitions[1] as RollupDefinition, '"src"')).toBe(
      // Search columns ride along with their dimension (they depend on code and label only).
      'SELECT "annee", "region", "region_label", "region_search", "departement", "departement_label", ' +
        '"departement_search", "epci", "epci_label", "epci_search", ' +
        '"tags", "tags_label", "origine", "origine_label", SUM("montant_ae") AS "sum__montant_ae", SUM("montant_cp") AS "sum__montant_cp", ' +
        'MAX("montant_ae") AS "max__montant_ae", COUNT(*) AS "row_count" FROM "src" ' +
        'GROUP BY "annee", "region", "region_label", "region_search", "departement", "departement_label", ' +
        '"departement_search", "epci", "epci_label", "epci_search", "tags", "tags_label", "origine", "origine_label"',
    );
  });
});

describe('entity tables', () => {
  const ENTITY = 'chorus_lignes__e_beneficiaire';
  const REGION_BENEF = 'chorus_lignes__r_region_benef';
  const definition = rollupDefinitions.find((r) => r.table === ENTITY) as RollupDefinition;
  const values = (context: SecurityContext = NAT, extra: Partial<QuerySpec> = {}) =>
    routeToRollup(
      plan(
        {
          dataset: 'chorus_lignes',
          measures: ['nb_lignes'],
          dimensions: ['beneficiaire'],
          filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
          sort: [{ field: 'nb_lignes', dir: 'desc' }],
          limit: 50,
          ...extra,
        },
        context,
      ),
      routes,
    )?.definition.table ?? null;

  it('are declared by the catalogue: one count-only rollup by the dimension', () => {
    expect(definition).toEqual({
      table: ENTITY,
      dataset: 'chorus_lignes',
      dimensions: ['beneficiaire'],
      countOnly: true,
    });
    expect(rollupSelect(chorus, definition, '"src"')).toBe(
      'SELECT "beneficiaire", "beneficiaire_label", "beneficiaire_search", COUNT(*) AS "row_count" ' +
        'FROM "src" GROUP BY "beneficiaire", "beneficiaire_label", "beneficiaire_search"',
    );
    const dataset = rollupDataset(chorus, definition);
    expect(dataset.measures.map((m) => [m.id, m.aggregate])).toEqual([
      ['nb_lignes', { kind: 'sum', column: 'row_count' }],
      ['nb_beneficiaires', { kind: 'count_distinct', column: 'beneficiaire' }],
    ]);
    // On its own table the dimension is searched in place, not through a semi-join on itself.
    expect(dataset.dimensions[0]).not.toHaveProperty('entityTable');
    expect(chorus.dimensions.find((d) => d.id === 'beneficiaire')?.entityTable).toBe(ENTITY);
  });

  it('answer a national values list of the dimension, nothing scoped or summed', () => {
    expect(values()).toBe(ENTITY);
    // A région scope or a sum: région × bénéficiaire answers, the entity table does not.
    expect(values({ scope: '53' })).toBe(REGION_BENEF);
    expect(values(NAT, { measures: ['montant_cp'], sort: [] })).toBe(REGION_BENEF);
    // Région × bénéficiaire has the search column and about one row per beneficiary: searched
    // in place rather than through the entity table.
    const regionBenef = rollupDefinitions.find((r) => r.table === REGION_BENEF) as RollupDefinition;
    const kept = rollupDataset(chorus, regionBenef).dimensions.find((d) => d.id === 'beneficiaire');
    expect(kept).toMatchObject({ searchColumn: 'beneficiaire_search' });
    expect(kept).not.toHaveProperty('entityTable');
    // A finer territory or another field: only the lines know.
    expect(
      values({ scope: 'NAT', lockedFilters: [{ field: 'departement', op: 'eq', values: ['35'] }] }),
    ).toBeNull();
    expect(values(NAT, { filters: [{ field: 'annee', op: 'eq', values: [2024] }] })).toBeNull();
  });
});

describe('zeroEmptyCounts', () => {
  it('turns a NULL count back into 0, in rows and totals', () => {
    const columns = [
      { id: 'annee', role: 'dimension', type: 'year', label: 'Année' },
      { id: 'nb_lignes', role: 'measure', type: 'number', label: 'Lignes' },
      { id: 'montant_ae', role: 'measure', type: 'number', label: 'AE' },
    ] as const;
    expect(
      zeroEmptyCounts(
        { columns, rows: [[null, null, null]], totals: { nb_lignes: null, montant_ae: null } },
        new Set(['nb_lignes']),
      ),
    ).toEqual({ columns, rows: [[null, 0, null]], totals: { nb_lignes: 0, montant_ae: null } });
  });
});
