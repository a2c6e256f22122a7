import { describe, expect, it } from 'vitest';
import { flows, widget } from '../echarts/fixtures.ts';
import { sankeySelectionAt, toSankeyOption } from './toOption.ts';

type SankeySeries = {
  type: string;
  data: { name: string; depth: number; itemStyle?: unknown }[];
  links: { source: string; target: string; value: number }[];
  label: { formatter: (p: { name: string; value: number }) => string };
};

describe('toSankeyOption', () => {
  it('links each column to the next, summing over the other columns', () => {
    const option = toSankeyOption(widget('sankey', {}, 'Flux des crédits'), flows);
    expect(option).toMatchSnapshot();
    const [series] = option.series as SankeySeries[];
    expect(series?.data.map((n) => [n.name, n.depth])).toEqual([
      ['0:0380', 0],
      ['0:0362', 0],
      ['1:commune', 1],
      ['1:association', 1],
      ['2:53', 2],
      ['2:84', 2],
    ]);
    expect(series?.links).toEqual([
      { source: '0:0380', target: '1:commune', value: 150 },
      { source: '1:commune', target: '2:53', value: 120 },
      { source: '1:commune', target: '2:84', value: 50 },
      { source: '0:0380', target: '1:association', value: 30 },
      { source: '1:association', target: '2:53', value: 30 },
      { source: '0:0362', target: '1:commune', value: 20 },
    ]);
    expect(series?.label.formatter({ name: '2:53', value: 150 }).replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Bretagne (150 €)',
    );
    expect(option.aria).toMatchObject({ enabled: true });
  });

  it('folds small nodes of a column into « Autres »', () => {
    const [series] = toSankeyOption(widget('sankey', { maxNodesPerLevel: 3 }), flows)
      .series as SankeySeries[];
    expect(series?.data.filter((n) => n.depth === 0).map((n) => n.name)).toEqual(['0:0380', '0:0362']);
  });

  it('maps a click on a node to its dimension, not a click on a link', () => {
    const w = widget('sankey');
    expect(sankeySelectionAt(w, flows, { dataIndex: 2, dataType: 'node', name: '1:commune' })).toEqual({
      field: 'type_beneficiaire',
      value: 'commune',
      label: 'Commune',
    });
    expect(
      sankeySelectionAt(w, flows, { dataIndex: 0, dataType: 'edge', name: '0:0380 > 1:commune' }),
    ).toBeNull();
    const [series] = toSankeyOption(w, flows, { field: 'region', value: '84' }).series as SankeySeries[];
    expect(series?.data.filter((n) => n.itemStyle).map((n) => [n.name, n.itemStyle])).toEqual([
      ['2:53', { opacity: 0.3 }],
      ['2:84', { opacity: 1 }],
    ]);
  });
});
