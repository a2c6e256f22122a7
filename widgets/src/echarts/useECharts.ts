import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { init } from 'echarts/core';
import { type RefObject, useEffect, useRef } from 'react';
import type { ExportableVisual } from '../widget/types.ts';

/** A chart in a picture is at least this tall (CSS pixels), whatever its cell on screen. */
const MIN_PICTURE_HEIGHT = 320;

/** The chart container, with its ECharts instance attached for end-to-end tests (`getOption()`). */
export type ChartElement = HTMLDivElement & { dataetatChart?: EChartsType };

/** What a click hit, as ECharts reports it (the subset the types' `selectionAt` read). */
export interface ChartClick {
  readonly seriesIndex?: number;
  readonly dataIndex: number;
  /** `node` or `edge` on a sankey. */
  readonly dataType?: string;
  readonly name?: string;
  readonly data?: unknown;
}

export interface UseEChartsOptions {
  /** Called with what was clicked; absent = no click handling. */
  readonly onClick?: (click: ChartClick) => void;
  /** Hands the frame this chart's visual for its picture (PNG export). */
  readonly registerExportable?: (visual: ExportableVisual | null) => void;
}

/**
 * Owns one ECharts instance on a div: init (canvas renderer, registered by each type's
 * Renderer module), option updates, resize with the container, dispose on unmount.
 * `data-rendered` turns "true" when ECharts has finished drawing (animations included).
 * Chart types and components must be registered with `use()` before the first render.
 */
export function useECharts(
  option: EChartsCoreOption,
  options: UseEChartsOptions = {},
): RefObject<ChartElement | null> {
  const ref = useRef<ChartElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  // Latest handlers without re-initialising the chart when a parent re-renders.
  const onClickRef = useRef(options.onClick);
  const optionRef = useRef(option);
  useEffect(() => {
    onClickRef.current = options.onClick;
    optionRef.current = option;
  });

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, null, { renderer: 'canvas' });
    chartRef.current = chart;
    element.dataetatChart = chart;
    chart.on('finished', () => {
      element.dataset.rendered = 'true';
    });
    chart.on('click', (params) => onClickRef.current?.(params as unknown as ChartClick));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
      delete element.dataetatChart;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    const element = ref.current;
    if (!chart || !element) return;
    element.dataset.rendered = 'false';
    chart.setOption(option, { notMerge: true });
  }, [option]);

  const { registerExportable } = options;
  useEffect(() => {
    if (!registerExportable) return;
    registerExportable({
      // The option drawn again at the picture's width, as tall as on screen (horizontal bars
      // have one row per category).
      picture: async ({ width }) => {
        const element = ref.current;
        if (!element || !chartRef.current)
          throw new Error('Le graphique n’est plus affiché : impossible de l’exporter en image.');
        const { chartPicture } = await import('./picture.ts');
        return chartPicture(optionRef.current, width, Math.max(element.clientHeight, MIN_PICTURE_HEIGHT));
      },
    });
    return () => registerExportable(null);
  }, [registerExportable]);

  return ref;
}
