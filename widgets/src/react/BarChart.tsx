import { BarChart as EchartsBarChart } from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import { type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { type BarOptionInput, toBarOption } from './barOption.ts';

use([
  EchartsBarChart,
  GridComponent,
  TooltipComponent,
  AriaComponent,
  DatasetComponent,
  LegendComponent,
  CanvasRenderer,
]);

export interface BarChartProps extends BarOptionInput {
  /** CSS height of the chart. Default 320 px. */
  readonly height?: number | string;
  readonly className?: string;
}

/** The container, with the ECharts instance attached for end-to-end tests (`getOption()`). */
export type BarChartElement = HTMLDivElement & { dataetatChart?: EChartsType };

/**
 * A bar chart (ECharts, canvas). The container carries `data-testid="bar-chart"` and
 * `data-rendered="true"` once ECharts has finished drawing (animations included).
 * Renderers never fetch: the data comes in through props.
 */
export function BarChart(props: BarChartProps) {
  const { height = 320, className } = props;
  const ref = useRef<BarChartElement>(null);
  const chartRef = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, null, { renderer: 'canvas' });
    chartRef.current = chart;
    element.dataetatChart = chart;
    chart.on('finished', () => {
      element.dataset.rendered = 'true';
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
      delete element.dataetatChart;
    };
  }, []);

  const { categories, series, format, ariaLabel, horizontal, decal, animation } = props;
  useEffect(() => {
    const chart = chartRef.current;
    const element = ref.current;
    if (!chart || !element) return;
    element.dataset.rendered = 'false';
    chart.setOption(toBarOption({ categories, series, format, ariaLabel, horizontal, decal, animation }), {
      notMerge: true,
    });
  }, [categories, series, format, ariaLabel, horizontal, decal, animation]);

  return (
    <div
      ref={ref}
      className={className}
      data-testid="bar-chart"
      data-rendered="false"
      role="img"
      aria-label={ariaLabel}
      style={{ width: '100%', height }}
    />
  );
}
