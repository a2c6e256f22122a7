import { SankeyChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type ChartBinding, SelectableChart } from '../echarts/SelectableChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { sankeySelectionAt, toSankeyOption } from './toOption.ts';

use([SankeyChart, TooltipComponent, AriaComponent, CanvasRenderer]);

const binding: ChartBinding<ReturnType<typeof toSankeyOption>> = {
  type: 'sankey',
  toOption: toSankeyOption,
  selectionAt: sankeySelectionAt,
};

/** `sankey` widget: flows between 2–3 dimensions; a click on a node selects its value. */
export default function SankeyRenderer(props: RendererProps) {
  return <SelectableChart binding={binding} {...props} />;
}
