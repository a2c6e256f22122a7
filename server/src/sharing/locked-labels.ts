import type {
  DashboardDefinition,
  DatasetDefinition,
  FilterSpec,
  LockedLabel,
  SecurityContext,
} from '@dataetat/widgets';
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

/** The names of `filters`' values in the datasets a dashboard's widgets read, under `context`. */
export function dashboardLockedLabels(
  queries: Pick<Services['queries'], 'run'>,
  catalogue: Pick<Services['catalogue'], 'get'>,
  definition: DashboardDefinition,
  filters: readonly FilterSpec[],
  context: SecurityContext,
): Promise<LockedLabel[]> {
  if (filters.length === 0) return Promise.resolve([]);
  const ids = new Set(definition.widgets.flatMap((w) => (w.query ? [w.query.dataset] : [])));
  const datasets = [...ids].flatMap((id) => catalogue.get(id) ?? []);
  return lockedValueLabels(queries, datasets, filters, context);
}
