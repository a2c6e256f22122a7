/**
 * Global dashboard filters flowing down to widgets (STYLE.md: a panel never owns the dashboard's
 * filters, they come from above). A filter applies to a widget when the widget's dataset has the
 * field: `annee` → its year dimension, `territoire` → its dimension of the chosen level,
 * `programme` / `beneficiaire` / `tags` → the dimension of that id. The filter is ANDed with the
 * widget's own filters: a widget fixed on programme 380 stays on it.
 */
import type { FilterSpec, QuerySpec } from '../spec/types.ts';
import type { DashboardDatasetInfo, DashboardDefinition, DashboardFilterValue } from './types.ts';

export interface AppliedDashboardFilters {
  /** The widget query with the applicable filters appended (null stays null: text widgets). */
  readonly query: QuerySpec | null;
  /** Filters that narrowed this widget, by id. */
  readonly applied: readonly string[];
  /** Active filters this widget's dataset cannot take (the frame says so), by id. */
  readonly notApplicable: readonly string[];
  /**
   * Year filters asking only for years the dataset does not cover: left out (they would empty
   * the widget without a word) and said by the frame with the years it does cover.
   */
  readonly outOfCoverage: readonly YearsOutOfCoverage[];
}

/** A year filter that does not apply: what it asked, what the dataset covers. */
export interface YearsOutOfCoverage {
  readonly id: string;
  readonly asked: readonly number[];
  readonly covered: readonly number[];
}

type Dimension = DashboardDatasetInfo['dimensions'][number];

/** The dimension of the dataset a filter value targets, or undefined when it has none. */
function targetDimension(value: DashboardFilterValue, dataset: DashboardDatasetInfo): Dimension | undefined {
  const dims = dataset.dimensions;
  switch (value.kind) {
    case 'annee':
      return dims.find((d) => d.id === 'annee' && d.type === 'year') ?? dims.find((d) => d.type === 'year');
    case 'territoire':
      return dims.find((d) => d.type === 'geo' && d.level === value.value.level);
    case 'tags':
      return dims.find((d) => d.id === 'tags' && d.type === 'tags');
    case 'programme':
    case 'beneficiaire':
      return dims.find((d) => d.id === value.kind);
  }
}

/** True when the value filters nothing (no year, no code chosen). */
export function isEmptyFilterValue(value: DashboardFilterValue): boolean {
  return value.kind === 'territoire' ? value.value.code === '' : value.value.length === 0;
}

function toFilterSpec(value: DashboardFilterValue, field: string): FilterSpec {
  if (value.kind === 'territoire') return { field, op: 'eq', values: [value.value.code] };
  const values = [...value.value];
  return values.length === 1 ? { field, op: 'eq', values } : { field, op: 'in', values };
}

/**
 * Appends the active dashboard filters to a widget query. `catalogue` is the list served by
 * GET /api/datasets (or the server's dataset definitions). Empty values are ignored.
 */
export function applyDashboardFilters(
  query: QuerySpec | null,
  filterValues: readonly DashboardFilterValue[],
  catalogue: readonly DashboardDatasetInfo[],
): AppliedDashboardFilters {
  if (query === null) return { query: null, applied: [], notApplicable: [], outOfCoverage: [] };
  const dataset = catalogue.find((d) => d.id === query.dataset);
  const applied: string[] = [];
  const notApplicable: string[] = [];
  const outOfCoverage: YearsOutOfCoverage[] = [];
  const added: FilterSpec[] = [];
  for (const value of filterValues) {
    if (isEmptyFilterValue(value)) continue;
    const dimension = dataset ? targetDimension(value, dataset) : undefined;
    if (!dimension) {
      notApplicable.push(value.id);
      continue;
    }
    const covered = dataset?.years;
    if (value.kind === 'annee' && covered?.length && !value.value.some((year) => covered.includes(year))) {
      outOfCoverage.push({ id: value.id, asked: value.value, covered });
      continue;
    }
    added.push(toFilterSpec(value, dimension.id));
    applied.push(value.id);
  }
  const next: QuerySpec =
    added.length > 0 ? { ...query, filters: [...(query.filters ?? []), ...added] } : query;
  return { query: next, applied, notApplicable, outOfCoverage };
}

/** The filter values a dashboard opens with: the defaults its filters declare. */
export function defaultFilterValues(dashboard: Pick<DashboardDefinition, 'filters'>): DashboardFilterValue[] {
  return dashboard.filters.flatMap((filter): DashboardFilterValue[] => {
    if (filter.default === undefined) return [];
    switch (filter.kind) {
      case 'annee':
        return [{ id: filter.id, kind: filter.kind, value: filter.default }];
      case 'territoire':
        return [{ id: filter.id, kind: filter.kind, value: filter.default }];
      default:
        return [{ id: filter.id, kind: filter.kind, value: filter.default }];
    }
  });
}
