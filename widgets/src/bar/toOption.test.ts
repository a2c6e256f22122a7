import { describe, expect, it } from 'vitest';
import { byDotation, byRegionDotation, result, widget } from '../echarts/fixtures.ts';
import { DSFR_DECALS, DSFR_PALETTE } from '../echarts/palette.ts';
import { barChartHeight, barSelectionAt, MAX_BARS, toBarOption } from './toOption.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
type Axis = {
  type: string;
  data?: string[];
  inverse?: boolean;
  axisLabel: { formatter: (v: number) => string };
};
type Series = { type: string; name: string; data: unknown[]; stack?: string; label?: { show: boolean } };

describe('toBarOption', () => {
  it('draws one series per measure over the categories, with the DSFR palette and aria on', () => {
    const option = toBarOption(widget('bar', {}, 'Montant accordé par dotation'), byDotation);
    expect(option).toMatchSnapshot();
    expect(option.color).toEqual(DSFR_PALETTE);
    expect(option.aria).toMatchObject({ enabled: true, decal: { show: false } });
    expect((option.xAxis as Axis).data).toEqual(['DETR', 'DSIL', 'DSID']);
    const series = option.series as Series[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['Montant accordé', [977561920, 570000000.5, null]],
      ['Projets', [3000, 1200, 40]],
    ]);
    expect(option.legend).toBeDefined();
  });

  it('labels the value axis in compact French euros and describes every value', () => {
    const option = toBarOption(
      widget('bar', { measures: ['montant_subvention'] }, 'Par dotation'),
      byDotation,
    );
    expect(plain((option.yAxis as Axis).axisLabel.formatter(1.2e6))).toBe('1,2 M€');
    expect(plain((option.aria as { label: { description: string } }).label.description)).toBe(
      'Graphique en barres. Par dotation. DETR : 977 561 920 € ; DSIL : 570 000 000,50 € ; DSID : —.',
    );
    expect(option.legend).toBeUndefined();
  });

  it('makes one stacked series per value of the second dimension, categories by label', () => {
    const option = toBarOption(
      widget('bar', { mode: 'stacked', orientation: 'horizontal' }),
      byRegionDotation,
    );
    const yAxis = option.yAxis as Axis;
    expect(yAxis).toMatchObject({ type: 'category', inverse: true });
    expect(yAxis.data).toEqual(['Bretagne', 'Auvergne-Rhône-Alpes', 'Corse']);
    expect((option.series as Series[]).map((s) => [s.name, s.stack, s.data])).toEqual([
      ['DETR', 'total', [100, 300, null]],
      ['DSIL', 'total', [50, null, 20]],
    ]);
    expect(barChartHeight(option, 200)).toBe(200);
  });

  it('turns horizontal by itself for long labels, and shows decals when asked', () => {
    const option = toBarOption(widget('bar', { decal: true }), byRegionDotation);
    expect((option.yAxis as Axis).type).toBe('category');
    expect(option.aria).toMatchObject({ decal: { show: true, decals: DSFR_DECALS } });
  });

  it('dims the bars outside the cross-filter selection', () => {
    const option = toBarOption(widget('bar', { measures: ['nb_projets'] }), byDotation, {
      field: 'dotation',
      value: 'DSIL',
    });
    expect((option.series as Series[])[0]?.data).toEqual([
      { value: 3000, itemStyle: { opacity: 0.3 } },
      { value: 1200, itemStyle: { opacity: 1 } },
      { value: 40, itemStyle: { opacity: 0.3 } },
    ]);
  });

  it('maps a click to the category code and label', () => {
    expect(barSelectionAt(widget('bar'), byRegionDotation, { dataIndex: 1, seriesIndex: 0 })).toEqual({
      field: 'region',
      value: '84',
      label: 'Auvergne-Rhône-Alpes',
    });
    expect(barSelectionAt(widget('bar'), byRegionDotation, { dataIndex: 9 })).toBeNull();
  });
});

describe('long category lists (130 programmes)', () => {
  const columns = [
    { id: 'programme', label: 'Programme', type: 'code' as const, role: 'dimension' as const },
    {
      id: 'programme_label',
      label: 'Programme (libellé)',
      type: 'text' as const,
      role: 'label' as const,
      labelOf: 'programme',
    },
    {
      id: 'montant_cp',
      label: 'Montant payé',
      type: 'number' as const,
      role: 'measure' as const,
      format: 'eur',
    },
  ];
  // Programme 0101 gets 1 €, 0102 2 €… in code order (the largest are the last codes).
  const rows = Array.from({ length: 130 }, (_, i) => [
    String(101 + i).padStart(4, '0'),
    i === 129 ? 'Fonds vert' : `Programme ${101 + i}`,
    i + 1,
  ]);
  const total = (130 * 131) / 2;
  const programmes = (totals: Record<string, number>) => ({ ...result(columns, rows), totals });

  it('keeps the 14 largest, sums the rest in « Autres », and numbers the programmes', () => {
    const option = toBarOption(widget('bar', {}, 'Par programme'), programmes({ montant_cp: total }));
    const axis = option.yAxis as Axis;
    expect(axis.data).toHaveLength(MAX_BARS);
    expect(axis.data?.[0]).toBe('230 – Fonds vert');
    expect(axis.data?.[1]).toBe('229 – Programme 229');
    expect(axis.data?.at(-1)).toBe('Autres (116 programmes)');
    const values = (option.series as Series[])[0]?.data.map((d) =>
      typeof d === 'number' ? d : (d as { value: number }).value,
    );
    expect(values?.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(total);
    expect(values?.at(-1)).toBe((116 * 117) / 2);
    // 15 rows of 28 px: the chart stays about a cell high instead of 4 000 px.
    expect(barChartHeight(option, 300)).toBeLessThanOrEqual(MAX_BARS * 28 + 60);
    // « Autres » selects nothing; a programme selects its code.
    const w = widget('bar', {}, 'Par programme');
    expect(barSelectionAt(w, programmes({ montant_cp: total }), { dataIndex: 14 } as never)).toBeNull();
    expect(barSelectionAt(w, programmes({ montant_cp: total }), { dataIndex: 0 } as never)).toEqual({
      field: 'programme',
      value: '0230',
      label: '230 – Fonds vert',
    });
  });

  it('shows the 15 largest without « Autres » when the rows do not add up to the total (a rate)', () => {
    const option = toBarOption(widget('bar'), programmes({ montant_cp: 0.72 }));
    const axis = option.yAxis as Axis;
    expect(axis.data).toHaveLength(MAX_BARS);
    expect(axis.data?.some((label) => label.startsWith('Autres'))).toBe(false);
  });
});
