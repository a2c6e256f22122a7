import type { DashboardDatasetInfo, DashboardFilter } from '@dataetat/widgets';
import {
  useWidgetData,
  type WidgetDefinition,
  WidgetFrame,
  type WidgetSelection,
} from '@dataetat/widgets/react';
import { useMemo } from 'react';
import type { ViewState } from './viewState.ts';
import { scopeOf } from './widgetQuery.ts';

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

/**
 * One dashboard widget: its data in the dashboard's scope (`useWidgetData`: widgets a filter does
 * not touch keep their result, identical queries share one request), the filters that cannot
 * apply to its dataset, and the frame.
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
  const scope = useMemo(() => scopeOf(view, filters, catalogue), [view, filters, catalogue]);
  const data = useWidgetData(widget, scope);
  const selection = view.selections.find((s) => s.widgetId === widget.id) ?? null;
  const notes = [
    ...data.notApplicable.map((id) => filters.find((f) => f.id === id)?.label ?? id),
    ...data.selectionsNotApplicable.map((s) => `${fieldLabel(s.field)} (sélection)`),
  ];
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
        {...data.frame}
        height={height}
        headingLevel={2}
        {...(onSelect && widget.type !== 'text'
          ? { onSelect: (s: WidgetSelection) => onSelect(widget.id, s) }
          : {})}
        selection={selection}
      />
    </div>
  );
}
