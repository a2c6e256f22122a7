import { describe, expect, it } from 'vitest';
import { result, widget } from '../echarts/fixtures.ts';
import type { QueryResult } from '../spec/types.ts';
import { niceCeiling, toGaugeOption } from './toOption.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** One row, no dimension: what a gauge's query returns. */
const figure = (value: number, format: 'eur' | 'percent' = 'eur'): QueryResult =>
  result(
    [
      {
        id: 'taux',
        label: format === 'percent' ? 'Taux de paiement' : 'Montant payé',
        type: 'number',
        format,
        role: 'measure',
      },
      { id: 'autre', label: 'Autre', type: 'number', format: 'eur', role: 'measure' },
    ],
    [[value, 1]],
  );

type GaugeSeries = {
  type: string;
  min: number;
  max: number;
  data: { name: string; value: number; pointer?: { show: boolean } }[];
  detail: { formatter: (v: number) => string };
  axisLabel: { formatter: (v: number) => string };
};
const seriesOf = (option: ReturnType<typeof toGaugeOption>) => (option.series as GaugeSeries[])[0];

describe('toGaugeOption', () => {
  it('puts the value on a dial from 0 to a round number above it', () => {
    const option = toGaugeOption(widget('gauge', {}, 'Crédits payés'), figure(1_230_000));
    expect(option).toMatchSnapshot();
    const series = seriesOf(option);
    expect(series?.type).toBe('gauge');
    expect([series?.min, series?.max]).toEqual([0, 2_000_000]);
    expect(series?.data).toEqual([{ name: 'Montant payé', value: 1_230_000 }]);
    expect(plain(series?.detail.formatter(1_230_000) ?? '')).toBe('1,2 M€');
    // The dial's two ends only: ticks in between pile up on a small dial.
    expect(plain(series?.axisLabel.formatter(2_000_000) ?? '')).toBe('2 M€');
    expect(plain(series?.axisLabel.formatter(0) ?? '')).toBe('0 €');
    expect(series?.axisLabel.formatter(500_000)).toBe('');
    expect(plain((option.aria as { label: { description: string } }).label.description)).toBe(
      'Jauge. Crédits payés. Montant payé : 1 230 000 €, sur un cadran de 0 € à 2 000 000 €.',
    );
  });

  it('draws a rate out of 100 % with its target as a second, thin needle', () => {
    const option = toGaugeOption(widget('gauge', { target: 0.8 }, 'Taux'), figure(0.62, 'percent'));
    expect(option).toMatchSnapshot();
    const series = seriesOf(option);
    expect(series?.max).toBe(1);
    expect(series?.data.map((d) => [d.name, d.value, d.pointer?.show ?? false])).toEqual([
      ['Taux de paiement', 0.62, false],
      ['Objectif', 0.8, true],
    ]);
    expect(plain(series?.detail.formatter(0.62) ?? '')).toBe('62 %\n{target|Objectif : 80 %}');
    expect(plain((option.aria as { label: { description: string } }).label.description)).toBe(
      'Jauge. Taux. Taux de paiement : 62 %, sur un cadran de 0 % à 100 %. Objectif : 80 %.',
    );
  });

  it('follows the options: measure, min and max (a max under min is ignored)', () => {
    const series = seriesOf(toGaugeOption(widget('gauge', { measure: 'autre', min: 0, max: 10 }), figure(5)));
    expect(series?.data[0]).toEqual({ name: 'Autre', value: 1 });
    expect(series?.max).toBe(10);
    expect(seriesOf(toGaugeOption(widget('gauge', { min: 100, max: 50 }), figure(130)))?.max).toBe(150);
    // The dial reaches the target when it is above the value.
    expect(seriesOf(toGaugeOption(widget('gauge', { target: 3_100_000 }), figure(1_230_000)))?.max).toBe(
      5_000_000,
    );
  });

  it('rounds a dial end up to 1, 2, 2.5 or 5 × 10^k', () => {
    expect([0, 0.3, 1, 1.1, 2.4, 3, 7, 42, 980].map(niceCeiling)).toEqual([
      1, 0.5, 1, 2, 2.5, 5, 10, 50, 1000,
    ]);
  });
});
