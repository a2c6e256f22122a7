import { describe, expect, it } from 'vitest';
import { byRegionDotation, byType, widget } from '../echarts/fixtures.ts';
import { toTreemapOption, treemapSelectionAt } from './toOption.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
type Node = { id: string; name: string; value: number; children?: Node[] };
type TreemapSeries = {
  type: string;
  data: Node[];
  nodeClick: unknown;
  label: { formatter: (p: { name: string; value: number }) => string };
};

describe('toTreemapOption', () => {
  it('nests the second dimension under the first, groups sized by their children', () => {
    const option = toTreemapOption(widget('treemap', {}, 'Par région et dotation'), byRegionDotation);
    expect(option).toMatchSnapshot();
    const [series] = option.series as TreemapSeries[];
    expect(series?.nodeClick).toBe(false);
    expect(series?.data.map((n) => [n.name, n.value, n.children?.map((c) => [c.name, c.value])])).toEqual([
      ['Auvergne-Rhône-Alpes', 300, [['DETR', 300]]],
      [
        'Bretagne',
        150,
        [
          ['DETR', 100],
          ['DSIL', 50],
        ],
      ],
      ['Corse', 20, [['DSIL', 20]]],
    ]);
    expect(plain(series?.label.formatter({ name: 'Bretagne', value: 1_500_000 }) ?? '')).toBe(
      'Bretagne\n1,5 M€',
    );
    expect(option.aria).toMatchObject({ enabled: true });
  });

  it('maps a click on a group or a leaf to its own dimension', () => {
    const w = widget('treemap');
    expect(treemapSelectionAt(w, byRegionDotation, { dataIndex: 0, data: { id: '0:53' } })).toEqual({
      field: 'region',
      value: '53',
      label: 'Bretagne',
    });
    expect(treemapSelectionAt(w, byRegionDotation, { dataIndex: 0, data: { id: '0:53/1:DSIL' } })).toEqual({
      field: 'dotation',
      value: 'DSIL',
      label: 'DSIL',
    });
  });

  it('folds the smallest rectangles of a flat treemap into « Autres », which selects nothing', () => {
    const w = widget('treemap', { maxItems: 5 });
    const [series] = toTreemapOption(w, byType).series as TreemapSeries[];
    expect(series?.data.map((n) => n.name)).toEqual(['Type 0', 'Type 1', 'Type 2', 'Type 3', 'Autres']);
    expect(series?.data.at(-1)?.value).toBe(600 + 500 + 400 + 300 + 200 + 100);
    expect(treemapSelectionAt(w, byType, { dataIndex: 4, data: { id: '0:__autres__' } })).toBeNull();
  });
});
