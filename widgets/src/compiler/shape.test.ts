/** shapeResult is pure: driver quirks in, API rows out. */
import { expect, test } from 'vitest';
import { fixtureCatalogue } from '../testing/fixture.ts';
import { compileQuery } from './compile.ts';
import { OTHERS_CODE, OTHERS_LABEL, shapeResult } from './shape.ts';

const compile = (spec: unknown, maxLimit = 100) =>
  compileQuery(spec, fixtureCatalogue, { scope: 'NAT' }, { dialect: 'postgres', maxLimit });

test('columns: dimension, its label right after, measures, grouping', () => {
  const compiled = compile({
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'nb_lignes'],
    dimensions: ['region', 'annee'],
    subtotals: ['region'],
  });
  expect(compiled.columns).toEqual([
    { id: 'region', role: 'dimension', type: 'geo', level: 'region', label: 'Région' },
    { id: 'region_label', role: 'label', type: 'text', labelOf: 'region', label: 'Région (libellé)' },
    { id: 'annee', role: 'dimension', type: 'year', label: 'Année' },
    { id: 'montant_ae', role: 'measure', type: 'number', format: 'eur', label: 'Montant engagé (AE)' },
    { id: 'nb_lignes', role: 'measure', type: 'number', format: 'integer', label: 'Nombre de lignes' },
    { id: '_grouping', role: 'grouping', type: 'number', label: 'Niveau de regroupement' },
  ]);
});

test('driver values become JS numbers and strings', () => {
  const compiled = compile({
    dataset: 'dotations_open',
    measures: ['montant_ae', 'nb_lignes'],
    dimensions: ['annee'],
  });
  const shaped = shapeResult(compiled, [
    ['2021', '1234.50', 12n],
    [2022n, 10.5, '7'],
    [null, null, 0],
  ]);
  expect(shaped.rows).toEqual([
    [2021, 1234.5, 12],
    [2022, 10.5, 7],
    [null, null, 0],
  ]);
  expect(shaped).toMatchObject({ truncated: false, rowCount: 3, totals: {} });
});

test('the probe row is dropped and flags truncation', () => {
  const compiled = compile({
    dataset: 'dotations_open',
    measures: ['nb_lignes'],
    dimensions: ['region'],
    limit: 2,
  });
  const shaped = shapeResult(compiled, [
    ['a', 'A', 1],
    ['b', 'B', 1],
    ['c', 'C', 1],
  ]);
  expect(shaped.rows).toEqual([
    ['a', 'A', 1],
    ['b', 'B', 1],
  ]);
  expect(shaped.truncated).toBe(true);
});

test('grand total goes to totals; subtotals of the dropped probe row go too', () => {
  const compiled = compile({
    dataset: 'dotations_open',
    measures: ['nb_lignes'],
    dimensions: ['region', 'annee'],
    subtotals: ['region'],
    totals: true,
    limit: 1,
  });
  // region, region_label, annee, nb_lignes, _grouping
  const shaped = shapeResult(compiled, [
    ['53', 'Bretagne', 2020, 5, 0],
    ['84', 'ARA', 2020, 4, 0],
    ['53', 'Bretagne', null, 9, 1],
    ['84', 'ARA', null, 4, 1],
    [null, null, null, 13, 3],
  ]);
  expect(shaped.rows).toEqual([
    ['53', 'Bretagne', 2020, 5, 0],
    ['53', 'Bretagne', null, 9, 1],
  ]);
  expect(shaped.totals).toEqual({ nb_lignes: 13 });
  expect(shaped.truncated).toBe(true);
});

test('the « Autres » bucket is named, whatever the dimension type', () => {
  const compiled = compile({
    dataset: 'dotations_open',
    measures: ['nb_lignes'],
    dimensions: ['annee'],
    topN: { n: 1, others: true },
  });
  // annee, _autres, nb_lignes
  const shaped = shapeResult(compiled, [
    [2021, 0, 5],
    [null, 1, 9],
  ]);
  expect(shaped.columns.map((c) => c.id)).toEqual(['annee', 'nb_lignes']);
  expect(shaped.rows).toEqual([
    [2021, 5],
    [OTHERS_CODE, 9],
  ]);
  const labelled = compile({
    dataset: 'dotations_open',
    measures: ['nb_lignes'],
    dimensions: ['region'],
    topN: { n: 1, others: true },
  });
  expect(shapeResult(labelled, [[null, null, 1, 3]]).rows).toEqual([[OTHERS_CODE, OTHERS_LABEL, 3]]);
});

/** Raw rows of beneficiaire × annee × type with subtotals on the first two: n detail rows and their groups. */
function subtotalledRows(n: number): unknown[][] {
  // beneficiaire, annee, type_beneficiaire, nb_lignes, _grouping
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) rows.push([`b${Math.floor(i / 2)}`, 2020 + (i % 2), 't', 1, 0]);
  for (let b = 0; b < Math.ceil(n / 2); b++) {
    rows.push([`b${b}`, 2020, null, 1, 1], [`b${b}`, 2021, null, 1, 1], [`b${b}`, null, null, 2, 3]);
  }
  rows.push([null, null, null, n, 7]);
  return rows;
}

const subtotalledSpec = (limit: number) => ({
  dataset: 'dotations_investissement',
  dimensions: ['beneficiaire', 'annee', 'type_beneficiaire'],
  measures: ['nb_lignes'],
  subtotals: ['beneficiaire', 'annee'],
  totals: true,
  limit,
});

test('a truncated result keeps the subtotals of the groups still shown, at every level', () => {
  const shaped = shapeResult(compile(subtotalledSpec(3), 100), subtotalledRows(4));
  expect(shaped.truncated).toBe(true);
  expect(shaped.rows).toEqual([
    ['b0', 2020, 't', 1, 0],
    ['b0', 2021, 't', 1, 0],
    ['b1', 2020, 't', 1, 0],
    ['b0', 2020, null, 1, 1],
    ['b0', 2021, null, 1, 1],
    ['b0', null, null, 2, 3],
    ['b1', 2020, null, 1, 1],
    ['b1', null, null, 2, 3],
  ]);
  expect(shaped.totals).toEqual({ nb_lignes: 4 });
});

test('subtotal matching is linear: 48 000 truncated rows shape in well under a second', () => {
  // Matching every subtotal against every detail row took ~48 s here (issue 15).
  const limit = 48_000;
  const raw = subtotalledRows(limit + 2);
  const started = performance.now();
  const shaped = shapeResult(compile(subtotalledSpec(limit), 50_000), raw);
  const elapsed = performance.now() - started;
  console.info(`shapeResult, ${raw.length} raw rows with subtotals, truncated: ${elapsed.toFixed(0)} ms`);
  expect(shaped.truncated).toBe(true);
  // Every kept beneficiaire keeps its two year subtotals and its own.
  expect(shaped.rowCount).toBe(limit + (limit / 2) * 3);
  expect(elapsed).toBeLessThan(3_000);
});
