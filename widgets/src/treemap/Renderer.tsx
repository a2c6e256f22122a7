import { TreemapChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../echarts/EChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { toTreemapOption, treemapSelectionAt } from './toOption.ts';

use([TreemapChart, TooltipComponent, AriaComponent, CanvasRenderer]);

/** `treemap` widget: rectangles sized by a measure, nested for two dimensions; a click selects. */
export default function TreemapRenderer({
  widget,
  result,
  onSelect,
  selection,
  height,
  registerExportable,
}: RendererProps) {
  const option = useMemo(
    () => (result ? toTreemapOption(widget, result, selection) : {}),
    [widget, result, selection],
  );
  return (
    <EChart
      type="treemap"
      option={option}
      label={widget.title}
      height={height}
      registerExportable={registerExportable}
      onClick={
        onSelect && result
          ? (click) => {
              const picked = treemapSelectionAt(widget, result, click);
              if (picked) onSelect(picked);
            }
          : undefined
      }
    />
  );
}
