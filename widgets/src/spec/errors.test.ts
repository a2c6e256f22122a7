/** Every bad spec gets a SpecError: a stable code, a JSON path and a French message. */
import { describe, expect, test } from 'vitest';
import { compileQuery } from '../compiler/compile.ts';
import { fixtureCatalogue } from '../testing/fixture.ts';
import { NOW } from '../testing/specs.ts';
import { SpecError } from './errors.ts';
import type { SecurityContext } from './types.ts';

const NAT: SecurityContext = { scope: 'NAT' };
const base = { dataset: 'dotations_investissement', measures: ['montant_ae'], dimensions: ['region'] };

function errorOf(spec: unknown, ctx: SecurityContext = NAT): SpecError {
  try {
    compileQuery(spec, fixtureCatalogue, ctx, { dialect: 'duckdb', maxLimit: 100, now: NOW });
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

describe('schema violations → SPEC_INVALID with a JSON path', () => {
  test.each([
    ['not an object', 42, ''],
    ['missing dataset', { measures: [] }, '/dataset'],
    ['unknown top-level key', { ...base, pivot: true }, '/pivot'],
    [
      'unknown filter key',
      { ...base, filters: [{ field: 'annee', op: 'eq', values: [1], x: 1 }] },
      '/filters/0/x',
    ],
    ['bad operator', { ...base, filters: [{ field: 'annee', op: 'like', values: [1] }] }, '/filters/0/op'],
    [
      'object as a value',
      { ...base, filters: [{ field: 'annee', op: 'eq', values: [{}] }] },
      '/filters/0/values/0',
    ],
    ['bad sort direction', { ...base, sort: [{ field: 'region', dir: 'up' }] }, '/sort/0/dir'],
    ['duplicate measure', { ...base, measures: ['montant_ae', 'montant_ae'] }, '/measures'],
    ['nothing asked', { dataset: 'dotations_investissement', measures: [] }, '/measures'],
  ])('%s', (_label, spec, path) => {
    const error = errorOf(spec);
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.path).toBe(path);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^La requête est invalide/);
  });
});

test('unknown dataset names the dataset', () => {
  const error = errorOf({ ...base, dataset: 'budget_secret' });
  expect(error.code).toBe('SPEC_UNKNOWN_DATASET');
  expect(error.path).toBe('/dataset');
  expect(error.message).toBe('Le jeu de données « budget_secret » n’existe pas.');
});

describe('unknown fields name the field and the dataset, with a path', () => {
  test.each([
    ['measure', { ...base, measures: ['montant_ae', 'foo'] }, '/measures/1'],
    ['dimension', { ...base, dimensions: ['region', 'foo'] }, '/dimensions/1'],
    ['filter', { ...base, filters: [{ field: 'foo', op: 'eq', values: ['x'] }] }, '/filters/0/field'],
    ['sort', { ...base, sort: [{ field: 'foo', dir: 'asc' }] }, '/sort/0/field'],
    ['subtotal', { ...base, subtotals: ['foo'] }, '/subtotals/0'],
  ])('%s', (_label, spec, path) => {
    const error = errorOf(spec);
    expect(error.code).toBe('SPEC_UNKNOWN_FIELD');
    expect(error.path).toBe(path);
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      'Le champ « foo » n’existe pas dans le jeu de données « dotations_investissement ».',
    );
    expect(error.details).toEqual({ field: 'foo', dataset: 'dotations_investissement' });
  });
});

describe('operators and values', () => {
  test.each([
    ['eq without value', { field: 'region', op: 'eq', values: [] }, '/filters/0/values'],
    ['eq with two values', { field: 'region', op: 'eq', values: ['53', '11'] }, '/filters/0/values'],
    ['between with one value', { field: 'annee', op: 'between', values: [2020] }, '/filters/0/values'],
    ['in without values', { field: 'region', op: 'in' }, '/filters/0/values'],
    ['is_null with a value', { field: 'region', op: 'is_null', values: ['x'] }, '/filters/0/values'],
    ['contains on a year', { field: 'annee', op: 'contains', values: ['20'] }, '/filters/0/op'],
    ['last_n_years on a code', { field: 'region', op: 'last_n_years', values: [3] }, '/filters/0/op'],
    ['filter on a measure', { field: 'montant_ae', op: 'gt', values: [3] }, '/filters/0/field'],
  ])('%s → SPEC_BAD_OPERATOR', (_label, filter, path) => {
    const error = errorOf({ ...base, filters: [filter] });
    expect(error.code).toBe('SPEC_BAD_OPERATOR');
    expect(error.path).toBe(path);
  });

  test.each([
    ['text on a year', { field: 'annee', op: 'eq', values: ['2020'] }, '/filters/0/values/0'],
    ['number on a code', { field: 'region', op: 'in', values: ['53', 11] }, '/filters/0/values/1'],
    ['boolean', { field: 'region', op: 'eq', values: [true] }, '/filters/0/values/0'],
    ['bad date', { field: 'date_decision', op: 'gte', values: ['01/02/2023'] }, '/filters/0/values/0'],
    ['last_n_years 0', { field: 'annee', op: 'last_n_years', values: [0] }, '/filters/0/values/0'],
    ['last_n_years 1.5', { field: 'annee', op: 'last_n_years', values: [1.5] }, '/filters/0/values/0'],
  ])('%s → SPEC_BAD_VALUE', (_label, filter, path) => {
    const error = errorOf({ ...base, filters: [filter] });
    expect(error.code).toBe('SPEC_BAD_VALUE');
    expect(error.path).toBe(path);
  });

  test('a dimension asked as a measure', () => {
    const error = errorOf({ ...base, measures: ['region'] });
    expect(error.code).toBe('SPEC_BAD_VALUE');
    expect(error.path).toBe('/measures/0');
  });
});

