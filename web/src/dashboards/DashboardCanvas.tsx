import type { DashboardDefinition } from '@dataetat/widgets';
import { Loading } from '../components/Loading.tsx';
import { QueryErrorAlert } from '../components/QueryErrorAlert.tsx';
import { FiltersBar } from './FiltersBar.tsx';
import { useDashboardCatalogue, useDashboardView } from './useDashboardView.ts';
import { ViewGrid } from './ViewGrid.tsx';
import { hasActiveFilters } from './viewState.ts';

/** A dashboard read-only: its filters bar and its widgets, the view kept in the address. */
export function DashboardCanvas({ definition }: { readonly definition: DashboardDefinition }) {
  const { view, setView, select } = useDashboardView(definition);
  const { datasets, catalogue, used, fieldLabel } = useDashboardCatalogue(definition);
  // Unfiltered widgets need no catalogue: they start at once; filtered ones wait for it.
  if (datasets.isPending && hasActiveFilters(view))
    return <Loading label="Chargement du catalogue…" height={200} />;
  if (datasets.error) return <QueryErrorAlert error={datasets.error} onRetry={datasets.refetch} />;
  const widgetTitle = (id: string) => definition.widgets.find((w) => w.id === id)?.title ?? id;
  return (
    <>
      {definition.filters.length > 0 && (
        <FiltersBar
          filters={definition.filters}
          view={view}
          onChange={setView}
          datasets={used}
          fieldLabel={fieldLabel}
          widgetTitle={widgetTitle}
        />
      )}
      <ViewGrid
        definition={definition}
        view={view}
        catalogue={catalogue}
        onSelect={select}
        fieldLabel={fieldLabel}
      />
    </>
  );
}
