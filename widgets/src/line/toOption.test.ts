import { describe, expect, it } from 'vitest';
import { byYear, byYearDispositif, widget } from '../echarts/fixtures.ts';
import { toLineOption } from './toOption.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
type Series = { type: string; name: string; data: unknown[]; areaStyle?: unknown; stack?: string };

describe('toLineOption', () => {
  it('reads years left to right whatever the query order, one line per measure', () => {
    const option = toLineOption(widget('line', {}, 'Crédits par année'), byYear);
    expect(option).toMatchSnapshot();
    expect((option.xAxis as { data: string[] }).data).toEqual(['2022', '2023', '2024']);
    expect((option.series as Series[]).map((s) => [s.type, s.name, s.data, s.areaStyle])).toEqual([
      ['line', 'Montant payé (CP)', [900_000, 1_000_000, 1_230_000], undefined],
      ['line', 'Montant engagé (AE)', [1_000_000, 1_100_000, 1_500_000], undefined],
    ]);
    expect(option.aria).toMatchObject({ enabled: true });
  });

  it('formats the value axis in compact euros and the tooltip in full euros', () => {
    const option = toLineOption(widget('line', { measures: ['montant_cp'] }), byYear);
    const yAxis = option.yAxis as { axisLabel: { formatter: (v: number) => string } };
    expect(plain(yAxis.axisLabel.formatter(1_230_000))).toBe('1,2 M€');
    const tooltip = option.tooltip as { valueFormatter: (v: unknown) => string };
    expect(plain(tooltip.valueFormatter(1_230_000.5))).toBe('1 230 000,50 €');
    expect((option.series as Series[]).length).toBe(1);
  });

  it('makes one line per value of a second dimension', () => {
    const option = toLineOption(widget('line'), byYearDispositif);
    expect((option.series as Series[]).map((s) => [s.name, s.data, s.stack])).toEqual([
      ['Adultes-relais', [10, 12], undefined],
      ['FONJEP', [5, 6], undefined],
    ]);
  });
});
