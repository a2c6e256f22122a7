/**
 * What the reader has chosen on a dashboard, apart from the dashboard itself: global filter
 * values, cross-filter selections (a click on a bar, slice or row) and the geographic drill
 * path (a click on a map area). Pure transitions, so the URL and the tests share them.
 */
import { MAP_LEVELS, type MapLevel } from '@dataetat/widgets';
import type { WidgetSelection } from '@dataetat/widgets/react';
import {
  type DashboardFilter,
  type DashboardFilterValue,
  isDrillLevel,
  isTerritoryLevel,
  TERRITORY_LEVELS,
  type TerritoryLevel,
  type TerritoryValue,
} from './model.ts';

/** A chosen code and the name shown on its chip (programme, bénéficiaire, politique). */
export interface CodeLabel {
  readonly code: string;
  readonly label: string;
}

/** A widget's click, filtering the other widgets. */
export interface CrossSelection extends WidgetSelection {
  readonly widgetId: string;
}

export interface ViewState {
  /** Years kept, ascending; empty = every year. */
  readonly annee: readonly number[];
  /** Drill path, coarsest first (région, then département…); empty = France entière. */
  readonly territoire: readonly TerritoryValue[];
  readonly programme: readonly CodeLabel[];
  readonly beneficiaire: readonly CodeLabel[];
  readonly tags: readonly CodeLabel[];
  /** At most one per source widget. */
  readonly selections: readonly CrossSelection[];
}

export const EMPTY_VIEW: ViewState = {
  annee: [],
  territoire: [],
  programme: [],
  beneficiaire: [],
  tags: [],
  selections: [],
};

/** Every year from `from` to `to`, both included, whatever their order. */
export function yearRange(from: number, to: number): number[] {
  const [low, high] = from <= to ? [from, to] : [to, from];
  return Array.from({ length: high - low + 1 }, (_, i) => low + i);
}

const codes = (values: readonly string[]): CodeLabel[] => values.map((code) => ({ code, label: code }));

/** The starting view: each filter's default value from the dashboard definition. */
export function defaultView(filters: readonly DashboardFilter[]): ViewState {
  let view = EMPTY_VIEW;
  for (const filter of filters) {
    if (filter.default === undefined) continue;
    switch (filter.kind) {
      case 'annee':
        view = { ...view, annee: [...filter.default].sort((a, b) => a - b) };
        break;
      case 'territoire':
        view = { ...view, territoire: isTerritoryLevel(filter.default.level) ? [filter.default] : [] };
        break;
      case 'programme':
        view = { ...view, programme: codes(filter.default) };
        break;
      case 'beneficiaire':
        view = { ...view, beneficiaire: codes(filter.default) };
        break;
      case 'tags':
        view = { ...view, tags: codes(filter.default) };
        break;
    }
  }
  return view;
}

/** The view as values of the dashboard's filters (what `applyDashboardFilters` takes). */
export function filterValuesOf(view: ViewState, filters: readonly DashboardFilter[]): DashboardFilterValue[] {
  return filters.flatMap((filter): DashboardFilterValue[] => {
    const { id } = filter;
    switch (filter.kind) {
      case 'annee':
        return view.annee.length > 0 ? [{ id, kind: 'annee', value: view.annee }] : [];
      case 'territoire': {
        const territory = currentTerritory(view);
        return territory ? [{ id, kind: 'territoire', value: territory }] : [];
      }
      default: {
        const chosen = view[filter.kind];
        return chosen.length > 0
          ? [{ id, kind: filter.kind, value: chosen.map((c) => c.code), labels: chosen.map((c) => c.label) }]
          : [];
      }
    }
  });
}

/** Whether anything narrows the widgets (their queries then depend on the catalogue). */
export function hasActiveFilters(view: ViewState): boolean {
  return (
    view.annee.length +
      view.territoire.length +
      view.programme.length +
      view.beneficiaire.length +
      view.tags.length +
      view.selections.length >
    0
  );
}

/** The territory the widgets are filtered on: the end of the drill path. */
export const currentTerritory = (view: ViewState): TerritoryValue | null => view.territoire.at(-1) ?? null;

const levelIndex = (level: TerritoryLevel) => TERRITORY_LEVELS.indexOf(level);

/**
 * The level maps show under the current territory: one finer than it (France → régions'
 * children are départements…, a commune's are its quartiers prioritaires), never coarser than
 * the map's own level.
 */
export function mapLevel(view: ViewState, base: TerritoryLevel): MapLevel {
  const territory = currentTerritory(view);
  if (!territory) return base;
  const below = MAP_LEVELS[MAP_LEVELS.indexOf(territory.level) + 1] ?? territory.level;
  return MAP_LEVELS.indexOf(below) > MAP_LEVELS.indexOf(base) ? below : base;
}

/**
 * A click in a widget. On a map area (a territory field, a quartier prioritaire apart): drill
 * into it — the territory filter becomes that area and maps go one level down; clicking the
 * current area again goes back up. Elsewhere (and on a quartier): cross-filter the other widgets
 * on that value; clicking it again clears it.
 */
export function applyClick(
  view: ViewState,
  widgetId: string,
  selection: WidgetSelection,
  fromMap: boolean,
): ViewState {
  if (fromMap && isDrillLevel(selection.field) && selection.value !== null) {
    const code = String(selection.value);
    const current = currentTerritory(view);
    if (current && current.level === selection.field && current.code === code) {
      return { ...view, territoire: view.territoire.slice(0, -1) };
    }
    const clicked: TerritoryValue = { level: selection.field, code, label: selection.label ?? code };
    // Keep the coarser steps already taken (Bretagne › Ille-et-Vilaine), replace the rest.
    const kept = view.territoire.filter((t) => levelIndex(t.level) < levelIndex(clicked.level));
    return { ...view, territoire: [...kept, clicked] };
  }
  const previous = view.selections.find((s) => s.widgetId === widgetId);
  const others = view.selections.filter((s) => s.widgetId !== widgetId);
  if (previous && previous.field === selection.field && previous.value === selection.value) {
    return { ...view, selections: others };
  }
  return { ...view, selections: [...others, { widgetId, ...selection }] };
}

export function clearSelection(view: ViewState, widgetId: string): ViewState {
  return { ...view, selections: view.selections.filter((s) => s.widgetId !== widgetId) };
}

/** Breadcrumb: go back to the `depth`-th step of the drill path (0 = France entière). */
export function drillUp(view: ViewState, depth: number): ViewState {
  return { ...view, territoire: view.territoire.slice(0, Math.max(depth, 0)) };
}

/** Drops selections of widgets that no longer exist (after an edit). */
export function pruneSelections(view: ViewState, widgetIds: readonly string[]): ViewState {
  const kept = view.selections.filter((s) => widgetIds.includes(s.widgetId));
  return kept.length === view.selections.length ? view : { ...view, selections: kept };
}
