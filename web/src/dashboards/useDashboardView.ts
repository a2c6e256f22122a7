import type { DashboardDatasetInfo, DashboardDefinition } from '@dataetat/widgets';
import type { WidgetSelection } from '@dataetat/widgets/react';
import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useDatasets } from '../api/hooks.ts';
import type { DatasetSummary } from '../api/types.ts';
import { decodeView, encodeView } from './urlState.ts';
import { applyClick, defaultView, pruneSelections, type ViewState } from './viewState.ts';

/**
 * The reader's view of a dashboard (filters, selections, drill path), kept in the address so a
 * copied link reopens it. Changes replace the history entry: the back button leaves the page.
 */
export function useDashboardView(definition: DashboardDefinition | undefined) {
  const location = useLocation();
  const navigate = useNavigate();
  const filters = definition?.filters;
  const defaults = useMemo(() => defaultView(filters ?? []), [filters]);
  const widgetIds = useMemo(() => definition?.widgets.map((w) => w.id) ?? [], [definition?.widgets]);
  const view = useMemo(
    () => pruneSelections(decodeView(location.search, defaults), widgetIds),
    [location.search, defaults, widgetIds],
  );
  const setView = useCallback(
    (next: ViewState) => {
      const search = encodeView(next, defaults, location.search);
      if (search !== location.search) void navigate({ search }, { replace: true, state: location.state });
    },
    [defaults, location.search, location.state, navigate],
  );
  const select = useCallback(
    (widgetId: string, selection: WidgetSelection) => {
      const widget = definition?.widgets.find((w) => w.id === widgetId);
      setView(applyClick(view, widgetId, selection, widget?.type === 'map'));
    },
    [definition?.widgets, setView, view],
  );
  return { view, setView, select };
}

/** The catalogue, its entries used by this dashboard, and French field names. */
export function useDashboardCatalogue(definition: DashboardDefinition | undefined) {
  const datasets = useDatasets();
  const all: readonly DatasetSummary[] = datasets.data ?? [];
  const used = useMemo(() => {
    const ids = new Set(definition?.widgets.map((w) => w.query?.dataset).filter((id) => id !== undefined));
    return all.filter((d) => ids.has(d.id));
  }, [all, definition?.widgets]);
  const fieldLabel = useCallback(
    (field: string) => {
      for (const dataset of all) {
        const dim = dataset.dimensions.find((d) => d.id === field);
        if (dim) return dim.label;
      }
      return field;
    },
    [all],
  );
  const catalogue: readonly DashboardDatasetInfo[] = all;
  return { datasets, catalogue, used, fieldLabel };
}
