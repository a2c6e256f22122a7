/**
 * The query a dashboard actually runs for one widget (STYLE.md: the panel never owns its query;
 * the dashboard above it adds what the reader chose): the widget's own query, maps moved to the
 * drill level, the global filters its dataset can take (`applyDashboardFilters`), then the other
 * widgets' cross-filter selections on fields its dataset has.
 */
import { applyDashboardFilters, type DashboardDatasetInfo, type DashboardFilter } from '@dataetat/widgets';
import type { FilterSpec, QuerySpec, WidgetDefinition } from '@dataetat/widgets/react';
import { isTerritoryLevel, TERRITORY_LEVELS } from './model.ts';
import { type CrossSelection, filterValuesOf, mapLevel, type ViewState } from './viewState.ts';

export interface EffectiveQuery {
  /** Null for widgets without a query (text). */
  readonly query: QuerySpec | null;
  /** Ids of active global filters this widget's dataset cannot take. */
  readonly notApplicable: readonly string[];
  /** Other widgets' selections this widget's dataset cannot take. */
  readonly selectionsNotApplicable: readonly CrossSelection[];
}

type Dataset = DashboardDatasetInfo;

/** Maps follow the drill-down: the geographic dimension moves to the level under the territory. */
function drilledMapQuery(query: QuerySpec, view: ViewState, dataset: Dataset | undefined): QuerySpec {
  const dims = query.dimensions ?? [];
  const geo = dims
    .map((id) => dataset?.dimensions.find((d) => d.id === id))
    .find((d) => d?.type === 'geo' && isTerritoryLevel(d.level));
  if (!geo || !isTerritoryLevel(geo.level)) return query;
  // The drill level, or the finest level above it that the dataset has (no EPCI in a dataset).
  const wanted = TERRITORY_LEVELS.slice(
    TERRITORY_LEVELS.indexOf(geo.level),
    TERRITORY_LEVELS.indexOf(mapLevel(view, geo.level)) + 1,
  );
  const target = wanted
    .map((level) => dataset?.dimensions.find((d) => d.type === 'geo' && d.level === level))
    .filter((d) => d !== undefined)
    .at(-1);
  if (!target || target.id === geo.id) return query;
  const swap = (field: string) => (field === geo.id ? target.id : field);
  return {
    ...query,
    dimensions: dims.map(swap),
    ...(query.sort ? { sort: query.sort.map((s) => ({ ...s, field: swap(s.field) })) } : {}),
  };
}

const selectionFilter = (selection: CrossSelection): FilterSpec =>
  selection.value === null
    ? { field: selection.field, op: 'is_null' }
    : { field: selection.field, op: 'eq', values: [selection.value] };

export function effectiveQuery(
  widget: WidgetDefinition,
  view: ViewState,
  filters: readonly DashboardFilter[],
  catalogue: readonly Dataset[],
): EffectiveQuery {
  if (widget.query === null) return { query: null, notApplicable: [], selectionsNotApplicable: [] };
  const dataset = catalogue.find((d) => d.id === widget.query?.dataset);
  const base = widget.type === 'map' ? drilledMapQuery(widget.query, view, dataset) : widget.query;
  const withFilters = applyDashboardFilters(base, filterValuesOf(view, filters), catalogue);
  let query = withFilters.query ?? base;
  const selectionsNotApplicable: CrossSelection[] = [];
  const cross: FilterSpec[] = [];
  for (const selection of view.selections) {
    if (selection.widgetId === widget.id) continue;
    if (dataset?.dimensions.some((d) => d.id === selection.field)) cross.push(selectionFilter(selection));
    else selectionsNotApplicable.push(selection);
  }
  if (cross.length > 0) query = { ...query, filters: [...(query.filters ?? []), ...cross] };
  return { query, notApplicable: withFilters.notApplicable, selectionsNotApplicable };
}
