import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import type { QueryResult } from '../spec/types.ts';
import type { RendererProps, WidgetDefinition, WidgetSelection } from '../widget/types.ts';
import { EChart } from './EChart.tsx';
import type { ChartClick } from './useECharts.ts';

/** What differs between the clickable chart types: the option and what a click selects. */
export interface ChartBinding<Option extends EChartsCoreOption> {
  readonly type: string;
  toOption(widget: WidgetDefinition, result: QueryResult, selection?: WidgetSelection | null): Option;
  selectionAt(widget: WidgetDefinition, result: QueryResult, click: ChartClick): WidgetSelection | null;
  /** Height the chart needs (e.g. one row per category on horizontal bars). */
  height?(option: Option, available: number): number;
}

/**
 * The shared body of the bar, pie, treemap and sankey renderers: option from the result,
 * click → `onSelect` with the dimension code and label. Each type's Renderer registers its
 * own ECharts modules, so only the charts shown are downloaded.
 */
export function SelectableChart<Option extends EChartsCoreOption>({
  binding,
  widget,
  result,
  onSelect,
  selection,
  height,
  registerExportable,
}: RendererProps & { readonly binding: ChartBinding<Option> }) {
  const option = useMemo(
    () => (result ? binding.toOption(widget, result, selection) : ({} as Option)),
    [binding, widget, result, selection],
  );
  const available = height ?? 320;
  const needed = binding.height ? binding.height(option, available) : available;
  const chart = (
    <EChart
      type={binding.type}
      option={option}
      label={widget.title}
      height={needed}
      registerExportable={registerExportable}
      onClick={
        onSelect && result
          ? (click) => {
              const picked = binding.selectionAt(widget, result, click);
              if (picked) onSelect(picked);
            }
          : undefined
      }
    />
  );
  // Taller than its room (one row per category on horizontal bars): it scrolls there, so the
  // frame's source line stays in view and the cell never spills. Always this element, so the
  // chart is not drawn anew when its room changes.
  const scrolls = needed > available;
  return (
    <section
      tabIndex={scrolls ? 0 : undefined}
      aria-label={scrolls ? `${widget.title} (graphique défilant)` : undefined}
      data-testid={scrolls ? 'chart-scroller' : undefined}
      style={scrolls ? { height: available, overflowX: 'hidden', overflowY: 'auto' } : undefined}
    >
      {chart}
    </section>
  );
}
