import type { LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ValueFormat } from '../catalogue/types.ts';
import { baseOption } from '../echarts/base.ts';
import { describeValues } from '../echarts/describe.ts';
import { formatAxisValue, tooltipFormatter } from '../echarts/format.ts';
import { DSFR_PALETTE } from '../echarts/palette.ts';
import { isTimeDimension, numberAt, pickMeasures, sortedByTime, viewResult } from '../echarts/result.ts';
import { formatNumber, formatValue } from '../format/index.ts';
import type { QueryResult } from '../spec/types.ts';
import type { WidgetDefinition } from '../widget/types.ts';
import type { KpiOptions } from './spec.ts';

export type SparklineOption = ComposeOption<
  LineSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption
>;

export interface KpiComparison {
  readonly direction: 'up' | 'down' | 'stable';
  /** « +12,3 % par rapport à 2023 », « −2,1 points par rapport à 2023 », « Stable par rapport à 2023 ». */
  readonly text: string;
}

export interface KpiModel {
  /** Measure title (« Montant payé (CP) »). */
  readonly label: string;
  readonly format: ValueFormat;
  readonly value: number | null;
  /** Big text: compact when asked and useful (`1,2 M€`), else the exact value. */
  readonly valueText: string;
  /** Exact value (`1 234 567,89 €`), shown under a compact one. */
  readonly exactText: string;
  /** Year of the value when the result has a year dimension (« 2024 »). */
  readonly period: string | null;
  readonly comparison: KpiComparison | null;
  /** Yearly values, oldest first, for the sparkline (null without a year dimension). */
  readonly trend: { readonly labels: readonly string[]; readonly values: readonly (number | null)[] } | null;
  /** The other measures of the query, at the same period. */
  readonly others: readonly { readonly label: string; readonly text: string }[];
}

const signedPercent = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

/** Change from `previous` to `current`: in % for amounts and counts, in points for a ratio. */
export function compare(
  current: number,
  previous: number,
  format: ValueFormat,
  year: string,
): KpiComparison | null {
  if (format === 'percent') {
    const points = Math.round((current - previous) * 1000) / 10;
    if (points === 0) return { direction: 'stable', text: `Stable par rapport à ${year}` };
    const sign = points > 0 ? '+' : '−';
    const unit = Math.abs(points) >= 2 ? 'points' : 'point';
    return {
      direction: points > 0 ? 'up' : 'down',
      text: `${sign}${formatNumber(Math.abs(points), { maximumFractionDigits: 1 })} ${unit} par rapport à ${year}`,
    };
  }
  // A change from zero (or across zero) has no meaningful percentage.
  if (previous === 0 || Math.sign(previous) !== Math.sign(current)) return null;
  const ratio = (current - previous) / Math.abs(previous);
  if (Math.round(ratio * 1000) === 0) return { direction: 'stable', text: `Stable par rapport à ${year}` };
  // Intl writes a hyphen-minus; French typography wants a real minus sign.
  const text = signedPercent.format(ratio).replace('-', '−');
  return { direction: ratio > 0 ? 'up' : 'down', text: `${text} par rapport à ${year}` };
}

function bigText(value: number | null, format: ValueFormat, compact: boolean): string {
  if (!compact || value === null) return formatValue(value, format);
  return format === 'eur' || format === 'integer' || format === 'number'
    ? formatAxisValue(value, format)
    : formatValue(value, format);
}

/** Result → what the KPI shows (pure). */
export function kpiModel(widget: WidgetDefinition, result: QueryResult): KpiModel {
  const options = widget.options as KpiOptions;
  const view = viewResult(result);
  const picked = pickMeasures(view, options.measure ? [options.measure] : undefined);
  const main = picked[0] ?? view.measures[0];
  const year = view.dimensions.find(isTimeDimension);
  const rows = year ? sortedByTime(view.rows, year).filter((row) => row[year.codeIndex] !== null) : view.rows;
  // Without a year there is one row (the whole filter); with one, the last year and the one before.
  const last = year ? rows.at(-1) : rows[0];
  const previous = year ? rows.at(-2) : undefined;
  const format = main?.format ?? 'number';
  const value = main && last ? numberAt(last, main.index) : null;
  const before = main && previous ? numberAt(previous, main.index) : null;
  const period = year && last ? String(last[year.codeIndex]) : null;
  const previousPeriod = year && previous ? String(previous[year.codeIndex]) : null;
  return {
    label: main?.title ?? widget.title,
    format,
    value,
    valueText: bigText(value, format, options.compact),
    exactText: formatValue(value, format),
    period,
    comparison:
      options.comparison && value !== null && before !== null && previousPeriod
        ? compare(value, before, format, previousPeriod)
        : null,
    trend:
      year && main && options.sparkline && rows.length > 1
        ? {
            labels: rows.map((row) => String(row[year.codeIndex])),
            values: rows.map((row) => numberAt(row, main.index)),
          }
        : null,
    others: view.measures
      .filter((m) => m !== main)
      .map((m) => ({ label: m.title, text: formatValue(last ? numberAt(last, m.index) : null, m.format) })),
  };
}

/** The sparkline: a bare line (no axes), with a French description for screen readers. */
export function toSparklineOption(widget: WidgetDefinition, model: KpiModel): SparklineOption {
  const options = widget.options as KpiOptions;
  const labels = model.trend?.labels ?? [];
  const values = model.trend?.values ?? [];
  return {
    ...baseOption({
      description: describeValues(
        `Évolution de ${labels[0] ?? ''} à ${labels.at(-1) ?? ''}`,
        model.label,
        labels.map((label, i) => ({ label, value: values[i] ?? null })),
        model.format,
      ),
      animation: options.animation,
    }),
    grid: { left: 4, right: 4, top: 4, bottom: 4 },
    tooltip: { trigger: 'axis', valueFormatter: tooltipFormatter(model.format) },
    xAxis: { type: 'category', data: [...labels], show: false, boundaryGap: false },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        name: model.label,
        data: [...values],
        showSymbol: false,
        lineStyle: { width: 2, color: DSFR_PALETTE[0] },
        areaStyle: { color: DSFR_PALETTE[0], opacity: 0.08 },
      },
    ],
  };
}
