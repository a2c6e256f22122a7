/**
 * Hostile input never reaches SQL text: values travel as parameters, names are looked up in the
 * catalogue (never echoed), numbers are checked. And whatever the input, the compiler only ever
 * throws SpecError (a 400), never another error type (a 500). The fuzz builds on valid specs of
 * the fixture catalogue so that most cases compile and the SQL checks really run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SpecError } from '../spec/errors.ts';
import { TEXT_LIMITS } from '../spec/limits.ts';
import type { FilterSpec, QuerySpec, SecurityContext } from '../spec/types.ts';
import { openDuckDb, type TestEngine } from '../testing/engines.ts';
import { FIXTURE_TABLE, fixtureCatalogue, fixtureRows } from '../testing/fixture.ts';
import { type CompiledQuery, compileQuery } from './compile.ts';
import { DIALECTS, type Dialect } from './dialects/index.ts';
import { escapeLike } from './filters.ts';
import { foldForSearch } from './search-text.ts';

export const HOSTILE = [
  "'; DROP TABLE fx_dotations; --",
  '" OR 1=1 --',
  "x' OR '1'='1",
  '"; DELETE FROM "fx_dotations" WHERE "1"="1',
  "') UNION ALL SELECT password FROM users --",
  '$1; SELECT pg_sleep(10)',
  '/* comment */ region',
  'région\\\'"; --',
  '%_\\%',
  "Robert'); DROP TABLE Students;--",
  '`ls -la`',
  'a\u2028b\u0085c',
  "COPY (SELECT 1) TO PROGRAM 'id'",
  'x'.repeat(900),
];

const NAT: SecurityContext = { scope: 'NAT' };
const base = { dataset: 'dotations_investissement', measures: ['montant_ae'], dimensions: ['region'] };

