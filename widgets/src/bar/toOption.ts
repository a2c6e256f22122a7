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
import { type BarOptions, resolveBarOptions } from './spec.ts';

export type BarChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption | LegendComponentOption
>;

/** Bars before `orientation: 'auto'` turns horizontal, and the label length that does too. */
const AUTO_HORIZONTAL_CATEGORIES = 8;
const AUTO_HORIZONTAL_LABEL = 16;

interface BarModel {
  readonly dimension: ResultDimension | undefined;
  readonly categories: readonly Category[];
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
    ? categoriesOf(view.rows, dimension)
    : [{ code: null, label: 'Total' }];
  const rows = dimension ? view.rows : view.rows.slice(0, 1);
  return {
    dimension,
    categories,
    series: measures.map((m) => ({ name: m.title, values: rows.map((row) => numberAt(row, m.index)) })),
    format,
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
  const options = resolveBarOptions(widget.options);
  const model = barModel(result, options);
  const horizontal = isHorizontal(options, model.categories);
  const several = model.series.length > 1;
  const stacked = options.mode === 'stacked' && several;
  const selected = model.categories.map((c) =>
    model.dimension ? selectedState(selection, model.dimension.id, c.code) : null,
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
    axisLabel: { color: DSFR_GREY.text, formatter: axisFormatter(model.format) },
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
  const model = barModel(result, resolveBarOptions(widget.options));
  const category = model.categories[click.dataIndex];
  if (!model.dimension || !category) return null;
  return { field: model.dimension.id, value: category.code, label: category.label };
}

/** Horizontal bars need room for every label: 28 px per category beyond the given height. */
export function barChartHeight(option: BarChartOption, height: number): number {
  const axis = option.yAxis as { type?: string; data?: readonly unknown[] } | undefined;
  if (axis?.type !== 'category') return height;
  return Math.max(height, (axis.data?.length ?? 0) * 28 + 60);
}
