import { LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo } from 'react';
import { useECharts } from '../echarts/useECharts.ts';
import type { RendererProps } from '../widget/types.ts';
import { type KpiModel, toSparklineOption } from './toOption.ts';

use([LineChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/**
 * The KPI's trend line (ECharts, ~170 KB compressed): its own chunk, downloaded only when the
 * query has a year dimension, so a plain figure (an embedded KPI) stays light.
 */
export default function Sparkline({
  widget,
  model,
  height,
  registerExportable,
}: Pick<RendererProps, 'widget' | 'registerExportable'> & {
  model: KpiModel;
  /** On screen (0: no room, not drawn; the picture still has it). */
  height: number;
}) {
  const option = useMemo(() => toSparklineOption(widget, model), [widget, model]);
  const ref = useECharts(option);
  useEffect(() => {
    if (!registerExportable) return;
    registerExportable({
      // The figures drawn again, and the trend line re-rendered across the picture's width.
      picture: async ({ width }) => {
        const [{ kpiPicture, SPARKLINE_PICTURE_HEIGHT }, { renderChart }] = await Promise.all([
          import('./picture.ts'),
          import('../echarts/picture.ts'),
        ]);
        return kpiPicture(model, renderChart(option, width, SPARKLINE_PICTURE_HEIGHT).canvas);
      },
    });
    return () => registerExportable(null);
  }, [registerExportable, model, option]);
  if (height <= 0) return null;
  return (
    <div
      ref={ref}
      data-testid="kpi-chart"
      data-rendered="false"
      role="img"
      aria-label={`Évolution : ${model.label}`}
      style={{ width: '100%', height }}
    />
  );
}
