import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../echarts/EChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { barChartHeight, barSelectionAt, toBarOption } from './toOption.ts';

// Registered here, not globally, so only pages showing bars download the bar chart code.
use([BarChart, GridComponent, TooltipComponent, AriaComponent, LegendComponent, CanvasRenderer]);

/** `bar` widget: vertical or horizontal, grouped or stacked bars; a click selects a category. */
export default function BarRenderer({
  widget,
  result,
  onSelect,
  selection,
  height,
  registerExportable,
}: RendererProps) {
  const option = useMemo(
    () => (result ? toBarOption(widget, result, selection) : {}),
    [widget, result, selection],
  );
  return (
    <EChart
      type="bar"
      option={option}
      label={widget.title}
      height={barChartHeight(option, height ?? 320)}
      registerExportable={registerExportable}
      onClick={
        onSelect && result
          ? (click) => {
              const picked = barSelectionAt(widget, result, click);
              if (picked) onSelect(picked);
            }
          : undefined
      }
    />
  );
}
