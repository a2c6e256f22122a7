import type { BarSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ValueFormat } from '../catalogue/types.ts';
import { baseOption, topLegend } from '../echarts/base.ts';
import { describeValues } from '../echarts/describe.ts';
import { axisFormatter, formatAxisValue, tooltipFormatter } from '../echarts/format.ts';
import { DSFR_GREY } from '../echarts/palette.ts';
import {
  type Category,
  categoriesOf,
  crossTab,
  numberAt,
  pickMeasures,
  type ResultDimension,
  viewResult,
} from '../echarts/result.ts';
import { emphasised, selectedState } from '../echarts/selection.ts';
import type { ChartClick } from '../echarts/useECharts.ts';
import type { QueryResult } from '../spec/types.ts';
import type { WidgetDefinition, WidgetSelection } from '../widget/types.ts';
import type { BarOptions } from './spec.ts';

export type BarChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption | LegendComponentOption
>;

/** Bars before `orientation: 'auto'` turns horizontal, and the label length that does too. */
const AUTO_HORIZONTAL_CATEGORIES = 8;
const AUTO_HORIZONTAL_LABEL = 16;

/** Bars drawn at most for one series: the largest first, the rest summed in « Autres ». */
export const MAX_BARS = 15;

interface BarCategory extends Category {
  /** The « Autres » bar (the categories beyond MAX_BARS): nothing to select. */
  readonly others?: true;
}

interface BarModel {
  readonly dimension: ResultDimension | undefined;
  readonly categories: readonly BarCategory[];
  readonly series: readonly { readonly name: string; readonly values: readonly (number | null)[] }[];
  readonly format: ValueFormat;
}

/** Result → categories (first dimension) and series (second dimension, else one per measure). */
function barModel(result: QueryResult, options: BarOptions): BarModel {
  const view = viewResult(result);
  const measures = pickMeasures(view, options.measures);
  const [dimension, seriesDimension] = view.dimensions;
  const format = measures[0]?.format ?? 'number';
  const first = measures[0];
  if (dimension && seriesDimension && first) {
    const tab = crossTab(view.rows, dimension, seriesDimension, first);
    return {
      dimension,
      categories: tab.categories,
      series: tab.series.map((s, i) => ({ name: s.label, values: tab.values[i] ?? [] })),
      format,
    };
  }
  const categories: Category[] = dimension
    ? categoriesOf(view.rows, dimension).map((c) => ({ ...c, label: withCode(c, dimension) }))
    : [{ code: null, label: 'Total' }];
  const rows = dimension ? view.rows : view.rows.slice(0, 1);
  const model = {
    dimension,
    categories,
    series: measures.map((m) => ({ name: m.title, values: rows.map((row) => numberAt(row, m.index)) })),
    format,
  };
  return dimension ? topWithOthers(model, result, measures) : model;
}

/**
 * Numbered codes people know by number (LOLF programmes: « 380 – Fonds vert »): the number
 * first, without its leading zeros, so a truncated label still says which one it is.
 */
function withCode(category: Category, dimension: ResultDimension): string {
  const code = category.code === null ? '' : String(category.code);
  if (dimension.type !== 'code' || !/^\d+$/.test(code) || category.label === code) return category.label;
  return `${code.replace(/^0+(?=\d)/, '')} – ${category.label}`;
}

/** « Autres (116 programmes) » — the dimension's name in the plural, in lower case. */
function othersLabel(count: number, dimension: ResultDimension): string {
  const noun = dimension.title.toLowerCase();
  return `Autres (${count} ${count > 1 && !/[sxz]$/.test(noun) ? `${noun}s` : noun})`;
}

/**
 * Long category lists (130 programmes) keep the MAX_BARS − 1 largest values of the first
 * measure and sum the rest into « Autres », when the sum means something: every measure's rows
 * add up to the engine's grand total (sums and counts do; rates and distinct counts do not).
 * Otherwise the largest MAX_BARS are shown and the frame says the list is longer.
 */
