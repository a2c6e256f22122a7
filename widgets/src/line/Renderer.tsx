import { LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../echarts/EChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { toLineOption } from './toOption.ts';

use([LineChart, GridComponent, TooltipComponent, AriaComponent, LegendComponent, CanvasRenderer]);

/** `line` widget: evolution over years or dates. */
export default function LineRenderer({ widget, result, height, registerExportable }: RendererProps) {
  const option = useMemo(() => (result ? toLineOption(widget, result) : {}), [widget, result]);
  return (
    <EChart
      type="line"
      option={option}
      label={widget.title}
      height={height}
      registerExportable={registerExportable}
    />
  );
}
