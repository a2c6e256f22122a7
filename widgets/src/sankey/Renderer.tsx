import { SankeyChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../echarts/EChart.tsx';
import type { RendererProps } from '../widget/types.ts';
import { sankeySelectionAt, toSankeyOption } from './toOption.ts';

use([SankeyChart, TooltipComponent, AriaComponent, CanvasRenderer]);

/** `sankey` widget: flows between 2–3 dimensions; a click on a node selects its value. */
export default function SankeyRenderer({
  widget,
  result,
  onSelect,
  selection,
  height,
  registerExportable,
}: RendererProps) {
  const option = useMemo(
    () => (result ? toSankeyOption(widget, result, selection) : {}),
    [widget, result, selection],
  );
  return (
    <EChart
      type="sankey"
      option={option}
      label={widget.title}
      height={height}
      registerExportable={registerExportable}
      onClick={
        onSelect && result
          ? (click) => {
              const picked = sankeySelectionAt(widget, result, click);
              if (picked) onSelect(picked);
            }
          : undefined
      }
    />
  );
}
