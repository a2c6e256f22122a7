import type { LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ValueFormat } from '../catalogue/types.ts';
import type { QueryResult } from '../spec/types.ts';
import { baseOption, topLegend } from './base.ts';
import { describeValues } from './describe.ts';
import { axisFormatter, formatTimeLabel, tooltipFormatter } from './format.ts';
import { DSFR_GREY } from './palette.ts';
import { crossTab, numberAt, pickMeasures, sortedByTime, viewResult } from './result.ts';

export type TimeSeriesOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | AriaComponentOption
  | LegendComponentOption
>;

/** What line and area charts share (each type documents its own options in its `spec.ts`). */
export interface TimeSeriesSettings {
  readonly kind: 'line' | 'area';
  readonly title: string;
  readonly measures?: readonly string[];
  readonly smooth: boolean;
  /** Areas piled up (the top line is the total). */
  readonly stacked: boolean;
  /** Dots on each value; `auto` = when there are 24 points or fewer. */
  readonly showPoints: 'auto' | 'always' | 'never';
  readonly decal: boolean;
  readonly animation: boolean;
}

interface TimeModel {
  readonly labels: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly (number | null)[] }[];
  readonly format: ValueFormat;
}

/**
 * First dimension = time (year or date), read left to right whatever the query's sort; second
 * dimension = one series per value (first measure only), else one series per measure.
 */
function timeModel(result: QueryResult, measureIds: readonly string[] | undefined): TimeModel {
  const view = viewResult(result);
  const measures = pickMeasures(view, measureIds);
  const [time, seriesDimension] = view.dimensions;
  const format = measures[0]?.format ?? 'number';
  if (!time) return { labels: [], series: [], format };
  const rows = sortedByTime(view.rows, time);
  const first = measures[0];
  if (seriesDimension && first) {
    const tab = crossTab(rows, time, seriesDimension, first);
    return {
      labels: tab.categories.map((c) => formatTimeLabel(c.code, time.type)),
      series: tab.series.map((s, i) => ({ name: s.label, values: tab.values[i] ?? [] })),
      format,
    };
  }
  return {
    labels: rows.map((row) => formatTimeLabel(row[time.codeIndex], time.type)),
    series: measures.map((m) => ({ name: m.title, values: rows.map((row) => numberAt(row, m.index)) })),
    format,
  };
}

/** Line or area chart option (pure). */
export function timeSeriesOption(result: QueryResult, settings: TimeSeriesSettings): TimeSeriesOption {
  const model = timeModel(result, settings.measures);
  const several = model.series.length > 1;
  const points =
    settings.showPoints === 'always' || (settings.showPoints === 'auto' && model.labels.length <= 24);
  const items = model.series.flatMap((s) =>
    model.labels.map((label, i) => ({
      label: several ? `${s.name}, ${label}` : label,
      value: s.values[i] ?? null,
    })),
  );
  return {
    ...baseOption({
      description: describeValues(
        settings.kind === 'area' ? 'Graphique en aires' : 'Graphique en courbes',
        settings.title,
        items,
        model.format,
      ),
      decal: settings.decal,
      animation: settings.animation,
    }),
    grid: { left: 8, right: 24, top: several ? 40 : 16, bottom: 8, containLabel: true },
    ...(several ? { legend: topLegend() } : {}),
    tooltip: { trigger: 'axis', valueFormatter: tooltipFormatter(model.format) },
    xAxis: {
      type: 'category',
      data: [...model.labels],
      boundaryGap: false,
      axisLabel: { color: DSFR_GREY.text, hideOverlap: true },
      axisLine: { lineStyle: { color: DSFR_GREY.mention } },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: DSFR_GREY.text, hideOverlap: true, formatter: axisFormatter(model.format) },
      splitLine: { lineStyle: { color: DSFR_GREY.rule } },
    },
    series: model.series.map((s) => ({
      type: 'line' as const,
      name: s.name,
      data: [...s.values],
      smooth: settings.smooth,
      showSymbol: points,
      symbolSize: 6,
      lineStyle: { width: 2 },
      // A gap in the data stays a gap: no line drawn through a missing year.
      connectNulls: false,
      ...(settings.kind === 'area' ? { areaStyle: { opacity: settings.stacked ? 0.85 : 0.3 } } : {}),
      ...(settings.stacked && several ? { stack: 'total' } : {}),
      emphasis: { focus: 'series' as const },
    })),
  };
}