describe('limits', () => {
  test.each([
    ['negative limit', { limit: -1 }, '/limit'],
    ['zero limit', { limit: 0 }, '/limit'],
    ['fractional limit', { limit: 2.5 }, '/limit'],
    ['negative offset', { offset: -5 }, '/offset'],
    ['huge offset', { offset: 1e12 }, '/offset'],
  ])('%s → SPEC_LIMIT', (_label, extra, path) => {
    const error = errorOf({ ...base, ...extra });
    expect(error.code).toBe('SPEC_LIMIT');
    expect(error.path).toBe(path);
  });

  test('a limit over the cap is capped, not refused', () => {
    const compiled = compileQuery({ ...base, limit: 1e9 }, fixtureCatalogue, NAT, {
      dialect: 'duckdb',
      maxLimit: 100,
    });
    expect(compiled.limit).toBe(100);
    expect(compiled.limitCapped).toBe(true);
    expect(compiled.params.at(-1)).toBe(101);
  });

  test('default limit, capped too', () => {
    const opts = { dialect: 'duckdb' as const, maxLimit: 50 };
    expect(compileQuery(base, fixtureCatalogue, NAT, opts).limit).toBe(50);
    expect(compileQuery(base, fixtureCatalogue, NAT, { ...opts, maxLimit: 5000 }).limit).toBe(1000);
    expect(compileQuery(base, fixtureCatalogue, NAT, { ...opts, defaultLimit: 20 }).limit).toBe(20);
  });
});

describe('sort, subtotals, topN', () => {
  test('sorting on a field that is not selected', () => {
    const error = errorOf({ ...base, sort: [{ field: 'annee', dir: 'asc' }] });
    expect(error.code).toBe('SPEC_BAD_SORT');
    expect(error.path).toBe('/sort/0/field');
  });
  test('subtotals must be a prefix of the dimensions', () => {
    const error = errorOf({ ...base, dimensions: ['region', 'annee'], subtotals: ['annee'] });
    expect(error.code).toBe('SPEC_BAD_SUBTOTALS');
    expect(error.path).toBe('/subtotals/0');
  });
  test('topN needs a dimension', () => {
    const error = errorOf({ dataset: base.dataset, measures: ['montant_ae'], topN: { n: 3 } });
    expect(error.code).toBe('SPEC_BAD_TOPN');
  });
  test('topN n must be a positive integer', () => {
    expect(errorOf({ ...base, topN: { n: 0 } }).path).toBe('/topN/n');
  });
});

describe('security context', () => {
  test('locked filters are validated like spec filters', () => {
    const error = errorOf(base, {
      scope: 'NAT',
      lockedFilters: [{ field: 'nope', op: 'eq', values: ['1'] }],
    });
    expect(error.code).toBe('SPEC_UNKNOWN_FIELD');
    expect(error.path).toBe('/lockedFilters/0/field');
  });

  test('scope and locked filters are ANDed after the spec filters', () => {
    const compiled = compileQuery(
      { ...base, filters: [{ field: 'departement', op: 'eq', values: ['29'] }] },
      fixtureCatalogue,
      { scope: '53', lockedFilters: [{ field: 'departement', op: 'eq', values: ['35'] }] },
      { dialect: 'duckdb', maxLimit: 100 },
    );
    expect(compiled.sql).toContain(
      'WHERE "t"."code_departement" = $1 AND "t"."code_departement" = $2 AND "t"."code_region" = $3',
    );
    expect(compiled.params.slice(0, 3)).toEqual(['29', '35', '53']);
  });

  test('no scope filter on an open dataset or for a national user', () => {
    const open = { ...base, dataset: 'dotations_open' };
    const opts = { dialect: 'duckdb' as const, maxLimit: 100 };
    expect(compileQuery(open, fixtureCatalogue, { scope: '53' }, opts).sql).not.toContain('WHERE');
    expect(compileQuery(base, fixtureCatalogue, NAT, opts).sql).not.toContain('WHERE');
  });
});
