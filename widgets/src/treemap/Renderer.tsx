import { TreemapChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type ChartBinding, SelectableChart } from '../echarts/SelectableChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { toTreemapOption, treemapSelectionAt } from './toOption.ts';

use([TreemapChart, TooltipComponent, AriaComponent, CanvasRenderer]);

const binding: ChartBinding<ReturnType<typeof toTreemapOption>> = {
  type: 'treemap',
  toOption: toTreemapOption,
  selectionAt: treemapSelectionAt,
};

/** `treemap` widget: rectangles sized by a measure, nested for two dimensions; a click selects. */
export default function TreemapRenderer(props: RendererProps) {
  return <SelectableChart binding={binding} {...props} />;
}
