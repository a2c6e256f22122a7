import { type DashboardDatasetInfo, type DashboardFilter, formatYears } from '@dataetat/widgets';
import {
  useWidgetData,
  type WidgetDefinition,
  WidgetFrame,
  type WidgetSelection,
} from '@dataetat/widgets/react';
import { useMemo } from 'react';
import { useQuartierCommunes } from './useQuartierCommunes.ts';
import { currentTerritory, type ViewState } from './viewState.ts';
import { scopeOf } from './widgetQuery.ts';

export interface DashboardWidgetProps {
  readonly widget: WidgetDefinition;
  readonly view: ViewState;
  readonly filters: readonly DashboardFilter[];
  readonly catalogue: readonly DashboardDatasetInfo[];
  /** Pixel height of the visual (with `fill`, until the frame has measured its room). */
  readonly height: number;
  /** The widget fills its container, of definite height (a grid cell, a filled embed): see `WidgetFrame`. */
  readonly fill?: boolean;
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
  fill = false,
  onSelect,
  fieldLabel,
}: DashboardWidgetProps) {
  const quartierCommunes = useQuartierCommunes(
    widget.type === 'map' && currentTerritory(view)?.level === 'commune',
  );
  const scope = useMemo(
    () => scopeOf(view, filters, catalogue, quartierCommunes),
    [view, filters, catalogue, quartierCommunes],
  );
  const data = useWidgetData(widget, scope);
  const selection = view.selections.find((s) => s.widgetId === widget.id) ?? null;
  const labelOf = (id: string) => filters.find((f) => f.id === id)?.label ?? id;
  const notes = [
    ...[
      ...data.notApplicable.map(labelOf),
      ...data.selectionsNotApplicable.map((s) => `${fieldLabel(s.field)} (sélection)`),
    ].map((label) => ({
      text: `Filtre ${label} non applicable à ce jeu de données`,
      title: 'Ce jeu de données n’a pas ce champ : le filtre ne s’y applique pas.',
    })),
    // « Ce jeu couvre 2019 : le filtre Années 2021–2023 ne s'applique pas »
    ...data.outOfCoverage.map(({ id, asked, covered }) => ({
      text: `Ce jeu couvre ${formatYears(covered)} : le filtre ${labelOf(id)} ${formatYears(asked)} ne s’applique pas`,
      title:
        'Aucune des années demandées n’est dans ce jeu de données : il est montré sur toutes ses années.',
    })),
  ];
  return (
    <div className="dashboard-widget" data-widget-id={widget.id}>
      {data.notice && (
        <p className="fr-text--xs fr-mb-1v dashboard-widget__notice" role="note" data-testid="widget-notice">
          <span className="fr-icon-info-line fr-icon--sm fr-mr-1v" aria-hidden="true" />
          {data.notice}
        </p>
      )}
      {notes.length > 0 && (
        <ul
          className="fr-badges-group dashboard-widget__notes"
          aria-label="Filtres sans effet sur cette visualisation"
        >
          {notes.map((note) => (
            <li key={note.text}>
              <span className="fr-badge fr-badge--sm fr-badge--no-icon" title={note.title}>
                {note.text}
              </span>
            </li>
          ))}
        </ul>
      )}
      <WidgetFrame
        {...data.frame}
        height={height}
        fill={fill}
        headingLevel={2}
        {...(onSelect && widget.type !== 'text'
          ? { onSelect: (s: WidgetSelection) => onSelect(widget.id, s) }
          : {})}
        selection={selection}
      />
    </div>
  );
}
