/**
 * A widget built elsewhere (the explorer) appended to a saved dashboard's definition: its own
 * definition kept as built (type, title, query, options), a fresh id, and a cell of its own under
 * everything already there, so nothing the dashboard's author arranged moves. Pure, so the
 * « Ajouter à un tableau de bord » flow can re-apply it to a re-read definition after a conflict.
 */
import type { DashboardDefinition, DashboardLayoutItem } from '@dataetat/widgets';
import { WIDGET_TYPE_INFO, type WidgetDefinition } from '@dataetat/widgets/react';
import { newWidgetId } from './editorDocument.ts';
import { defaultSize } from './gridMetrics.ts';

export interface AppendedWidget {
  readonly definition: DashboardDefinition;
  /** The widget's id in the dashboard (the explorer's own id is not kept: it may be taken). */
  readonly id: string;
  readonly cell: DashboardLayoutItem;
}

/** First row under every cell of the layout (0 for an empty dashboard). */
export const layoutBottom = (layout: readonly DashboardLayoutItem[]) =>
  layout.reduce((bottom, item) => Math.max(bottom, item.y + item.h), 0);

/**
 * Appends `widget` at the bottom-left of the grid, in its type's default size and never smaller
 * than the type's `minSize` (the smallest cell it reads whole in).
 */
export function appendWidget(
  definition: DashboardDefinition,
  widget: WidgetDefinition,
  random: () => number = Math.random,
): AppendedWidget {
  const id = newWidgetId(definition, random);
  const size = defaultSize(widget.type);
  const min = WIDGET_TYPE_INFO[widget.type].minSize;
  const cell: DashboardLayoutItem = {
    i: id,
    x: 0,
    y: layoutBottom(definition.layout),
    w: Math.max(size.w, min.w),
    h: Math.max(size.h, min.h),
  };
  return {
    id,
    cell,
    definition: {
      ...definition,
      widgets: [...definition.widgets, { ...widget, id }],
      layout: [...definition.layout, cell],
    },
  };
}