function attempt(spec: unknown, ctx: SecurityContext = NAT): CompiledQuery[] | SpecError {
  try {
    return DIALECTS.map((dialect) => compileQuery(spec, fixtureCatalogue, ctx, { dialect, maxLimit: 100 }));
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
}

function expectNotInSql(result: CompiledQuery[] | SpecError, hostile: string): void {
  if (result instanceof SpecError) return;
  for (const compiled of result) expect(compiled.sql.includes(hostile)).toBe(false);
}

describe.each(HOSTILE)('hostile string %#', (hostile) => {
  test('as filter values: only in params', () => {
    for (const op of ['eq', 'neq', 'contains', 'starts_with', 'gt'] as const) {
      const result = attempt({ ...base, filters: [{ field: 'beneficiaire', op, values: [hostile] }] });
      expect(result).not.toBeInstanceOf(SpecError);
      expectNotInSql(result, hostile);
      const params = (result as CompiledQuery[])[0]?.params ?? [];
      expect(
        params.some((p) => typeof p === 'string' && p.includes(hostile.slice(0, 5).replace(/[\\%_]/g, ''))),
      ).toBe(true);
    }
    const inList = attempt({ ...base, filters: [{ field: 'region', op: 'in', values: [hostile, 'x'] }] });
    expectNotInSql(inList, hostile);
  });

  test('as locked filter values and scope: only in params', () => {
    const ctx = {
      scope: hostile,
      lockedFilters: [{ field: 'departement', op: 'eq' as const, values: [hostile] }],
    };
    const result = attempt(base, ctx);
    expect(result).not.toBeInstanceOf(SpecError);
    expectNotInSql(result, hostile);
  });

  test.each([
    ['dataset', { ...base, dataset: hostile }, 'SPEC_UNKNOWN_DATASET'],
    ['measure', { ...base, measures: [hostile] }, 'SPEC_UNKNOWN_FIELD'],
    ['dimension', { ...base, dimensions: [hostile] }, 'SPEC_UNKNOWN_FIELD'],
    [
      'filter field',
      { ...base, filters: [{ field: hostile, op: 'eq', values: ['x'] }] },
      'SPEC_UNKNOWN_FIELD',
    ],
    ['sort field', { ...base, sort: [{ field: hostile, dir: 'asc' }] }, 'SPEC_UNKNOWN_FIELD'],
    ['sort dir', { ...base, sort: [{ field: 'region', dir: hostile }] }, 'SPEC_INVALID'],
    ['operator', { ...base, filters: [{ field: 'region', op: hostile, values: ['x'] }] }, 'SPEC_INVALID'],
    ['subtotal', { ...base, subtotals: [hostile] }, 'SPEC_UNKNOWN_FIELD'],
    ['limit', { ...base, limit: hostile }, 'SPEC_INVALID'],
    ['offset', { ...base, offset: hostile }, 'SPEC_INVALID'],
    ['topN', { ...base, topN: { n: hostile } }, 'SPEC_INVALID'],
    ['key', { ...base, [hostile]: 1 }, 'SPEC_INVALID'],
  ])('as %s: refused with a SpecError', (_label, spec, code) => {
    const result = attempt(spec);
    expect(result).toBeInstanceOf(SpecError);
    // Over-long names are refused by the schema before the catalogue lookup.
    const expected = hostile.length > 200 ? 'SPEC_INVALID' : code;
    expect((result as SpecError).code).toBe(expected);
  });
});

test('NUL characters are refused before the engine sees them', () => {
  const result = attempt({ ...base, filters: [{ field: 'beneficiaire', op: 'eq', values: ['a\u0000b'] }] });
  expect(result).toBeInstanceOf(SpecError);
  expect((result as SpecError).code).toBe('SPEC_BAD_VALUE');
});

test('exotic JavaScript inputs only ever give SpecError', () => {
  const cyclic: Record<string, unknown> = { ...base };
  cyclic.self = cyclic;
  const throwing = Object.defineProperty({ ...base }, 'dataset', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const inputs: unknown[] = [
    undefined,
    null,
    'SELECT 1',
    [base],
    cyclic,
    throwing,
    { ...base, limit: Number.NaN },
    { ...base, limit: Number.POSITIVE_INFINITY },
    { ...base, offset: -0.5 },
    { ...base, filters: [{ field: 'annee', op: 'in', values: [Number.NaN] }] },
    { ...base, filters: [{ field: 'annee', op: 'in', values: [1e308] }] },
    { ...base, filters: [{ field: 'annee', op: 'last_n_years', values: [1e308] }] },
    Object.create({ dataset: 'dotations_investissement', measures: ['montant_ae'] }),
    JSON.parse('{"dataset":"dotations_investissement","measures":["montant_ae"],"__proto__":{"x":1}}'),
  ];
  for (const input of inputs) expect(attempt(input)).toBeInstanceOf(SpecError);
});

// Fuzzing from valid bases: real datasets, fields and operators of the fixture catalogue, with
// hostile texts wherever a user string can go, so that the SQL checks run on compiled queries.

let duck: TestEngine;
beforeAll(async () => {
  duck = await openDuckDb();
});
afterAll(async () => {
  await duck?.close();
});

const DATASETS = ['dotations_investissement', 'dotations_open', 'dotations_recherche'] as const;
const TEXT_DIMS = ['region', 'departement', 'beneficiaire', 'type_beneficiaire'] as const;
const DIMS = [...TEXT_DIMS, 'annee', 'date_decision'] as const;
const MEASURES = [
  'montant_ae',
  'montant_cp',
  'nb_lignes',
  'nb_beneficiaires',
  'taux_paiement',
  'montant_moyen',
  'cp_max',
] as const;

/**
 * One HOSTILE entry, whole, with random unicode around it. No HOSTILE entry can occur in compiled
 * SQL, so a generated text found in the SQL text means a value was spliced in.
 */
const hostileText = fc
  .tuple(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.boolean())
  .map(([core, noise, before]) => (before ? noise + core : core + noise).replaceAll('\u0000', ''))
  .filter((text) => text.length <= TEXT_LIMITS.filterValue);

const textFilter: fc.Arbitrary<FilterSpec> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...TEXT_DIMS),
      fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'starts_with'),
      hostileText,
    )
    .map(([field, op, value]): FilterSpec => ({ field, op: op as FilterSpec['op'], values: [value] })),
  fc
    .tuple(
      fc.constantFrom(...TEXT_DIMS),
      fc.constantFrom('in', 'not_in'),
      fc.array(hostileText, { minLength: 1, maxLength: 3 }),
    )
    .map(([field, op, values]): FilterSpec => ({ field, op: op as FilterSpec['op'], values })),
  fc
    .tuple(fc.constantFrom(...TEXT_DIMS), hostileText, hostileText)
    .map(([field, a, b]): FilterSpec => ({ field, op: 'between', values: [a, b] })),
);

