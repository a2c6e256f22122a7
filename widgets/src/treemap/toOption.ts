import type { TreemapSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { baseOption } from '../echarts/base.ts';
import { describeValues } from '../echarts/describe.ts';
import { formatAxisValue } from '../echarts/format.ts';
import { DIMMED_OPACITY, DSFR_GREY } from '../echarts/palette.ts';
import { labelOf, numberAt, pickMeasures, type ResultMeasure, viewResult } from '../echarts/result.ts';
import { selectedState } from '../echarts/selection.ts';
import { foldSlices, OTHERS_CODE } from '../echarts/slices.ts';
import type { ChartClick } from '../echarts/useECharts.ts';
import { formatValue } from '../format/index.ts';
import type { Cell, QueryResult } from '../spec/types.ts';
import type { WidgetDefinition, WidgetSelection } from '../widget/types.ts';
import type { TreemapOptions } from './spec.ts';

export type TreemapChartOption = ComposeOption<
  TreemapSeriesOption | TooltipComponentOption | AriaComponentOption
>;
type TreemapSeriesNodeItemOption = NonNullable<TreemapSeriesOption['data']>[number];

/** A rectangle; `id` is unique in the tree so a click can be mapped back to its selection. */
export interface TreemapNode {
  readonly id: string;
  readonly name: string;
  readonly value: number;
  readonly children?: readonly TreemapNode[];
  readonly itemStyle?: { readonly opacity: number };
}

interface TreemapModel {
  readonly nodes: readonly TreemapNode[];
  readonly measure: ResultMeasure | undefined;
  /** Node id → what clicking it selects (absent for « Autres »). */
  readonly selections: ReadonlyMap<string, WidgetSelection>;
}

function treemapModel(
  widget: WidgetDefinition,
  result: QueryResult,
  selection?: WidgetSelection | null,
): TreemapModel {
  const options = widget.options as TreemapOptions;
  const view = viewResult(result);
  const [measure] = pickMeasures(view, options.measure ? [options.measure] : undefined);
  const [outer, inner] = view.dimensions;
  const selections = new Map<string, WidgetSelection>();
  if (!outer || !measure) return { nodes: [], measure, selections };

  const leaves = (
    rows: readonly (readonly Cell[])[],
    dimensionIndex: 0 | 1,
    prefix: string,
  ): TreemapNode[] => {
    const dimension = dimensionIndex === 0 ? outer : inner;
    if (!dimension) return [];
    const slices = foldSlices(
      rows.map((row) => ({
        category: { code: row[dimension.codeIndex] ?? null, label: labelOf(row, dimension) },
        value: numberAt(row, measure.index),
      })),
      options.maxItems,
    );
    return slices.map((slice) => {
      const id = `${prefix}${dimensionIndex}:${String(slice.code)}`;
      if (slice.code !== OTHERS_CODE) {
        selections.set(id, { field: dimension.id, value: slice.code, label: slice.label });
      }
      const selected = selectedState(selection, dimension.id, slice.code);
      return {
        id,
        name: slice.label,
        value: slice.value,
        ...(selected === null ? {} : { itemStyle: { opacity: selected ? 1 : DIMMED_OPACITY } }),
      };
    });
  };

  if (!inner) return { nodes: leaves(view.rows, 0, ''), measure, selections };
  // Two dimensions: group the rows by the first one, each group sized by the sum of its children.
  const groups = new Map<string, { code: Cell; label: string; rows: (readonly Cell[])[] }>();
  for (const row of view.rows) {
    const code = row[outer.codeIndex] ?? null;
    const key = String(code);
    const group = groups.get(key) ?? { code, label: labelOf(row, outer), rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  const nodes = [...groups.values()]
    .map((group) => {
      const id = `0:${String(group.code)}`;
      selections.set(id, { field: outer.id, value: group.code, label: group.label });
      const children = leaves(group.rows, 1, `${id}/`);
      const selected = selectedState(selection, outer.id, group.code);
      return {
        id,
        name: group.label,
        value: children.reduce((sum, child) => sum + child.value, 0),
        children,
        ...(selected === null ? {} : { itemStyle: { opacity: selected ? 1 : DIMMED_OPACITY } }),
      };
    })
    .filter((node) => node.value > 0)
    .sort((a, b) => b.value - a.value);
  return { nodes, measure, selections };
}

/** Widget + result → ECharts option (pure). Labels: name and compact value. */
export function toTreemapOption(
  widget: WidgetDefinition,
  result: QueryResult,
  selection?: WidgetSelection | null,
): TreemapChartOption {
  const options = widget.options as TreemapOptions;
  const { nodes, measure } = treemapModel(widget, result, selection);
  const format = measure?.format ?? 'number';
  const nested = nodes.some((node) => node.children);
  return {
    ...baseOption({
      description: describeValues(
        'Répartition en rectangles',
        widget.title,
        nodes.map((n) => ({ label: n.name, value: n.value })),
        format,
      ),
      decal: options.decal,
      animation: options.animation,
    }),
    tooltip: {
      formatter: (p) => {
        const item = p as { name: string; value: unknown; treePathInfo?: { name: string }[] };
        const path = (item.treePathInfo ?? [])
          .map((step) => step.name)
          .filter(Boolean)
          .join(' › ');
        return `${path || item.name} : ${formatValue(typeof item.value === 'number' ? item.value : null, format)}`;
      },
    },
    series: [
      {
        type: 'treemap',
        name: measure?.title ?? widget.title,
        // A click selects (cross-filter) rather than zooming into a group.
        nodeClick: false,
        roam: false,
        breadcrumb: { show: false },
        top: 8,
        left: 8,
        right: 8,
        bottom: 8,
        label: {
          show: true,
          formatter: (p: { name: string; value: unknown }) =>
            `${p.name}\n${typeof p.value === 'number' ? formatAxisValue(p.value, format) : ''}`,
        },
        itemStyle: { borderColor: '#fff', borderWidth: 1, gapWidth: 1 },
        // levels[0] is the root, [1] the groups (a title bar with their name), [2] their children.
        levels: nested
          ? [
              { itemStyle: { borderWidth: 0, gapWidth: 3 }, upperLabel: { show: false } },
              {
                itemStyle: { borderColor: DSFR_GREY.rule, borderWidth: 3, gapWidth: 1 },
                // The group's bar holds one line: its name and amount side by side (two lines ran
                // over its rectangles), dark on the light grey bar.
                upperLabel: {
                  show: true,
                  height: 22,
                  color: DSFR_GREY.text,
                  fontWeight: 'bold',
                  overflow: 'truncate',
                  formatter: (p: { name: string; value: unknown }) =>
                    `${p.name} ${typeof p.value === 'number' ? formatAxisValue(p.value, format) : ''}`.trim(),
                },
              },
              {
                colorSaturation: [0.35, 0.6],
                itemStyle: { borderColorSaturation: 0.7, borderWidth: 1, gapWidth: 1 },
              },
            ]
          : [],
        data: nodes.map(toItem),
      },
    ],
  };
}

/** A node as ECharts wants it (mutable arrays). */
function toItem(node: TreemapNode): TreemapSeriesNodeItemOption {
  return {
    id: node.id,
    name: node.name,
    value: node.value,
    ...(node.itemStyle ? { itemStyle: { ...node.itemStyle } } : {}),
    ...(node.children ? { children: node.children.map(toItem) } : {}),
  };
}

/** The cross-filter a click on a rectangle means (its own dimension), none for « Autres ». */
export function treemapSelectionAt(
  widget: WidgetDefinition,
  result: QueryResult,
  click: ChartClick,
): WidgetSelection | null {
  const id = (click.data as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') return null;
  return treemapModel(widget, result).selections.get(id) ?? null;
}
