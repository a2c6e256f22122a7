import { type TimeSeriesOption, timeSeriesOption } from '../echarts/timeSeries.ts';
import type { QueryResult } from '../spec/types.ts';
import type { WidgetDefinition } from '../widget/types.ts';
import type { LineOptions } from './spec.ts';

export type LineChartOption = TimeSeriesOption;

/** Widget + result → ECharts option: one line per measure (or per value of the 2nd dimension). */
export function toLineOption(widget: WidgetDefinition, result: QueryResult): LineChartOption {
  const options = widget.options as LineOptions;
  return timeSeriesOption(result, { ...options, kind: 'line', title: widget.title, stacked: false });
}
