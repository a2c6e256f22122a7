/**
 * What the page around a widget adds to its query (STYLE.md: a panel never owns its query; the
 * dashboard above it adds what the reader chose): maps moved to the drill level, the global
 * filters its dataset can take (`applyDashboardFilters`), then the other widgets' cross-filter
 * selections on fields its dataset has. Pure, shared by the app's dashboards and the embeds.
 */
import { applyDashboardFilters, type YearsOutOfCoverage } from '../dashboard/filters.ts';
import {
  type DashboardDatasetInfo,
  type DashboardFilterValue,
  MAP_LEVELS,
  type MapLevel,
} from '../dashboard/types.ts';
import type { FilterLabels } from '../picture/labels.ts';
import type { FilterSpec, QuerySpec } from '../spec/types.ts';
import type { WidgetDefinition, WidgetSelection } from '../widget/types.ts';

/** A widget's click, filtering the other widgets. */
export interface CrossSelection extends WidgetSelection {
  readonly widgetId: string;
}

export interface WidgetScope {
  /** Values of the page's global filters (the territory one included). */
  readonly filters: readonly DashboardFilterValue[];
  /** Level maps are drawn at when the reader drilled down (one under the chosen territory). */
  readonly mapLevel: MapLevel | null;
  /** Clicks in the page's widgets, at most one per widget. */
  readonly selections: readonly CrossSelection[];
  /** Datasets' dimensions: which filter applies to which widget. */
  readonly catalogue: readonly DashboardDatasetInfo[];
  /**
   * Communes that have quartiers prioritaires to draw (`GET /api/geo/config`): a map drilled into
   * another commune stays at the commune level, with a word why. Absent while unknown: the map
   * goes down to the quartiers (and says there are none to draw).
   */
  readonly quartierCommunes?: readonly string[];
}

export interface ScopedQuery {
  /** Null for widgets without a query (text). */
  readonly query: QuerySpec | null;
  /** Ids of active global filters this widget's dataset cannot take. */
  readonly notApplicable: readonly string[];
  /** Year filters outside the years this widget's dataset covers (not applied). */
  readonly outOfCoverage: readonly YearsOutOfCoverage[];
  /** Other widgets' selections this widget's dataset cannot take. */
  readonly selectionsNotApplicable: readonly CrossSelection[];
  /** The title once a map drilled to a finer level (« … par EPCI »); absent: the widget's own. */
  readonly title?: string;
  /** What the page should tell about the widget (a map that could not go down to quartiers). */
  readonly notice?: string;
  /**
   * What the page knows to name the query's filters (field labels from the catalogue, the names
   * of the chosen territory, codes and selections): the picture says them in words.
   */
  readonly labels: FilterLabels;
}

const isMapLevel = (value: unknown): value is MapLevel =>
  typeof value === 'string' && (MAP_LEVELS as readonly string[]).includes(value);

type Dimension = DashboardDatasetInfo['dimensions'][number];

/** Territorial levels as a title names them (« par département »). */
const LEVEL_WORDS: Readonly<Record<MapLevel, string>> = {
  region: 'région',
  departement: 'département',
  epci: 'EPCI',
  commune: 'commune',
  qpv: 'quartier prioritaire',
};

/**
 * The title of a drilled map: « Montant par département » → « Montant par EPCI »; a title that
 * does not name its level gets it added (« Carte des aides — par EPCI »).
 */
export function drilledTitle(title: string, from: MapLevel, to: MapLevel): string {
  const named = new RegExp(`\\bpar ${LEVEL_WORDS[from]}(?![\\p{L}])`, 'iu');
  const level = `par ${LEVEL_WORDS[to]}`;
  return named.test(title) ? title.replace(named, level) : `${title} — ${level}`;
}

/** Maps follow the drill-down: the geographic dimension moves to the level under the territory. */
function drilledMapQuery(
  query: QuerySpec,
  drilled: MapLevel | null,
  dataset: DashboardDatasetInfo | undefined,
): { query: QuerySpec; from?: Dimension; to?: Dimension } {
  const dims = query.dimensions ?? [];
  const geo = dims
    .map((id) => dataset?.dimensions.find((d) => d.id === id))
    .find((d) => d?.type === 'geo' && isMapLevel(d.level));
  if (!drilled || !geo || !isMapLevel(geo.level)) return { query };
  // Never coarser than the map's own level.
  const from = MAP_LEVELS.indexOf(geo.level);
  const to = Math.max(from, MAP_LEVELS.indexOf(drilled));
  // The drill level, or the finest level above it that the dataset has (no EPCI, no QPV in a dataset).
  const target = MAP_LEVELS.slice(from, to + 1)
    .map((level) => dataset?.dimensions.find((d) => d.type === 'geo' && d.level === level))
    .filter((d) => d !== undefined)
    .at(-1);
  if (!target || target.id === geo.id) return { query };
  const swap = (field: string) => (field === geo.id ? target.id : field);
  return {
    query: {
      ...query,
      dimensions: dims.map(swap),
      ...(query.sort ? { sort: query.sort.map((s) => ({ ...s, field: swap(s.field) })) } : {}),
    },
    from: geo,
    to: target,
  };
}

