/**
 * Property tests: random valid specs over the fixture catalogue compile and give identical
 * results on DuckDB and PostgreSQL; random hostile strings never reach SQL text and never cause
 * anything but a SpecError.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SpecError } from '../spec/errors.ts';
import type { FilterSpec, QuerySpec } from '../spec/types.ts';
import { openDuckDb, openPostgres, TEST_DATABASE_URL, type TestEngine } from '../testing/engines.ts';
import { fixtureCatalogue } from '../testing/fixture.ts';
import { NOW } from '../testing/specs.ts';
import { compileQuery } from './compile.ts';
import { shapeResult } from './shape.ts';

let duck: TestEngine;
let pg: TestEngine | undefined;

beforeAll(async () => {
  duck = await openDuckDb();
  if (TEST_DATABASE_URL) pg = await openPostgres(TEST_DATABASE_URL);
});
afterAll(async () => {
  await duck?.close();
  await pg?.close();
});

const DIMS = [
  'region',
  'departement',
  'annee',
  'beneficiaire',
  'type_beneficiaire',
  'date_decision',
] as const;
const MEASURES = [
  'montant_ae',
  'montant_cp',
  'nb_lignes',
  'nb_beneficiaires',
  'taux_paiement',
  'montant_moyen',
  'cp_max',
];

// Search text from the fixture's alphabet (plus wildcards and quotes): same case folding on
// both engines is only promised for Latin letters.
const needle = fc.string({
  unit: fc.constantFrom(..."aeiouclmnrsdtéÉèçîÎŒœ%_\\' -0123456789"),
  maxLength: 4,
});
const codes = fc.constantFrom('53', '52', '84', '11', '35', '29', '44', '2A', '75', 'xx');

const filterFor = (field: (typeof DIMS)[number]): fc.Arbitrary<FilterSpec> => {
  const nullOps = fc.constantFrom<FilterSpec>({ field, op: 'is_null' }, { field, op: 'not_null' });
  switch (field) {
    case 'annee': {
      const year = fc.integer({ min: 2015, max: 2027 });
      return fc.oneof(
        nullOps,
        year.map((y): FilterSpec => ({ field, op: 'eq', values: [y] })),
        fc.tuple(year, year).map(([a, b]): FilterSpec => ({ field, op: 'between', values: [a, b] })),
        fc
          .tuple(fc.constantFrom('gt', 'gte', 'lt', 'lte', 'neq') as fc.Arbitrary<FilterSpec['op']>, year)
          .map(([op, y]): FilterSpec => ({ field, op, values: [y] })),
        fc
          .array(year, { minLength: 1, maxLength: 3 })
          .map((v): FilterSpec => ({ field, op: 'not_in', values: v })),
        fc.integer({ min: 1, max: 10 }).map((n): FilterSpec => ({ field, op: 'last_n_years', values: [n] })),
      );
    }
    case 'date_decision': {
      const day = fc
        .date({ min: new Date('2016-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
      return fc.oneof(
        nullOps,
        fc.tuple(day, day).map(([a, b]): FilterSpec => ({ field, op: 'between', values: [a, b] })),
        day.map((d): FilterSpec => ({ field, op: 'lt', values: [d] })),
      );
    }
    default:
      return fc.oneof(
        nullOps,
        needle.map((v): FilterSpec => ({ field, op: 'contains', values: [v] })),
        needle.map((v): FilterSpec => ({ field, op: 'starts_with', values: [v] })),
        codes.map((v): FilterSpec => ({ field, op: 'eq', values: [v] })),
        codes.map((v): FilterSpec => ({ field, op: 'gte', values: [v] })),
        fc
          .array(codes, { minLength: 1, maxLength: 3 })
          .map((v): FilterSpec => ({ field, op: 'in', values: v })),
        codes.map((v): FilterSpec => ({ field, op: 'neq', values: [v] })),
      );
  }
};

const validSpec: fc.Arbitrary<QuerySpec> = fc
  .record({
    dataset: fc.constantFrom('dotations_investissement', 'dotations_open', 'dotations_recherche'),
    dimensions: fc.uniqueArray(fc.constantFrom(...DIMS), { maxLength: 3 }),
    measures: fc.uniqueArray(fc.constantFrom(...MEASURES), { maxLength: 3 }),
    filters: fc.array(fc.constantFrom(...DIMS).chain(filterFor), { maxLength: 3 }),
    limit: fc.integer({ min: 1, max: 40 }),
    offset: fc.integer({ min: 0, max: 10 }),
    totals: fc.boolean(),
    subtotalDepth: fc.nat(3),
    topN: fc.option(fc.record({ n: fc.integer({ min: 1, max: 4 }), others: fc.boolean() })),
    sortSeed: fc.array(fc.tuple(fc.nat(), fc.constantFrom<'asc' | 'desc'>('asc', 'desc')), { maxLength: 3 }),
  })
  .filter((r) => r.dimensions.length + r.measures.length > 0)
  .map((r) => {
    const fields = [...r.dimensions, ...r.measures];
    const sort = [
      ...new Map(r.sortSeed.map(([i, dir]) => [fields[i % fields.length] as string, dir])).entries(),
    ].map(([field, dir]) => ({ field, dir }));
    const spec: QuerySpec = {
      dataset: r.dataset,
      measures: r.measures,
      dimensions: r.dimensions,
      filters: r.filters,
      sort,
      limit: r.limit,
      offset: r.offset,
      totals: r.totals,
      subtotals: r.dimensions.slice(0, Math.min(r.subtotalDepth, r.dimensions.length)),
      ...(r.topN && r.dimensions.length > 0 && r.measures.length > 0 ? { topN: r.topN } : {}),
    };
    return spec;
  });

test('random valid specs: identical results on every engine', async () => {
  await fc.assert(
    fc.asyncProperty(validSpec, fc.constantFrom('NAT', '53', '84'), async (spec, scope) => {
      const results = [];
      for (const engine of pg ? [duck, pg] : [duck]) {
        const compiled = compileQuery(
          spec,
          fixtureCatalogue,
          { scope },
          { dialect: engine.dialect, maxLimit: 30, now: NOW },
        );
        results.push(shapeResult(compiled, await engine.query(compiled.sql, compiled.params)));
      }
      for (const r of results.slice(1)) expect(r).toEqual(results[0]);
    }),
    { numRuns: 300 },
  );
});

// Without dashes, apostrophes or spaces (which only the search column folds to one space),
// `contains` on a search column and the SQL fold must find exactly the same rows.
const plainNeedle = fc.string({
  unit: fc.constantFrom(...'aeiouclmnrsdtéÉèçîÎŒœøÅ%_\\0123456789'),
  maxLength: 4,
});

test('random searches: the search column, the entity table and the SQL fold find the same rows', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('region', 'departement', 'beneficiaire'),
      plainNeedle,
      async (field, needle) => {
        for (const engine of pg ? [duck, pg] : [duck]) {
          const [folded, sqlFold, entities] = await Promise.all(
            ['dotations_recherche', 'dotations_open', 'dotations_entites'].map(async (dataset) => {
              const compiled = compileQuery(
                {
                  dataset,
                  measures: ['nb_lignes'],
                  dimensions: [field],
                  filters: [{ field, op: 'contains', values: [needle] }],
                },
                fixtureCatalogue,
                { scope: 'NAT' },
                { dialect: engine.dialect, maxLimit: 100, now: NOW },
              );
              return shapeResult(compiled, await engine.query(compiled.sql, compiled.params)).rows;
            }),
          );
          expect(folded).toEqual(sqlFold);
          expect(entities).toEqual(sqlFold);
        }
      },
    ),
    { numRuns: 150 },
  );
});

test('random hostile strings: only in params, only SpecError', async () => {
  const hostile = fc.string({ unit: 'binary', minLength: 3, maxLength: 60 });
  const where = fc.constantFrom(
    'value',
    'contains',
    'searchColumn',
    'field',
    'dataset',
    'sort',
    'scope',
    'locked',
  );
  await fc.assert(
    fc.asyncProperty(hostile, where, async (text, place) => {
      const base = { dataset: 'dotations_open', measures: ['nb_lignes'], dimensions: ['beneficiaire'] };
      const spec: Record<string, unknown> = { ...base };
      let scope = 'NAT';
      let locked: FilterSpec[] = [];
      if (place === 'value') spec.filters = [{ field: 'beneficiaire', op: 'in', values: [text] }];
      if (place === 'contains') spec.filters = [{ field: 'beneficiaire', op: 'contains', values: [text] }];
      if (place === 'searchColumn') {
        spec.dataset = 'dotations_recherche';
        spec.filters = [{ field: 'beneficiaire', op: 'contains', values: [text] }];
      }
      if (place === 'field') spec.filters = [{ field: text, op: 'eq', values: ['x'] }];
      if (place === 'dataset') spec.dataset = text;
      if (place === 'sort') spec.sort = [{ field: text, dir: 'asc' }];
      if (place === 'scope') {
        spec.dataset = 'dotations_investissement';
        scope = text;
      }
      if (place === 'locked') locked = [{ field: 'region', op: 'eq', values: [text] }];
      let compiled: ReturnType<typeof compileQuery>;
      try {
        compiled = compileQuery(
          spec,
          fixtureCatalogue,
          { scope, lockedFilters: locked },
          { dialect: 'postgres', maxLimit: 10 },
        );
      } catch (e) {
        expect(e).toBeInstanceOf(SpecError);
        return;
      }
      // Short strings may coincide with SQL keywords; only check those that cannot.
      if (text.length >= 3 && !/^[\w ]*$/.test(text)) expect(compiled.sql.includes(text)).toBe(false);
      // ASCII-safe ones also run for real on DuckDB without error.
      if (/^[\x20-\x7e]*$/.test(text)) {
        const duckCompiled = compileQuery(
          spec,
          fixtureCatalogue,
          { scope, lockedFilters: locked },
          { dialect: 'duckdb', maxLimit: 10 },
        );
        await duck.query(duckCompiled.sql, duckCompiled.params);
        if (pg) await pg.query(compiled.sql, compiled.params);
      }
    }),
    { numRuns: 500 },
  );
});
