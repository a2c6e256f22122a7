import type { DashboardDatasetInfo, DashboardDefinition } from '@dataetat/widgets';
import {
  type BoundaryLevel,
  isWidgetType,
  preloadRenderer,
  useWidgetHost,
  type WidgetSelection,
} from '@dataetat/widgets/react';
import { useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, useEffect } from 'react';
import { DashboardWidget } from './DashboardWidget.tsx';
import { cellHeight, visualHeight } from './gridMetrics.ts';
import { geoConfigKey } from './useQuartierCommunes.ts';
import type { ViewState } from './viewState.ts';

/**
 * The read-only dashboard: a CSS grid of 12 columns placed like the editor's layout. Under
 * 768 px the widgets stack in one column (reading order = top to bottom, left to right), and
 * printed pages keep each widget in one block (dashboards.css).
 */
export function ViewGrid({
  definition,
  view,
  catalogue,
  onSelect,
  fieldLabel,
}: {
  readonly definition: DashboardDefinition;
  readonly view: ViewState;
  readonly catalogue: readonly DashboardDatasetInfo[];
  readonly onSelect?: (widgetId: string, selection: WidgetSelection) => void;
  readonly fieldLabel: (field: string) => string;
}) {
  usePreloadRenderers(definition);
  // Reading order follows the layout: top to bottom, then left to right.
  const placed = [...definition.layout].sort((a, b) => a.y - b.y || a.x - b.x);
  return (
    <div className="dashboard-grid" data-testid="dashboard-grid">
      {placed.map((item) => {
        const widget = definition.widgets.find((w) => w.id === item.i);
        if (!widget) return null;
        const style = {
          gridColumn: `${item.x + 1} / span ${item.w}`,
          gridRow: `${item.y + 1} / span ${item.h}`,
          '--cell-height': `${cellHeight(item.h)}px`,
        } as CSSProperties;
        return (
          <div key={item.i} className="dashboard-grid__cell" style={style}>
            <DashboardWidget
              widget={widget}
              view={view}
              filters={definition.filters}
              catalogue={catalogue}
              height={visualHeight(widget.type, item.h)}
              fill
              fieldLabel={fieldLabel}
              {...(onSelect ? { onSelect } : {})}
            />
          </div>
        );
      })}
    </div>
  );
}

/**
 * Starts downloading each widget type's renderer (ECharts, MapLibre…) with the data requests,
 * instead of after the data arrived: the page is drawn one round trip sooner.
 */
export function usePreloadRenderers(definition: DashboardDefinition): void {
  const types = [...new Set(definition.widgets.map((w) => w.type))].sort().join(',');
  useEffect(() => {
    for (const type of types.split(',')) {
      if (!isWidgetType(type)) continue;
      // A failed download shows in the widget itself when it mounts (RenderBoundary).
      preloadRenderer(type).catch(() => undefined);
    }
  }, [types]);
  // Maps also need their boundaries: fetch them now too (the host's geo files are shared with
  // the maps' own loader).
  const host = useWidgetHost();
  const { geo } = host;
  const queryClient = useQueryClient();
  const levels = [...new Set(definition.widgets.flatMap(boundaryLevel))].sort().join(',');
  useEffect(() => {
    if (!levels) return;
    // Through the query cache: a map drilled into a commune then knows at once whether it has
    // quartiers to draw (useQuartierCommunes).
    queryClient
      .prefetchQuery({
        queryKey: geoConfigKey(host.key),
        queryFn: () => geo.loadConfig(),
        staleTime: Number.POSITIVE_INFINITY,
      })
      .catch(() => undefined);
    for (const level of levels.split(',') as BoundaryLevel[])
      geo.loadBoundaries(level).catch(() => undefined);
  }, [levels, geo, host.key, queryClient]);
}
const BOUNDARY_LEVELS: readonly string[] = ['region', 'departement', 'epci', 'qpv'];

/** The boundary file a map widget will ask for (its first dimension), if any. */
function boundaryLevel(widget: DashboardDefinition['widgets'][number]): BoundaryLevel[] {
  const first = widget.query?.dimensions?.[0];
  return widget.type === 'map' && first && BOUNDARY_LEVELS.includes(first) ? [first as BoundaryLevel] : [];
}
