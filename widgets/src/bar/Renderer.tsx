import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type ChartBinding, SelectableChart } from '../echarts/SelectableChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { barChartHeight, barSelectionAt, toBarOption } from './toOption.ts';

// Registered here, not globally, so only pages showing bars download the bar chart code.
use([BarChart, GridComponent, TooltipComponent, AriaComponent, LegendComponent, CanvasRenderer]);

const binding: ChartBinding<ReturnType<typeof toBarOption>> = {
  type: 'bar',
  toOption: toBarOption,
  selectionAt: barSelectionAt,
  // Horizontal bars get one row per category instead of being squeezed.
  height: barChartHeight,
};

/** `bar` widget: vertical or horizontal, grouped or stacked bars; a click selects a category. */
export default function BarRenderer(props: RendererProps) {
  return <SelectableChart binding={binding} {...props} />;
}
