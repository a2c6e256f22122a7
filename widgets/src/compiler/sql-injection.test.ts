/**
 * Hostile input never reaches SQL text: values travel as parameters, names are looked up in the
 * catalogue (never echoed), numbers are checked. And whatever the input, the compiler only ever
 * throws SpecError (a 400), never another error type (a 500).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SpecError } from '../spec/errors.ts';
import type { SecurityContext } from '../spec/types.ts';
import { fixtureCatalogue } from '../testing/fixture.ts';
import { type CompiledQuery, compileQuery } from './compile.ts';
import { DIALECTS } from './dialects/index.ts';

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

test('property: arbitrary JSON never throws anything but SpecError, never leaks strings into SQL', () => {
  const field = fc.oneof(
    fc.constantFrom('region', 'departement', 'annee', 'beneficiaire', 'montant_ae', 'taux_paiement'),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );
  const value = fc.oneof(
    fc.string({ unit: 'binary', minLength: 6, maxLength: 40 }),
    fc.double(),
    fc.boolean(),
  );
  const spec = fc.record(
    {
      dataset: fc.oneof(fc.constant('dotations_investissement'), fc.string({ unit: 'binary' })),
      measures: fc.array(field, { maxLength: 3 }),
      dimensions: fc.array(field, { maxLength: 3 }),
      filters: fc.array(
        fc.record({
          field,
          op: fc.oneof(fc.constantFrom('eq', 'in', 'contains', 'starts_with', 'between', 'gt'), fc.string()),
          values: fc.array(value, { maxLength: 3 }),
        }),
        { maxLength: 3 },
      ),
      sort: fc.array(fc.record({ field, dir: fc.constantFrom('asc', 'desc', 'x') }), { maxLength: 2 }),
      limit: fc.oneof(fc.integer(), fc.double(), fc.string()),
      totals: fc.boolean(),
      subtotals: fc.array(field, { maxLength: 2 }),
      topN: fc.record({ n: fc.oneof(fc.integer(), fc.double()), others: fc.boolean() }),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(spec, (s) => {
      const result = attempt(s);
      if (result instanceof SpecError) return;
      for (const f of s.filters ?? []) {
        for (const v of f.values) if (typeof v === 'string') expectNotInSql(result, v);
      }
    }),
    { numRuns: 2000 },
  );
});
