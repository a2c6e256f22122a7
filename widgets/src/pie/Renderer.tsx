import { PieChart } from 'echarts/charts';
import { AriaComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type ChartBinding, SelectableChart } from '../echarts/SelectableChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { pieSelectionAt, toPieOption } from './toOption.ts';

use([PieChart, TooltipComponent, AriaComponent, LegendComponent, TitleComponent, CanvasRenderer]);

const binding: ChartBinding<ReturnType<typeof toPieOption>> = {
  type: 'pie',
  toOption: toPieOption,
  selectionAt: pieSelectionAt,
};

/** `pie` widget: pie or donut; a click selects a slice (except « Autres »). */
export default function PieRenderer(props: RendererProps) {
  return <SelectableChart binding={binding} {...props} />;
}
