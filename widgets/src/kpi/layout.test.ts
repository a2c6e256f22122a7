import { describe, expect, it } from 'vitest';
import { byYear, result, widget } from '../echarts/fixtures.ts';
import { kpiLayout } from './layout.ts';
import { kpiModel } from './toOption.ts';

// byYear: 3 years of CP (compact figure, so an exact line), AE as the other measure.
const model = kpiModel(widget('kpi', {}, 'Crédits payés'), byYear);

describe('kpiLayout', () => {
  it('shows everything, trend line at 64 px, where the height follows the content', () => {
    expect(kpiLayout(model, 'Crédits payés', undefined)).toEqual({
      label: 'shown',
      exact: 'shown',
      comparison: 'shown',
      others: 'shown',
      sparkline: 64,
    });
  });

  it('leaves out, in order, the trend line, the other measures, the exact value, then the name', () => {
    // 48 figure; then 28 comparison, 28 name, 28 exact, 28 others (one), ≥ 32 trend.
    const at = (height: number) => kpiLayout(model, 'Crédits payés', height);
    expect(at(48 + 28 * 3 + 28 + 40)).toMatchObject({ others: 'shown', sparkline: 40 });
    expect(at(48 + 28 * 3 + 28 + 31)).toMatchObject({ others: 'shown', sparkline: 0 });
    expect(at(48 + 28 * 3 + 27)).toMatchObject({ exact: 'shown', others: 'hidden', sparkline: 0 });
    expect(at(48 + 28 * 2)).toMatchObject({ label: 'shown', exact: 'hidden' });
    expect(at(48 + 28)).toMatchObject({ comparison: 'shown', label: 'hidden', exact: 'hidden' });
    expect(at(40)).toMatchObject({ comparison: 'hidden', label: 'hidden', others: 'hidden', sparkline: 0 });
  });

  it('has no name line when it only repeats the title, and no trend line without years', () => {
    const single = kpiModel(
      widget('kpi', {}, 'Montant payé (CP)'),
      result([...byYear.columns].slice(1), [[5, 6]]),
    );
    const layout = kpiLayout(single, single.label, undefined);
    expect(layout.label).toBe('absent');
    expect(layout.comparison).toBe('absent');
    expect(layout.sparkline).toBe(0);
  });
});
