import type { DashboardDatasetInfo, DashboardFilter } from '@dataetat/widgets';
import {
  type QuerySpec,
  shapeQuery,
  type WidgetDefinition,
  WidgetFrame,
  type WidgetSelection,
} from '@dataetat/widgets/react';
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useLiveQuery } from '../api/hooks.ts';
import type { ViewState } from './viewState.ts';
import { effectiveQuery } from './widgetQuery.ts';

export interface DashboardWidgetProps {
  readonly widget: WidgetDefinition;
  readonly view: ViewState;
  readonly filters: readonly DashboardFilter[];
  readonly catalogue: readonly DashboardDatasetInfo[];
  /** Pixel height of the visual. */
  readonly height: number;
  readonly onSelect?: (widgetId: string, selection: WidgetSelection) => void;
  /** Field names for the « not applicable » notes (programme → Programme). */
  readonly fieldLabel: (field: string) => string;
}

type Paging = Pick<QuerySpec, 'offset' | 'sort' | 'limit'>;

/**
 * The data provider of one dashboard widget: runs the widget's query with the dashboard's
 * filters, selections and drill level (the key is the effective spec: widgets a filter does not
 * touch keep their result, identical specs share one request) and hands the result to the frame.
 * The previous result stays on screen while the next one loads.
 */
export function DashboardWidget({
  widget,
  view,
  filters,
  catalogue,
  height,
  onSelect,
  fieldLabel,
}: DashboardWidgetProps) {
  const effective = useMemo(
    () => effectiveQuery(widget, view, filters, catalogue),
    [widget, view, filters, catalogue],
  );
  // Paging and sorting asked by a table: reset whenever the filters change the query.
  const [paging, setPaging] = useState<{ base: QuerySpec | null; patch: Paging }>({ base: null, patch: {} });
  const base = effective.query ? shapeQuery(widget, effective.query) : null;
  const patch =
    paging.base && base && JSON.stringify(paging.base) === JSON.stringify(base) ? paging.patch : {};
  const spec = base ? { ...base, ...patch } : null;
  const result = useLiveQuery(spec);
  const selection = view.selections.find((s) => s.widgetId === widget.id) ?? null;
  const notes = [
    ...effective.notApplicable.map((id) => filters.find((f) => f.id === id)?.label ?? id),
    ...effective.selectionsNotApplicable.map((s) => `${fieldLabel(s.field)} (sélection)`),
  ];
  const status = spec === null ? 'success' : result.isError ? 'error' : result.data ? 'success' : 'loading';
  return (
    <div className="dashboard-widget" data-widget-id={widget.id}>
      {notes.length > 0 && (
        <ul
          className="fr-badges-group dashboard-widget__notes"
          aria-label="Filtres sans effet sur cette visualisation"
        >
          {notes.map((label) => (
            <li key={label}>
              <span
                className="fr-badge fr-badge--sm fr-badge--no-icon"
                title="Ce jeu de données n’a pas ce champ : le filtre ne s’y applique pas."
              >
                Filtre {label} non applicable à ce jeu de données
              </span>
            </li>
          ))}
        </ul>
      )}
      <WidgetFrame
        widget={{ ...widget, query: spec }}
        result={spec === null ? null : result.data}
        status={status}
        error={
          result.error
            ? result.error instanceof ApiError
              ? result.error.message
              : 'Erreur inattendue.'
            : null
        }
        isRefreshing={result.isFetching && !!result.data}
        onRetry={() => void result.refetch()}
        height={height}
        headingLevel={2}
        {...(spec ? { exportQuery: spec } : {})}
        {...(onSelect && widget.type !== 'text'
          ? { onSelect: (s: WidgetSelection) => onSelect(widget.id, s) }
          : {})}
        selection={selection}
        onQueryChange={(next) => setPaging({ base, patch: { ...patch, ...next } })}
      />
    </div>
  );
}
