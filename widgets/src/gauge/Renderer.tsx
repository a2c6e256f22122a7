import { GaugeChart } from 'echarts/charts';
import { AriaComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../echarts/EChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { toGaugeOption } from './toOption.ts';

use([GaugeChart, AriaComponent, CanvasRenderer]);

/** `gauge` widget: one figure on a dial, with its target when set. */
export default function GaugeRenderer({ widget, result, height, registerExportable }: RendererProps) {
  const option = useMemo(() => (result ? toGaugeOption(widget, result) : {}), [widget, result]);
  return (
    <EChart
      type="gauge"
      option={option}
      label={widget.title}
      height={height}
      registerExportable={registerExportable}
    />
  );
}
