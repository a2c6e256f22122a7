import { describe, expect, it } from 'vitest';
import { toTableModel } from './tableModel.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('toTableModel', () => {
  const columns = [
    { id: 'region_label', label: 'Région', format: 'text' as const },
    { id: 'montant_subvention', label: 'Montant accordé', format: 'eur' as const },
    { id: 'nb_projets', label: 'Projets', format: 'integer' as const },
  ];

  it('formats cells in French and right-aligns quantities', () => {
    const model = toTableModel({
      columns,
      rows: [
        ['Occitanie', 120000000, 1234],
        ['Bretagne', null, 12],
      ],
    });
    expect(model.headers.map((h) => h.numeric)).toEqual([false, true, true]);
    expect(model.body.map((row) => row.map((cell) => plain(cell.text)))).toEqual([
      ['Occitanie', '120 000 000 €', '1 234'],
      ['Bretagne', '—', '12'],
    ]);
    expect(model.totals).toBeNull();
  });

  it('builds a totals row labelled in the first column', () => {
    const model = toTableModel({
      columns,
      rows: [],
      totals: { montant_subvention: 977561920, nb_projets: 4000 },
    });
    expect(model.totals?.map((cell) => plain(cell.text))).toEqual(['Total', '977 561 920 €', '4 000']);
  });

  it('leaves a column without a total empty', () => {
    const model = toTableModel({ columns, rows: [], totals: { nb_projets: 3 }, totalsLabel: 'Ensemble' });
    expect(model.totals?.map((cell) => cell.text)).toEqual(['Ensemble', '', '3']);
  });
});