// Filters without user text, so hostile ones also meet years, dates and null tests.
const plainFilter: fc.Arbitrary<FilterSpec> = fc.oneof(
  fc.integer({ min: 2015, max: 2027 }).map((y): FilterSpec => ({ field: 'annee', op: 'gte', values: [y] })),
  fc
    .integer({ min: 1, max: 10 })
    .map((n): FilterSpec => ({ field: 'annee', op: 'last_n_years', values: [n] })),
  fc.constantFrom<FilterSpec>(
    { field: 'date_decision', op: 'lt', values: ['2023-06-30'] },
    { field: 'region', op: 'not_null' },
    { field: 'beneficiaire', op: 'is_null' },
  ),
);

interface FuzzCase {
  readonly kind: 'valid' | 'invalid';
  readonly spec: QuerySpec;
  readonly ctx: SecurityContext;
}

const validCase: fc.Arbitrary<FuzzCase> = fc
  .record({
    dataset: fc.constantFrom(...DATASETS),
    dimensions: fc.uniqueArray(fc.constantFrom(...DIMS), { maxLength: 3 }),
    measures: fc.uniqueArray(fc.constantFrom(...MEASURES), { minLength: 1, maxLength: 3 }),
    filters: fc.array(fc.oneof({ arbitrary: textFilter, weight: 3 }, { arbitrary: plainFilter, weight: 1 }), {
      minLength: 1,
      maxLength: 3,
    }),
    locked: fc.array(textFilter, { maxLength: 1 }),
    scope: fc.oneof(fc.constantFrom('NAT', '53'), hostileText),
    limit: fc.integer({ min: 1, max: 100 }),
    offset: fc.integer({ min: 0, max: 50 }),
    totals: fc.boolean(),
    subtotalDepth: fc.nat(2),
    topN: fc.option(fc.record({ n: fc.integer({ min: 1, max: 5 }), others: fc.boolean() })),
    sort: fc.tuple(fc.nat(), fc.constantFrom<'asc' | 'desc'>('asc', 'desc')),
  })
  .map((r): FuzzCase => {
    const fields = [...r.dimensions, ...r.measures];
    const spec: QuerySpec = {
      dataset: r.dataset,
      measures: r.measures,
      dimensions: r.dimensions,
      filters: r.filters,
      sort: [{ field: fields[r.sort[0] % fields.length] as string, dir: r.sort[1] }],
      limit: r.limit,
      offset: r.offset,
      totals: r.totals,
      subtotals: r.dimensions.slice(0, Math.min(r.subtotalDepth, r.dimensions.length)),
      ...(r.topN && r.dimensions.length > 0 ? { topN: r.topN } : {}),
    };
    return { kind: 'valid', spec, ctx: { scope: r.scope, lockedFilters: r.locked } };
  });

/** Names that are not field ids: hostile texts, quoted identifiers, raw column names. */
const hostileName = fc.oneof(
  hostileText,
  fc.constantFrom(
    'region"',
    '"region"',
    't"."code_region',
    "montant_ae' OR '1'='1",
    'region; DROP TABLE fx_dotations',
    'region --',
    'REGION',
    'code_region',
    'beneficiaire_search',
    'fx_dotations',
  ),
);

const invalidCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    validCase,
    hostileName,
    fc.constantFrom('dataset', 'measure', 'dimension', 'filter', 'sort', 'subtotal', 'locked'),
  )
  .map(([base, name, place]): FuzzCase => {
    const s = base.spec;
    const spec: QuerySpec = {
      ...s,
      ...(place === 'dataset' ? { dataset: name } : {}),
      ...(place === 'measure' ? { measures: [...s.measures, name] } : {}),
      ...(place === 'dimension' ? { dimensions: [...(s.dimensions ?? []), name] } : {}),
      ...(place === 'filter'
        ? { filters: [...(s.filters ?? []), { field: name, op: 'eq', values: ['35'] }] }
        : {}),
      ...(place === 'sort' ? { sort: [{ field: name, dir: 'asc' }] } : {}),
      ...(place === 'subtotal' ? { subtotals: [name] } : {}),
    };
    const ctx: SecurityContext =
      place === 'locked'
        ? { ...base.ctx, lockedFilters: [{ field: name, op: 'eq', values: ['35'] }] }
        : base.ctx;
    return { kind: 'invalid', spec, ctx };
  });

