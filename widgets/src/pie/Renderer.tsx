import { PieChart } from 'echarts/charts';
import { AriaComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../echarts/EChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { pieSelectionAt, toPieOption } from './toOption.ts';

use([PieChart, TooltipComponent, AriaComponent, LegendComponent, TitleComponent, CanvasRenderer]);

/** `pie` widget: pie or donut; a click selects a slice (except « Autres »). */
export default function PieRenderer({
  widget,
  result,
  onSelect,
  selection,
  height,
  registerExportable,
}: RendererProps) {
  const option = useMemo(
    () => (result ? toPieOption(widget, result, selection) : {}),
    [widget, result, selection],
  );
  return (
    <EChart
      type="pie"
      option={option}
      label={widget.title}
      height={height}
      registerExportable={registerExportable}
      onClick={
        onSelect && result
          ? (click) => {
              const picked = pieSelectionAt(widget, result, click);
              if (picked) onSelect(picked);
            }
          : undefined
      }
    />
  );
}
