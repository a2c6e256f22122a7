import { type TimeSeriesOption, timeSeriesOption } from '../echarts/timeSeries.ts';
import type { QueryResult } from '../spec/types.ts';
import type { WidgetDefinition } from '../widget/types.ts';
import type { AreaOptions } from './spec.ts';

export type AreaChartOption = TimeSeriesOption;

/** Widget + result → ECharts option: filled lines, stacked by default. */
export function toAreaOption(widget: WidgetDefinition, result: QueryResult): AreaChartOption {
  const options = widget.options as AreaOptions;
  return timeSeriesOption(result, { ...options, kind: 'area', title: widget.title });
}