/** What each filter's user texts must become among the parameters (LIKE-escaped, folded). */
function expectedParams(datasetId: string, filter: FilterSpec, dialect: Dialect): string[] {
  const dim = fixtureCatalogue.get(datasetId)?.dimensions.find((d) => d.id === filter.field);
  const texts = (filter.values ?? []).filter((v): v is string => typeof v === 'string');
  if (filter.op === 'starts_with') return texts.map((v) => `${escapeLike(v)}%`);
  if (filter.op !== 'contains') return texts;
  return texts.flatMap((v) => {
    if (!dim?.searchColumn) return [`%${escapeLike(v)}%`];
    // Folded like the search column: DuckDB looks the needle up, PostgreSQL its LIKE pattern.
    const needle = foldForSearch(v);
    return [dialect === 'duckdb' ? needle : `%${escapeLike(needle)}%`];
  });
}

function userTexts(c: FuzzCase): string[] {
  const filters = [...(c.spec.filters ?? []), ...(c.ctx.lockedFilters ?? [])];
  const values = filters.flatMap((f) => (f.values ?? []).filter((v): v is string => typeof v === 'string'));
  return c.ctx.scope === 'NAT' ? values : [...values, c.ctx.scope];
}

test('property: hostile strings on valid specs compile and only travel as parameters, on both dialects', async () => {
  const RUNS = 2000;
  const SAMPLE_EVERY = 5;
  let runs = 0;
  let compiled = 0;
  let rejected = 0;
  let executed = 0;
  const fuzzCase = fc.oneof({ arbitrary: validCase, weight: 9 }, { arbitrary: invalidCase, weight: 1 });
  await fc.assert(
    fc.asyncProperty(fuzzCase, async (c) => {
      runs++;
      const result = attempt(c.spec, c.ctx);
      if (c.kind === 'invalid') {
        expect(result).toBeInstanceOf(SpecError);
        rejected++;
        return;
      }
      if (result instanceof SpecError) throw new Error(`valid base refused: ${result.code} ${result.path}`);
      compiled++;
      const dataset = fixtureCatalogue.get(c.spec.dataset);
      const filters = [...(c.spec.filters ?? []), ...(c.ctx.lockedFilters ?? [])];
      const scoped = c.ctx.scope !== 'NAT' && dataset?.scopeField != null;
      expect(result.map((q) => q.dialect)).toEqual(['duckdb', 'postgres']);
      for (const query of result) {
        const params = filters.flatMap((f) => expectedParams(c.spec.dataset, f, query.dialect));
        if (scoped) params.push(c.ctx.scope);
        for (const text of userTexts(c)) expect(query.sql.includes(text)).toBe(false);
        for (const param of params) expect(query.params).toContain(param);
      }
      if (compiled % SAMPLE_EVERY === 0) {
        const duckQuery = result[0] as CompiledQuery;
        await duck.query(duckQuery.sql, duckQuery.params);
        executed++;
      }
    }),
    { seed: 42, numRuns: RUNS },
  );
  expect(runs).toBe(RUNS);
  expect(compiled + rejected).toBe(RUNS);
  expect(compiled / RUNS).toBeGreaterThanOrEqual(0.8);
  expect(rejected).toBeGreaterThan(0);
  expect(executed).toBe(Math.floor(compiled / SAMPLE_EVERY));
  // No statement of the sample changed the table.
  const [[count]] = (await duck.query(`SELECT COUNT(*) FROM ${FIXTURE_TABLE}`, [])) as [[unknown]];
  expect(Number(count)).toBe(fixtureRows().length);
}, 120_000);

test('hostile values beside a real one select what a plain query selects, on DuckDB', async () => {
  const real = "Commune d'Ancenis";
  const [[expected]] = (await duck.query(
    `SELECT COUNT(*) FROM ${FIXTURE_TABLE} WHERE beneficiaire = 'Commune d''Ancenis'`,
    [],
  )) as [[unknown]];
  expect(Number(expected)).toBeGreaterThan(0);
  for (const hostile of HOSTILE) {
    const spec = {
      dataset: 'dotations_open',
      measures: ['nb_lignes'],
      filters: [{ field: 'beneficiaire', op: 'in', values: [hostile, real] }],
    };
    const query = compileQuery(spec, fixtureCatalogue, NAT, { dialect: 'duckdb', maxLimit: 100 });
    const [[n]] = (await duck.query(query.sql, query.params)) as [[unknown]];
    expect(Number(n)).toBe(Number(expected));
  }
});
