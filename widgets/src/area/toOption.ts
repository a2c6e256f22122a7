import { type TimeSeriesOption, timeSeriesOption } from '../echarts/timeSeries.ts';
import type { QueryResult } from '../spec/types.ts';
import type { WidgetDefinition } from '../widget/types.ts';
import { resolveAreaOptions } from './spec.ts';

export type AreaChartOption = TimeSeriesOption;

/** Widget + result → ECharts option: filled lines, stacked by default. */
export function toAreaOption(widget: WidgetDefinition, result: QueryResult): AreaChartOption {
  const options = resolveAreaOptions(widget.options);
  return timeSeriesOption(result, { ...options, kind: 'area', title: widget.title });
}
