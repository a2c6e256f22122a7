import type { SankeySeriesOption } from 'echarts/charts';
import type { AriaComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { baseOption } from '../echarts/base.ts';
import { formatAxisValue } from '../echarts/format.ts';
import { DIMMED_OPACITY, DSFR_GREY } from '../echarts/palette.ts';
import {
  labelOf,
  numberAt,
  pickMeasures,
  type ResultDimension,
  type ResultMeasure,
  viewResult,
} from '../echarts/result.ts';
import { selectedState } from '../echarts/selection.ts';
import { foldSlices, OTHERS_CODE, OTHERS_LABEL } from '../echarts/slices.ts';
import type { ChartClick } from '../echarts/useECharts.ts';
import { formatValue } from '../format/index.ts';
import type { QueryResult } from '../spec/types.ts';
import type { WidgetDefinition, WidgetSelection } from '../widget/types.ts';
import type { SankeyOptions } from './spec.ts';

export type SankeyChartOption = ComposeOption<
  SankeySeriesOption | TooltipComponentOption | AriaComponentOption
>;

/**
 * A node. Its `name` is a key unique per column (`1:53`): the same label can appear in two
 * columns (the région and the département « La Réunion ») and a sankey must not loop.
 */
export interface SankeyNode {
  readonly name: string;
  readonly label: string;
  readonly depth: number;
  readonly field: string;
  readonly code: string | number | null;
  readonly value: number;
}

export interface SankeyLink {
  readonly source: string;
  readonly target: string;
  readonly value: number;
}

interface SankeyModel {
  readonly dimensions: readonly ResultDimension[];
  readonly measure: ResultMeasure | undefined;
  readonly nodes: readonly SankeyNode[];
  readonly links: readonly SankeyLink[];
}

const nodeKey = (depth: number, code: unknown) => `${depth}:${String(code)}`;

/** Rows (a, b[, c], measure) → nodes per column and links a→b, b→c summed over the other columns. */
export function sankeyModel(widget: WidgetDefinition, result: QueryResult): SankeyModel {
  const options = widget.options as SankeyOptions;
  const view = viewResult(result);
  const [measure] = pickMeasures(view, options.measure ? [options.measure] : undefined);
  const dimensions = view.dimensions.slice(0, 3);
  if (!measure || dimensions.length < 2) return { dimensions, measure, nodes: [], links: [] };
  const rows = view.rows.filter((row) => (numberAt(row, measure.index) ?? 0) > 0);

  // Per column: keep the largest values, fold the others into « Autres ».
  const kept = dimensions.map((dimension) => {
    const totals = new Map<
      string,
      { category: { code: string | number | null; label: string }; value: number }
    >();
    for (const row of rows) {
      const code = row[dimension.codeIndex] ?? null;
      const entry = totals.get(String(code)) ?? {
        category: { code, label: labelOf(row, dimension) },
        value: 0,
      };
      entry.value += numberAt(row, measure.index) ?? 0;
      totals.set(String(code), entry);
    }
    return foldSlices([...totals.values()], options.maxNodesPerLevel);
  });
  const keyOf = (depth: number, code: unknown): string => {
    const column = kept[depth] ?? [];
    return column.some((s) => String(s.code) === String(code))
      ? nodeKey(depth, code)
      : nodeKey(depth, OTHERS_CODE);
  };

  const links = new Map<string, SankeyLink>();
  for (const row of rows) {
    const value = numberAt(row, measure.index) ?? 0;
    for (let depth = 0; depth + 1 < dimensions.length; depth++) {
      const from = dimensions[depth] as ResultDimension;
      const to = dimensions[depth + 1] as ResultDimension;
      const source = keyOf(depth, row[from.codeIndex] ?? null);
      const target = keyOf(depth + 1, row[to.codeIndex] ?? null);
      const key = `${source}→${target}`;
      links.set(key, { source, target, value: (links.get(key)?.value ?? 0) + value });
    }
  }
  const nodes = kept.flatMap((column, depth) =>
    column.map((slice) => ({
      name: nodeKey(depth, slice.code),
      label: slice.code === OTHERS_CODE ? OTHERS_LABEL : slice.label,
      depth,
      field: (dimensions[depth] as ResultDimension).id,
      code: slice.code,
      value: slice.value,
    })),
  );
  return { dimensions, measure, nodes, links: [...links.values()] };
}

/** Widget + result → ECharts option (pure). */
export function toSankeyOption(
  widget: WidgetDefinition,
  result: QueryResult,
  selection?: WidgetSelection | null,
): SankeyChartOption {
  const options = widget.options as SankeyOptions;
  const { dimensions, measure, nodes, links } = sankeyModel(widget, result);
  const format = measure?.format ?? 'number';
  const labels = new Map(nodes.map((n) => [n.name, n.label]));
  const label = (name: string) => labels.get(name) ?? name;
  const top = [...links].sort((a, b) => b.value - a.value).slice(0, 10);
  const description =
    `Diagramme de flux. ${widget.title}. Colonnes : ${dimensions.map((d) => d.title).join(', puis ')}` +
    (top.length > 0
      ? `. Principaux flux : ${top.map((l) => `${label(l.source)} vers ${label(l.target)} : ${formatValue(l.value, format)}`).join(' ; ')}.`
      : '. Aucune donnée.');
  return {
    ...baseOption({ description, decal: options.decal, animation: options.animation }),
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = p as {
          dataType?: string;
          name: string;
          value: unknown;
          data: { source?: string; target?: string };
        };
        const value = formatValue(typeof item.value === 'number' ? item.value : null, format);
        return item.dataType === 'edge'
          ? `${label(item.data.source ?? '')} → ${label(item.data.target ?? '')} : ${value}`
          : `${label(item.name)} : ${value}`;
      },
    },
    series: [
      {
        type: 'sankey',
        name: measure?.title ?? widget.title,
        left: 8,
        right: 8,
        // Labels of the last column go inside the chart, on the left of their node.
        levels: [{ depth: Math.max(1, dimensions.length - 1), label: { position: 'left' } }],
        top: 8,
        bottom: 8,
        nodeGap: 10,
        nodeAlign: 'justify',
        draggable: false,
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
        label: {
          color: DSFR_GREY.text,
          formatter: (p: { name: string; value: unknown }) =>
            `${label(p.name)} (${typeof p.value === 'number' ? formatAxisValue(p.value, format) : '—'})`,
        },
        data: nodes.map((n) => {
          const selected = selectedState(selection, n.field, n.code);
          return {
            name: n.name,
            depth: n.depth,
            ...(selected === null ? {} : { itemStyle: { opacity: selected ? 1 : DIMMED_OPACITY } }),
          };
        }),
        links: links.map((l) => ({ ...l })),
      },
    ],
  };
}

/** A click on a node selects that value of its dimension; links and « Autres » select nothing. */
export function sankeySelectionAt(
  widget: WidgetDefinition,
  result: QueryResult,
  click: ChartClick,
): WidgetSelection | null {
  if (click.dataType !== 'node' || !click.name) return null;
  const node = sankeyModel(widget, result).nodes.find((n) => n.name === click.name);
  if (!node || node.code === OTHERS_CODE) return null;
  return { field: node.field, value: node.code, label: node.label };
}
