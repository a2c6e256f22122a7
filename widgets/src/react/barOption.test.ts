import { describe, expect, it } from 'vitest';
import { describeBars, toBarOption } from './barOption.ts';
import { DSFR_PALETTE } from './palette.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const dotations = {
  categories: ['DETR', 'DSIL', 'DSID'],
  series: [{ name: 'Montant accordé', values: [977561920, 570000000.5, null] }],
  format: 'eur' as const,
  ariaLabel: 'Montant accordé par dotation',
};

describe('toBarOption', () => {
  it('builds a vertical bar chart with the DSFR palette and ECharts aria on', () => {
    const option = toBarOption(dotations);
    expect(option).toMatchSnapshot();
    expect(option.color).toEqual(DSFR_PALETTE);
    expect(option.aria).toMatchObject({ enabled: true, decal: { show: false } });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['DETR', 'DSIL', 'DSID'] });
    expect(option.series).toEqual([
      expect.objectContaining({ type: 'bar', data: [977561920, 570000000.5, null] }),
    ]);
    expect(option.legend).toBeUndefined();
  });

  it('labels the value axis in compact euros and the tooltip in full euros', () => {
    const option = toBarOption(dotations);
    const yAxis = option.yAxis as { axisLabel: { formatter: (v: number) => string } };
    expect(plain(yAxis.axisLabel.formatter(1.2e6))).toBe('1,2 M€');
    const tooltip = option.tooltip as { valueFormatter: (v: unknown, i: number) => string };
    expect(plain(tooltip.valueFormatter(977561920, 0))).toBe('977 561 920 €');
    expect(tooltip.valueFormatter(undefined, 0)).toBe('—');
  });

  it('swaps axes when horizontal and adds a legend for several series', () => {
    const option = toBarOption({
      ...dotations,
      horizontal: true,
      decal: true,
      series: [
        { name: 'Accordé', values: [1, 2, 3] },
        { name: 'Coût total', values: [4, 5, 6] },
      ],
    });
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true });
    expect(option.xAxis).toMatchObject({ type: 'value' });
    expect(option.legend).toBeDefined();
    expect(option.aria).toMatchObject({ decal: { show: true } });
  });
});

describe('describeBars', () => {
  it('reads every value in French', () => {
    expect(plain(describeBars(dotations))).toBe(
      'Graphique en barres. Montant accordé par dotation. DETR : 977 561 920 € ; DSIL : 570 000 000,50 € ; DSID : —.',
    );
  });
});
