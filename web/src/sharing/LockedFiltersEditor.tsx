import type { DashboardDatasetInfo, DashboardFilter } from '@dataetat/widgets';
import { useId } from 'react';
import { Chip, FilterControls, yearsText } from '../dashboards/FiltersBar.tsx';
import { EMPTY_VIEW, hasActiveFilters, type ViewState } from '../dashboards/viewState.ts';

/**
 * Values a link or an embed imposes, chosen with the dashboard's own filter pickers: whoever
 * opens it sees only these (the server ANDs them to every query).
 */
export function LockedFiltersEditor({
  filters,
  datasets,
  view,
  onChange,
}: {
  filters: readonly DashboardFilter[];
  datasets: readonly DashboardDatasetInfo[];
  view: ViewState;
  onChange: (view: ViewState) => void;
}) {
  const legendId = useId();
  if (filters.length === 0)
    return (
      <p className="fr-text--sm">
        Ce tableau de bord n’a pas de filtre global : aucune valeur ne peut être imposée.
      </p>
    );
  const labelOf = (kind: DashboardFilter['kind']) => filters.find((f) => f.kind === kind)?.label ?? kind;
  const territory = view.territoire.at(-1);
  return (
    <fieldset className="fr-fieldset share-locked" aria-labelledby={legendId}>
      <legend id={legendId} className="fr-fieldset__legend fr-text--md fr-mb-1w">
        Valeurs imposées (facultatif)
        <span className="fr-hint-text">
          Les personnes qui ouvrent le lien ne verront que ces valeurs et ne pourront pas les retirer.
        </span>
      </legend>
      <div className="share-locked__controls">
        <FilterControls filters={filters} view={view} onChange={onChange} datasets={datasets} />
      </div>
      {hasActiveFilters(view) ? (
        <ul className="fr-tags-group share-locked__chosen" aria-label="Valeurs imposées">
          {view.annee.length > 0 && (
            <Chip
              text={`${labelOf('annee')} : ${yearsText(view.annee)}`}
              onRemove={() => onChange({ ...view, annee: [] })}
            />
          )}
          {territory && (
            <Chip
              text={`${labelOf('territoire')} : ${territory.label}`}
              onRemove={() => onChange({ ...view, territoire: [] })}
            />
          )}
          {(['programme', 'beneficiaire', 'tags'] as const).flatMap((kind) =>
            view[kind].map((value) => (
              <Chip
                key={`${kind}-${value.code}`}
                text={`${labelOf(kind)} : ${value.label}`}
                onRemove={() =>
                  onChange({ ...view, [kind]: view[kind].filter((c) => c.code !== value.code) })
                }
              />
            )),
          )}
          <li>
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
              onClick={() => onChange(EMPTY_VIEW)}
            >
              Ne rien imposer
            </button>
          </li>
        </ul>
      ) : (
        <p className="fr-text--sm fr-mb-0">
          Aucune valeur imposée : le lien montre tout ce que vous pouvez voir vous-même.
        </p>
      )}
    </fieldset>
  );
}
