import type { PieSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { baseOption } from '../echarts/base.ts';
import { describeValues } from '../echarts/describe.ts';
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
import { foldSlices, OTHERS_CODE, type Slice } from '../echarts/slices.ts';
import type { ChartClick } from '../echarts/useECharts.ts';
import { formatPercent, formatValue } from '../format/index.ts';
import type { QueryResult } from '../spec/types.ts';
import type { WidgetDefinition, WidgetSelection } from '../widget/types.ts';
import type { PieOptions } from './spec.ts';

export type PieChartOption = ComposeOption<
  | PieSeriesOption
  | TooltipComponentOption
  | AriaComponentOption
  | LegendComponentOption
  | TitleComponentOption
>;

interface PieModel {
  readonly dimension: ResultDimension | undefined;
  readonly measure: ResultMeasure | undefined;
  readonly slices: readonly Slice[];
  readonly total: number;
}

function pieModel(widget: WidgetDefinition, result: QueryResult): PieModel {
  const options = widget.options as PieOptions;
  const view = viewResult(result);
  const [measure] = pickMeasures(view, options.measure ? [options.measure] : undefined);
  const [dimension] = view.dimensions;
  if (!dimension || !measure) return { dimension, measure, slices: [], total: 0 };
  const slices = foldSlices(
    view.rows.map((row) => ({
      category: { code: row[dimension.codeIndex] ?? null, label: labelOf(row, dimension) },
      value: numberAt(row, measure.index),
    })),
    options.maxSlices,
  );
  return { dimension, measure, slices, total: slices.reduce((sum, s) => sum + s.value, 0) };
}

/** Widget + result → ECharts option (pure). Slices keep their share in French (`12,3 %`). */
export function toPieOption(
  widget: WidgetDefinition,
  result: QueryResult,
  selection?: WidgetSelection | null,
): PieChartOption {
  const options = widget.options as PieOptions;
  const { dimension, measure, slices, total } = pieModel(widget, result);
  const format = measure?.format ?? 'number';
  const share = (value: number) => formatPercent(total > 0 ? value / total : null);
  return {
    ...baseOption({
      description: describeValues(
        options.donut ? 'Graphique en anneau' : 'Graphique en secteurs',
        widget.title,
        slices.map((s) => ({ label: `${s.label} (${share(s.value)})`, value: s.value })),
        format,
      ),
      decal: options.decal,
      animation: options.animation,
    }),
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = p as { name: string; value: number };
        return `${item.name} : ${formatValue(item.value, format)} (${share(item.value)})`;
      },
    },
    // Long category names cut with « … » (whole in the tooltip): more of them on a page.
    legend: {
      type: 'scroll',
      bottom: 0,
      textStyle: { color: DSFR_GREY.text, width: 120, overflow: 'truncate' },
      tooltip: { show: true },
    },
    ...(options.donut
      ? {
          title: {
            text: formatAxisValue(total, format),
            subtext: 'Total',
            left: 'center',
            top: '38%',
            textStyle: { fontSize: 20, fontWeight: 'bold', color: DSFR_GREY.text },
            subtextStyle: { color: DSFR_GREY.mention },
          },
        }
      : {}),
    series: [
      {
        type: 'pie',
        name: measure?.title ?? widget.title,
        radius: options.donut ? ['45%', '70%'] : [0, '70%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        // A label that would cover another is left out (the tooltip and the data table say it).
        labelLayout: { hideOverlap: true },
        label: options.showLabels
          ? {
              show: true,
              color: DSFR_GREY.text,
              // Labels moved apart keep a gap (glyphs of neighbours touched in a small cell).
              minMargin: 4,
              formatter: (p: { name: string; value: unknown }) =>
                `${p.name} : ${typeof p.value === 'number' ? share(p.value) : ''}`,
            }
          : { show: false },
        data: slices.map((s) => {
          const selected = dimension ? selectedState(selection, dimension.id, s.code) : null;
          return {
            name: s.label,
            value: s.value,
            ...(selected === null ? {} : { itemStyle: { opacity: selected ? 1 : DIMMED_OPACITY } }),
          };
        }),
      },
    ],
  };
}

/** The cross-filter a click on a slice means; « Autres » is not a value one can filter on. */
export function pieSelectionAt(
  widget: WidgetDefinition,
  result: QueryResult,
  click: ChartClick,
): WidgetSelection | null {
  const { dimension, slices } = pieModel(widget, result);
  const slice = slices[click.dataIndex];
  if (!dimension || !slice || slice.code === OTHERS_CODE) return null;
  return { field: dimension.id, value: slice.code, label: slice.label };
}
