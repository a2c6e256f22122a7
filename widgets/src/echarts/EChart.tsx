import type { EChartsCoreOption } from 'echarts/core';
import { type UseEChartsOptions, useECharts } from './useECharts.ts';

export interface EChartProps extends UseEChartsOptions {
  readonly option: EChartsCoreOption;
  /** Widget type, for `data-testid="<type>-chart"`. */
  readonly type: string;
  /** Accessible name until ECharts writes its French description (aria). */
  readonly label: string;
  /** CSS height. Default 320 px. */
  readonly height?: number | string;
}

/**
 * An ECharts canvas. Carries `data-testid="<type>-chart"` and `data-rendered="true"` once
 * drawn; the instance is `element.dataetatChart`. Clickable charts show a pointer on items.
 */
export function EChart({ option, type, label, height = 320, ...options }: EChartProps) {
  const ref = useECharts(option, options);
  return (
    <div
      ref={ref}
      data-testid={`${type}-chart`}
      data-rendered="false"
      role="img"
      aria-label={label}
      style={{ width: '100%', height }}
    />
  );
}