function topWithOthers(
  model: BarModel,
  result: QueryResult,
  measures: readonly { readonly id: string }[],
): BarModel {
  if (model.categories.length <= MAX_BARS || model.series.length === 0) return model;
  const first = model.series[0]?.values ?? [];
  const order = model.categories
    .map((_, i) => i)
    .sort((a, b) => (first[b] ?? -Infinity) - (first[a] ?? -Infinity));
  const additive =
    !result.meta.truncated &&
    model.series.every((s, m) => {
      const total = result.totals?.[measures[m]?.id ?? ''];
      const sum = s.values.reduce<number>((acc, v) => acc + (v ?? 0), 0);
      return typeof total === 'number' && Math.abs(sum - total) <= Math.max(1e-6, Math.abs(total) * 1e-9);
    });
  const kept = order.slice(0, additive ? MAX_BARS - 1 : MAX_BARS);
  const rest = order.slice(kept.length);
  const pick = <T>(values: readonly T[]) => kept.map((i) => values[i] as T);
  if (!additive || !model.dimension)
    return {
      ...model,
      categories: pick(model.categories),
      series: model.series.map((s) => ({ ...s, values: pick(s.values) })),
    };
  return {
    ...model,
    categories: [
      ...pick(model.categories),
      { code: null, label: othersLabel(rest.length, model.dimension), others: true },
    ],
    series: model.series.map((s) => ({
      ...s,
      values: [...pick(s.values), rest.reduce<number>((acc, i) => acc + (s.values[i] ?? 0), 0)],
    })),
  };
}

function isHorizontal(options: BarOptions, categories: readonly Category[]): boolean {
  if (options.orientation !== 'auto') return options.orientation === 'horizontal';
  return (
    categories.length > AUTO_HORIZONTAL_CATEGORIES ||
    categories.some((c) => c.label.length > AUTO_HORIZONTAL_LABEL)
  );
}

/** Widget + result → ECharts option. Pure: snapshot- and assert-tested without a canvas. */
export function toBarOption(
  widget: WidgetDefinition,
  result: QueryResult,
  selection?: WidgetSelection | null,
): BarChartOption {
  const options = widget.options as BarOptions;
  const model = barModel(result, options);
  const horizontal = isHorizontal(options, model.categories);
  const several = model.series.length > 1;
  const stacked = options.mode === 'stacked' && several;
  const selected = model.categories.map((c) =>
    model.dimension && !c.others ? selectedState(selection, model.dimension.id, c.code) : null,
  );
  const categoryAxis = {
    type: 'category' as const,
    data: model.categories.map((c) => c.label),
    axisLabel: {
      color: DSFR_GREY.text,
      interval: 0,
      hideOverlap: true,
      width: 160,
      overflow: 'truncate' as const,
    },
    axisLine: { lineStyle: { color: DSFR_GREY.mention } },
    axisTick: { alignWithLabel: true },
    // Horizontal bars read top-down in the query's order.
    ...(horizontal ? { inverse: true } : {}),
  };
  const valueAxis = {
    type: 'value' as const,
    // Above horizontal bars: in sight when a long list scrolls in its cell.
    ...(horizontal ? { position: 'top' as const } : {}),
    // In a narrow cell, every other tick label rather than a pile of them.
    axisLabel: { color: DSFR_GREY.text, hideOverlap: true, formatter: axisFormatter(model.format) },
    splitLine: { lineStyle: { color: DSFR_GREY.rule } },
  };
  const items = model.series.flatMap((s) =>
    model.categories.map((c, i) => ({
      label: several ? `${c.label} (${s.name})` : c.label,
      value: s.values[i] ?? null,
    })),
  );
  return {
    ...baseOption({
      description: describeValues('Graphique en barres', widget.title, items, model.format),
      decal: options.decal,
      animation: options.animation,
    }),
    grid: { left: 8, right: 24, top: several ? 40 : 16, bottom: 8, containLabel: true },
    ...(several ? { legend: topLegend() } : {}),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: tooltipFormatter(model.format),
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: model.series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      data: s.values.map((value, i) => emphasised(value, selected[i] ?? null)),
      barMaxWidth: 64,
      ...(stacked ? { stack: 'total' } : {}),
      ...(options.showValues
        ? {
            label: {
              show: true,
              position: stacked ? ('inside' as const) : horizontal ? ('right' as const) : ('top' as const),
              formatter: (p: { value: unknown }) =>
                typeof p.value === 'number' ? formatAxisValue(p.value, model.format) : '',
            },
          }
        : {}),
      emphasis: { focus: 'series' as const },
    })),
  };
}

/** The cross-filter a click on a bar means: the category's code and label. */
export function barSelectionAt(
  widget: WidgetDefinition,
  result: QueryResult,
  click: ChartClick,
): WidgetSelection | null {
  const model = barModel(result, widget.options as BarOptions);
  const category = model.categories[click.dataIndex];
  if (!model.dimension || !category || category.others) return null;
  return { field: model.dimension.id, value: category.code, label: category.label };
}

/** Horizontal bars need room for every label: 28 px per category beyond the given height. */
export function barChartHeight(option: BarChartOption, height: number): number {
  const axis = option.yAxis as { type?: string; data?: readonly unknown[] } | undefined;
  if (axis?.type !== 'category') return height;
  return Math.max(height, (axis.data?.length ?? 0) * 28 + 60);
}
