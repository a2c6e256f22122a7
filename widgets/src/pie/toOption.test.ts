import { describe, expect, it } from 'vitest';
import { byDotation, byType, widget } from '../echarts/fixtures.ts';
import { pieSelectionAt, toPieOption } from './toOption.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
type PieSeries = {
  type: string;
  radius: unknown;
  data: { name: string; value: number; itemStyle?: unknown }[];
  label: { formatter: (p: { name: string; value: number }) => string };
};

describe('toPieOption', () => {
  it('draws the largest slices and folds the rest into « Autres »', () => {
    const option = toPieOption(widget('pie', { maxSlices: 4 }, 'Par type'), byType);
    expect(option).toMatchSnapshot();
    const [series] = option.series as PieSeries[];
    // 1000 + 900 + 800 kept, 700 + 600 + … + 100 = 2800 folded.
    expect(series?.data.map((d) => [d.name, d.value])).toEqual([
      ['Type 0', 1000],
      ['Type 1', 900],
      ['Type 2', 800],
      ['Autres', 2800],
    ]);
    expect(series?.radius).toEqual([0, '70%']);
    // 1000 / 5500 = 18,18… %
    expect(plain(series?.label.formatter({ name: 'Type 0', value: 1000 }) ?? '')).toBe('Type 0 : 18,2 %');
    expect(option.aria).toMatchObject({ enabled: true });
  });

  it('makes a ring with the total in the middle, leaving out missing values', () => {
    const option = toPieOption(widget('pie', { donut: true, measure: 'montant_subvention' }), byDotation);
    const [series] = option.series as PieSeries[];
    expect(series?.radius).toEqual(['45%', '70%']);
    expect(series?.data.map((d) => d.name)).toEqual(['DETR', 'DSIL']);
    expect(plain((option.title as { text: string }).text)).toBe('1,5 Md€');
  });

  it('selects a slice by its code, but not « Autres », and dims the others', () => {
    const w = widget('pie', { maxSlices: 4 });
    expect(pieSelectionAt(w, byType, { dataIndex: 1 })).toEqual({
      field: 'type_beneficiaire',
      value: 'T1',
      label: 'Type 1',
    });
    expect(pieSelectionAt(w, byType, { dataIndex: 3 })).toBeNull();
    const [series] = toPieOption(w, byType, { field: 'type_beneficiaire', value: 'T1' })
      .series as PieSeries[];
    expect(series?.data.map((d) => d.itemStyle)).toEqual([
      { opacity: 0.3 },
      { opacity: 1 },
      { opacity: 0.3 },
      { opacity: 0.3 },
    ]);
  });
});
