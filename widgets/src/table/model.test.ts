import { describe, expect, it } from 'vitest';
import { departementsResult } from './fixtures.ts';
import { nextSort, pageText, toTableView } from './model.ts';
import { tableQuery } from './query.ts';
import { resolveTableOptions } from './spec.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const input = {
  result: departementsResult,
  offset: 100,
  limit: 50,
  sort: [{ field: 'montant_cp', dir: 'desc' as const }],
  hidden: new Set<string>(),
  codes: 'label-code' as const,
  totals: true,
};

describe('toTableView', () => {
  it('merges codes and labels, formats in French and keeps only detail rows', () => {
    const view = toTableView(input);
    expect(view.columns.map((c) => [c.id, c.kind, c.numeric, c.sort])).toEqual([
      ['departement', 'dimension', false, null],
      ['annee', 'dimension', false, null],
      ['montant_cp', 'measure', true, 'desc'],
      ['taux_paiement', 'measure', true, null],
    ]);
    expect(view.rows).toHaveLength(2);
    expect(view.rows[0]?.cells.map((c) => [plain(c.text), c.secondary])).toEqual([
      ['Ille-et-Vilaine', '35'],
      ['2023', undefined],
      ['1 234 567,89 €', undefined],
      ['50 %', undefined],
    ]);
    expect(view.rows[1]?.cells[3]?.text).toBe('—');
    expect(view.rows[0]?.selection).toEqual({ field: 'departement', value: '35', label: 'Ille-et-Vilaine' });
    expect(view.totals?.map((c) => plain(c.text))).toEqual(['Total', '', '2 000 000 €', '60 %']);
  });

  it('shows « 35 — Ille-et-Vilaine » on request and hides chosen columns', () => {
    const view = toTableView({ ...input, codes: 'code-label', hidden: new Set(['annee', 'taux_paiement']) });
    expect(view.columns.map((c) => c.id)).toEqual(['departement', 'montant_cp']);
    expect(view.rows[0]?.cells[0]?.text).toBe('35 — Ille-et-Vilaine');
    expect(view.totals?.map((c) => plain(c.text))).toEqual(['Total', '2 000 000 €']);
    expect(toTableView({ ...input, hidden: new Set(['montant_cp', 'taux_paiement']) }).totals).toBeNull();
  });

  it('says where the page is, with or without a next page', () => {
    expect(toTableView(input).page).toEqual({
      offset: 100,
      limit: 50,
      hasPrevious: true,
      hasNext: true,
      text: 'Lignes 101 à 102',
    });
    expect(pageText(100, 50, true)).toBe('Lignes 101 à 150');
    expect(pageText(0, 37, false)).toBe('Lignes 1 à 37 sur 37');
    expect(plain(pageText(1000, 50, true))).toBe('Lignes 1 001 à 1 050');
    expect(pageText(0, 0, false)).toBe('Aucune ligne');
  });
});

describe('sorting and first query', () => {
  it('toggles the current sort, else sorts measures largest first and dimensions A→Z', () => {
    expect(nextSort({ id: 'montant_cp', kind: 'measure', sort: 'desc' })).toEqual({
      field: 'montant_cp',
      dir: 'asc',
    });
    expect(nextSort({ id: 'montant_cp', kind: 'measure', sort: null })).toEqual({
      field: 'montant_cp',
      dir: 'desc',
    });
    expect(nextSort({ id: 'annee', kind: 'dimension', sort: null })).toEqual({ field: 'annee', dir: 'asc' });
  });

  it('asks one page and the totals', () => {
    const spec = { dataset: 'chorus_lignes', measures: ['montant_cp'], dimensions: ['departement'] };
    expect(tableQuery(spec, resolveTableOptions({ pageSize: 25 }))).toEqual({
      ...spec,
      limit: 25,
      offset: 0,
      totals: true,
    });
    expect(tableQuery({ ...spec, limit: 10 }, resolveTableOptions({ totals: false }))).toEqual({
      ...spec,
      limit: 10,
      offset: 0,
    });
  });
});
