import type { BarSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatCompactEur, formatValue, type ValueFormat } from '../format/index.ts';
import { DSFR_GREY, DSFR_PALETTE } from './palette.ts';

export type BarChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption | LegendComponentOption
>;

export interface BarSeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

export interface BarOptionInput {
  /** Category labels, one per bar (group). */
  readonly categories: readonly string[];
  /** One series per measure; `values` aligned with `categories`. */
  readonly series: readonly BarSeries[];
  /** Format of the values (axis, tooltip, accessible description). */
  readonly format: ValueFormat;
  /** Short French description, read first by screen readers (`Montant accordé par dotation`). */
  readonly ariaLabel: string;
  /** Bars drawn left to right instead of bottom to top; better for long labels. Default false. */
  readonly horizontal?: boolean;
  /** Patterns on bars (colour-blind friendly). Default false. */
  readonly decal?: boolean;
  /** Animations. Default true; off gives a `finished` event right after the first paint. */
  readonly animation?: boolean;
}

/** Compact label for an axis tick. */
function axisLabel(value: number, format: ValueFormat): string {
  return format === 'eur' ? formatCompactEur(value) : formatValue(value, format);
}

/**
 * A French sentence describing the chart and every value, for screen readers (ECharts puts it
 * in the container's `aria-label`). ECharts' own French strings speak of a « carte ».
 */
export function describeBars(input: BarOptionInput): string {
  const parts = input.series.map((serie) => {
    const values = input.categories
      .map((category, i) => `${category} : ${formatValue(serie.values[i] ?? null, input.format)}`)
      .join(' ; ');
    return input.series.length > 1 ? `${serie.name} — ${values}` : values;
  });
  return `Graphique en barres. ${input.ariaLabel}. ${parts.join('. ')}.`;
}

/** Props → ECharts option. Pure, so it can be snapshot-tested without a canvas. */
export function toBarOption(input: BarOptionInput): BarChartOption {
  const { format, horizontal = false } = input;
  const categoryAxis = {
    type: 'category' as const,
    data: [...input.categories],
    axisLabel: { color: DSFR_GREY.text, interval: 0, hideOverlap: true },
    axisLine: { lineStyle: { color: DSFR_GREY.mention } },
    axisTick: { alignWithLabel: true },
    ...(horizontal ? { inverse: true } : {}),
  };
  const valueAxis = {
    type: 'value' as const,
    axisLabel: { color: DSFR_GREY.text, formatter: (value: number) => axisLabel(value, format) },
    splitLine: { lineStyle: { color: DSFR_GREY.rule } },
  };
  return {
    animation: input.animation ?? true,
    color: [...DSFR_PALETTE],
    textStyle: { fontFamily: 'Marianne, arial, sans-serif' },
    aria: {
      enabled: true,
      label: { description: describeBars(input) },
      decal: { show: input.decal ?? false },
    },
    grid: { left: 8, right: 24, top: input.series.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
    ...(input.series.length > 1 ? { legend: { top: 0, textStyle: { color: DSFR_GREY.text } } } : {}),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value) => formatValue(typeof value === 'number' ? value : null, format),
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: input.series.map((serie) => ({
      type: 'bar' as const,
      name: serie.name,
      data: [...serie.values],
      barMaxWidth: 64,
      emphasis: { focus: 'series' as const },
    })),
  };
}
