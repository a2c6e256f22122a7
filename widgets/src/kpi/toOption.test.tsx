import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { byDotation, byYear, result, widget } from '../echarts/fixtures.ts';
import KpiRenderer, { preloadSparkline } from './Renderer.tsx';
import { compare, kpiModel, toSparklineOption } from './toOption.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('kpiModel', () => {
  it('shows the last year, compared with the year before', () => {
    const model = kpiModel(widget('kpi', {}, 'Crédits payés'), byYear);
    expect(model.period).toBe('2024');
    expect(plain(model.valueText)).toBe('1,2 M€');
    expect(plain(model.exactText)).toBe('1 230 000 €');
    // 1 230 000 / 1 000 000 − 1 = +23 %
    expect(model.comparison?.direction).toBe('up');
    expect(plain(model.comparison?.text ?? '')).toBe('+23 % par rapport à 2023');
    expect(model.trend).toEqual({
      labels: ['2022', '2023', '2024'],
      values: [900_000, 1_000_000, 1_230_000],
    });
    expect(model.others.map((o) => [o.label, plain(o.text)])).toEqual([
      ['Montant engagé (AE)', '1 500 000 €'],
    ]);
  });

  it('says a fall with a real minus sign and a ratio change in points', () => {
    expect(plain(compare(877, 1000, 'eur', '2023')?.text ?? '')).toBe('−12,3 % par rapport à 2023');
    expect(compare(0.5, 0.479, 'percent', '2023')).toEqual({
      direction: 'up',
      text: '+2,1 points par rapport à 2023',
    });
    expect(compare(100, 100, 'integer', '2023')).toEqual({
      direction: 'stable',
      text: 'Stable par rapport à 2023',
    });
    expect(compare(100, 0, 'eur', '2023')).toBeNull();
  });

  it('shows the first row without a year dimension, and no comparison', () => {
    const model = kpiModel(widget('kpi', { measure: 'nb_projets', compact: false }), byDotation);
    expect(model.label).toBe('Projets');
    expect(plain(model.valueText)).toBe('3 000');
    expect(model.comparison).toBeNull();
    expect(model.trend).toBeNull();
  });

  it('builds a bare sparkline with aria on', () => {
    const w = widget('kpi');
    const option = toSparklineOption(w, kpiModel(w, byYear));
    expect(option.series).toMatchObject([{ type: 'line', data: [900_000, 1_000_000, 1_230_000] }]);
    expect(option.xAxis).toMatchObject({ show: false, data: ['2022', '2023', '2024'] });
    expect(option.aria).toMatchObject({ enabled: true });
  });
});

describe('KpiRenderer', () => {
  it('renders the French figure and comparison', async () => {
    // The trend line is its own chunk: loaded, it renders without suspending.
    await preloadSparkline();
    const html = plain(
      renderToStaticMarkup(<KpiRenderer widget={widget('kpi', {}, 'Crédits payés')} result={byYear} />),
    );
    expect(html).toContain('Montant payé (CP) en 2024');
    expect(html).toContain('>1,2 M€<');
    expect(html).toContain('soit 1 230 000 €');
    expect(html).toContain(
      '<span aria-hidden="true" style="margin-right:0.25rem">▲</span>+23 % par rapport à 2023',
    );
    expect(html).toContain('data-testid="kpi-chart"');
  });

  it('has no comparison for a single year', () => {
    const oneYear = result([...byYear.columns], [[2024, 5, 6]]);
    const html = renderToStaticMarkup(<KpiRenderer widget={widget('kpi')} result={oneYear} />);
    expect(html).not.toContain('par rapport à');
    expect(html).not.toContain('kpi-chart');
  });
});
