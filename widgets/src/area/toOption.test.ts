import { describe, expect, it } from 'vitest';
import { byYear, byYearDispositif, widget } from '../echarts/fixtures.ts';
import { toAreaOption } from './toOption.ts';

type Series = {
  type: string;
  name: string;
  data: unknown[];
  areaStyle?: { opacity: number };
  stack?: string;
};

describe('toAreaOption', () => {
  it('stacks filled areas by default, one per value of the second dimension', () => {
    const option = toAreaOption(widget('area', {}, 'Postes par dispositif'), byYearDispositif);
    expect(option).toMatchSnapshot();
    expect((option.xAxis as { data: string[] }).data).toEqual(['2022', '2023']);
    expect((option.series as Series[]).map((s) => [s.type, s.name, s.stack, s.data])).toEqual([
      ['line', 'Adultes-relais', 'total', [10, 12]],
      ['line', 'FONJEP', 'total', [5, 6]],
    ]);
    expect((option.series as Series[])[0]?.areaStyle).toEqual({ opacity: 0.85 });
    const description = (option.aria as { label: { description: string } }).label.description;
    expect(description).toBe(
      'Graphique en aires. Postes par dispositif. Adultes-relais, 2022 : 10 ; Adultes-relais, 2023 : 12 ; FONJEP, 2022 : 5 ; FONJEP, 2023 : 6.',
    );
  });

  it('overlaps translucent areas when not stacked, with decals when asked', () => {
    const option = toAreaOption(widget('area', { stacked: false, decal: true }), byYear);
    const series = option.series as Series[];
    expect(series.every((s) => s.stack === undefined && s.areaStyle?.opacity === 0.3)).toBe(true);
    expect(option.aria).toMatchObject({ decal: { show: true } });
  });
});
