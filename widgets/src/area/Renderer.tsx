import { LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../echarts/EChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { toAreaOption } from './toOption.ts';

use([LineChart, GridComponent, TooltipComponent, AriaComponent, LegendComponent, CanvasRenderer]);

/** `area` widget: evolution over time, areas stacked into a total by default. */
export default function AreaRenderer({ widget, result, height, registerExportable }: RendererProps) {
  const option = useMemo(() => (result ? toAreaOption(widget, result) : {}), [widget, result]);
  return (
    <EChart
      type="area"
      option={option}
      label={widget.title}
      height={height}
      registerExportable={registerExportable}
    />
  );
}