const selectionFilter = (selection: CrossSelection): FilterSpec =>
  selection.value === null
    ? { field: selection.field, op: 'is_null' }
    : { field: selection.field, op: 'eq', values: [selection.value] };

/** Field labels and types of `dataset`, and the names the scope gives values. */
function scopeLabels(scope: WidgetScope, dataset: DashboardDatasetInfo | undefined): FilterLabels {
  const fields: Record<string, { label?: string; type: string }> = {};
  for (const d of dataset?.dimensions ?? [])
    fields[d.id] = { type: d.type, ...(d.label ? { label: d.label } : {}) };
  const values: Record<string, Record<string, string>> = {};
  const name = (field: string | undefined, code: string, label: string | undefined) => {
    if (field === undefined || !label) return;
    values[field] = { ...values[field], [code]: label };
  };
  for (const value of scope.filters) {
    if (value.kind === 'territoire') {
      const level = value.value.level;
      name(
        dataset?.dimensions.find((d) => d.type === 'geo' && d.level === level)?.id,
        value.value.code,
        value.value.label,
      );
    } else if (value.kind !== 'annee') {
      value.value.forEach((code, i) => {
        name(value.kind, code, value.labels?.[i]);
      });
    }
  }
  for (const selection of scope.selections) {
    if (selection.value !== null) name(selection.field, String(selection.value), selection.label);
  }
  return { fields, values };
}

/** Shown over a map drilled into a commune with no quartier prioritaire to draw. */
export const NO_QUARTIER_NOTICE =
  'Aucun quartier prioritaire dans cette commune (contours connus : quartiers 2015 d’Occitanie) : la carte reste au niveau de la commune.';

/**
 * The level a map goes down to: the drill level, unless it is the quartiers of a commune known
 * to have none to draw — then the commune's own level (`stayed`: the page says why).
 */
function drillLevel(scope: WidgetScope): { level: MapLevel | null; stayed: boolean } {
  const territory = scope.filters.find((f) => f.kind === 'territoire')?.value;
  if (
    scope.mapLevel === 'qpv' &&
    territory?.level === 'commune' &&
    scope.quartierCommunes &&
    !scope.quartierCommunes.includes(territory.code)
  ) {
    return { level: 'commune', stayed: true };
  }
  return { level: scope.mapLevel, stayed: false };
}

export function scopedQuery(widget: WidgetDefinition, scope: WidgetScope): ScopedQuery {
  if (widget.query === null) {
    return {
      query: null,
      notApplicable: [],
      outOfCoverage: [],
      selectionsNotApplicable: [],
      labels: { fields: {}, values: {} },
    };
  }
  const dataset = scope.catalogue.find((d) => d.id === widget.query?.dataset);
  const level = widget.type === 'map' ? drillLevel(scope) : { level: null, stayed: false };
  const drilled =
    widget.type === 'map' ? drilledMapQuery(widget.query, level.level, dataset) : { query: widget.query };
  // The map would have gone down to the quartiers (its dataset has them): say why it did not.
  const stayed =
    level.stayed && dataset?.dimensions.some((d) => d.type === 'geo' && d.level === 'qpv') === true;
  const base = drilled.query;
  const [from, to] = [drilled.from?.level, drilled.to?.level];
  const title = isMapLevel(from) && isMapLevel(to) ? drilledTitle(widget.title, from, to) : undefined;
  const withFilters = applyDashboardFilters(base, scope.filters, scope.catalogue);
  let query = withFilters.query ?? base;
  const selectionsNotApplicable: CrossSelection[] = [];
  const cross: FilterSpec[] = [];
  for (const selection of scope.selections) {
    if (selection.widgetId === widget.id) continue;
    if (dataset?.dimensions.some((d) => d.id === selection.field)) cross.push(selectionFilter(selection));
    else selectionsNotApplicable.push(selection);
  }
  if (cross.length > 0) query = { ...query, filters: [...(query.filters ?? []), ...cross] };
  return {
    query,
    notApplicable: withFilters.notApplicable,
    outOfCoverage: withFilters.outOfCoverage,
    selectionsNotApplicable,
    ...(title === undefined ? {} : { title }),
    ...(stayed ? { notice: NO_QUARTIER_NOTICE } : {}),
    labels: scopeLabels(scope, dataset),
  };
}
