/**
 * The query a dashboard actually runs for one widget: the reader's view (filter values, drill
 * path, selections) as the widget's scope (`scopedQuery`, shared with the embeds).
 */
import type { DashboardDatasetInfo, DashboardFilter } from '@dataetat/widgets';
import {
  type ScopedQuery,
  scopedQuery,
  type WidgetDefinition,
  type WidgetScope,
} from '@dataetat/widgets/react';
import { currentTerritory, filterValuesOf, mapLevel, type ViewState } from './viewState.ts';

export type EffectiveQuery = ScopedQuery;

/**
 * What the reader chose, as the scope every widget of the dashboard runs in; `quartierCommunes`:
 * the communes with quartiers prioritaires to draw, when the page knows them (maps drilled into
 * another commune stay at the commune level).
 */
export function scopeOf(
  view: ViewState,
  filters: readonly DashboardFilter[],
  catalogue: readonly DashboardDatasetInfo[],
  quartierCommunes?: readonly string[],
): WidgetScope {
  return {
    filters: filterValuesOf(view, filters),
    // Région is the coarsest level: the result is the level under the chosen territory.
    mapLevel: currentTerritory(view) ? mapLevel(view, 'region') : null,
    selections: view.selections,
    catalogue,
    ...(quartierCommunes ? { quartierCommunes } : {}),
  };
}

export function effectiveQuery(
  widget: WidgetDefinition,
  view: ViewState,
  filters: readonly DashboardFilter[],
  catalogue: readonly DashboardDatasetInfo[],
): EffectiveQuery {
  return scopedQuery(widget, scopeOf(view, filters, catalogue));
}
