import type { DatasetDefinition, FilterSpec, LockedLabel, SecurityContext } from '@dataetat/widgets';
import type { DashboardRecord } from '../dashboards/repository.ts';
import type { DashboardService } from '../dashboards/service.ts';
import type { StoredFilter } from '../metadata/schema.ts';
import { filterValueLabels } from '../query/field-values.ts';
import type { Services } from '../services.ts';

/**
 * The names of locked values (« departement » 35 → « Ille-et-Vilaine »), for the shared view and
 * for the « Partager » dialog's lists. Read under `context` and narrowed to the locked codes:
 * nothing but their names, and only for codes present in data that context may see. Each
 * labelled field is read in the first of `datasets` that has it, one (cached) query per field.
 */
export async function lockedValueLabels(
  queries: Pick<Services['queries'], 'run'>,
  datasets: readonly DatasetDefinition[],
  filters: readonly FilterSpec[],
  context: SecurityContext,
): Promise<LockedLabel[]> {
  const byDataset = new Map<DatasetDefinition, FilterSpec[]>();
  for (const filter of filters) {
    const dataset = datasets.find((d) =>
      d.dimensions.some((dim) => dim.id === filter.field && dim.labelColumn !== undefined),
    );
    if (dataset) byDataset.set(dataset, [...(byDataset.get(dataset) ?? []), filter]);
  }
  const found = await Promise.all(
    [...byDataset].map(([dataset, datasetFilters]) =>
      filterValueLabels(queries, dataset, datasetFilters, context),
    ),
  );
  return found.flatMap((labels) =>
    [...labels].flatMap(([field, byCode]) => [...byCode].map(([value, label]) => ({ field, value, label }))),
  );
}

/** The labels among `labels` that name one of `filters`' values. */
export function labelsOfFilters(
  labels: readonly LockedLabel[],
  filters: readonly FilterSpec[],
): LockedLabel[] {
  return labels.filter((l) =>
    filters.some((f) => f.field === l.field && (f.values ?? []).some((v) => String(v) === l.value)),
  );
}

/**
 * The names of locked values for the « Partager » dialog's lists: read in the datasets the
 * dashboard's widgets read, under the context of the person managing its grants.
 */
export class DashboardLockedLabels {
  constructor(
    private readonly dashboards: Pick<DashboardService, 'definitionOf'>,
    private readonly catalogue: Pick<Services['catalogue'], 'get'>,
    private readonly queries: Pick<Services['queries'], 'run'>,
  ) {}

  /** The names of the values `grants` (links or embeds of `dashboard`) lock, in one read. */
  of(
    dashboard: DashboardRecord,
    grants: readonly { readonly lockedFilters: readonly StoredFilter[] }[],
    context: SecurityContext,
  ): Promise<LockedLabel[]> {
    const filters = grants.flatMap((g) => g.lockedFilters as readonly FilterSpec[]);
    if (filters.length === 0) return Promise.resolve([]);
    const definition = this.dashboards.definitionOf(dashboard);
    const ids = new Set(definition.widgets.flatMap((w) => (w.query ? [w.query.dataset] : [])));
    const datasets = [...ids].flatMap((id) => this.catalogue.get(id) ?? []);
    return lockedValueLabels(this.queries, datasets, filters, context);
  }
}
