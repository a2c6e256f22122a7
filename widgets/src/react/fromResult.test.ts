import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../spec/types.ts';
import { readableColumns, tableFromResult } from './fromResult.ts';

const meta: QueryResult['meta'] = {
  rowCount: 2,
  truncated: false,
  cached: false,
  engineMs: 1,
  dataVersion: 'v1',
  source: 'DGCL',
  updatedAt: null,
  demo: false,
  engine: 'duckdb',
};

const byRegion: QueryResult = {
  columns: [
    { id: 'region', label: 'Région', type: 'geo', level: 'region', role: 'dimension' },
    { id: 'region_label', label: 'Région (libellé)', type: 'text', labelOf: 'region', role: 'label' },
    { id: 'montant_subvention', label: 'Montant accordé', type: 'number', format: 'eur', role: 'measure' },
    { id: 'nb_projets', label: 'Nombre de projets', type: 'number', format: 'integer', role: 'measure' },
  ],
  rows: [
    ['84', 'Auvergne-Rhône-Alpes', 1000, 3],
    ['53', 'Bretagne', 500, null],
  ],
  totals: { montant_subvention: 1500, nb_projets: 3 },
  meta,
};

const byDotation: QueryResult = {
  columns: [
    { id: 'dotation', label: 'Dotation', type: 'code', role: 'dimension' },
    { id: 'montant_subvention', label: 'Montant accordé', type: 'number', format: 'eur', role: 'measure' },
  ],
  rows: [
    ['DETR', 977561920],
    ['DSIL', '570000000'],
  ],
  totals: {},
  meta,
};

describe('readableColumns', () => {
  it('shows a labelled dimension by its label, under the dimension title', () => {
    expect(readableColumns(byRegion)).toEqual([
      { index: 1, column: { id: 'region_label', label: 'Région', format: 'text' } },
      { index: 2, column: { id: 'montant_subvention', label: 'Montant accordé', format: 'eur' } },
      { index: 3, column: { id: 'nb_projets', label: 'Nombre de projets', format: 'integer' } },
    ]);
  });

  it('keeps an unlabelled dimension, formats years as years and drops grouping flags', () => {
    const result: QueryResult = {
      ...byDotation,
      columns: [
        { id: 'annee', label: 'Année', type: 'year', role: 'dimension' },
        { id: 'grouping_annee', label: '', type: 'number', role: 'grouping' },
        { id: 'montant', label: 'Montant', type: 'number', role: 'measure' },
      ],
    };
    expect(readableColumns(result).map((p) => [p.column.id, p.column.format])).toEqual([
      ['annee', 'year'],
      ['montant', 'number'],
    ]);
  });
});

describe('tableFromResult', () => {
  it('projects rows on the readable columns and keeps the totals', () => {
    const table = tableFromResult(byRegion);
    expect(table.columns.map((c) => c.label)).toEqual(['Région', 'Montant accordé', 'Nombre de projets']);
    expect(table.rows).toEqual([
      ['Auvergne-Rhône-Alpes', 1000, 3],
      ['Bretagne', 500, null],
    ]);
    expect(table.totals).toEqual({ montant_subvention: 1500, nb_projets: 3 });
  });

  it('keeps only the first rows when capped, and the totals of the whole result', () => {
    const table = tableFromResult(byRegion, 1);
    expect(table.rows).toEqual([['Auvergne-Rhône-Alpes', 1000, 3]]);
    expect(table.totals).toEqual({ montant_subvention: 1500, nb_projets: 3 });
  });

  it('has no totals row when none were asked', () => {
    expect(tableFromResult(byDotation).totals).toBeNull();
  });
});
