import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { QuerySpec } from '@dataetat/widgets/react';
import { useRef } from 'react';
import type { DatasetDimension, DatasetSummary } from '../api/types.ts';
import type { BuilderDispatch } from './builderTypes.ts';

const FORMAT_HINTS: Record<string, string> = {
  eur: 'en euros',
  integer: 'nombre entier',
  number: 'nombre',
  percent: 'pourcentage',
  year: 'année',
  text: 'texte',
};

const TYPE_HINTS: Record<string, string> = {
  geo: 'territoire',
  year: 'année',
  date: 'date',
  code: 'code',
  text: 'texte',
  tags: 'étiquettes',
  coordinate: 'coordonnée (degrés)',
};

const LEVEL_HINTS: Record<string, string> = {
  region: 'région',
  departement: 'département',
  epci: 'EPCI',
  commune: 'commune',
  qpv: 'quartier prioritaire',
};

/** « territoire, niveau département » — what kind of dimension this is. */
export function dimensionHint(dim: DatasetDimension): string {
  const type = TYPE_HINTS[dim.type] ?? dim.type;
  return dim.level ? `${type}, niveau ${LEVEL_HINTS[dim.level] ?? dim.level}` : type;
}

/** Marks a move button so the focus can follow its row after the move. */
const moveData = (id: string, which: 'haut' | 'bas'): Record<`data-${string}`, string> => ({
  'data-dimension': id,
  'data-move': which,
});

interface Props {
  readonly idPrefix: string;
  readonly dataset: DatasetSummary;
  readonly query: QuerySpec;
  readonly dispatch: BuilderDispatch;
  readonly measuresError?: string | undefined;
  readonly dimensionsError?: string | undefined;
}

/** Measures (what is counted) and dimensions (by what), the latter in an order the user sets. */
export function FieldsSection({ idPrefix, dataset, query, dispatch, measuresError, dimensionsError }: Props) {
  return (
    <>
      <Checkbox
        legend="Mesures"
        hintText="Ce que le widget compte ou additionne."
        small
        state={measuresError ? 'error' : 'default'}
        stateRelatedMessage={measuresError}
        options={dataset.measures.map((m) => ({
          label: m.label,
          hintText: `${FORMAT_HINTS[m.format] ?? m.format}${m.additive === false ? ', recalculé à chaque niveau' : ''}`,
          nativeInputProps: {
            name: `${idPrefix}-mesures`,
            value: m.id,
            checked: query.measures.includes(m.id),
            onChange: () => dispatch({ kind: 'toggle-measure', id: m.id }),
          },
        }))}
      />
      <DimensionsField
        idPrefix={idPrefix}
        dataset={dataset}
        dimensions={query.dimensions ?? []}
        dispatch={dispatch}
        error={dimensionsError}
      />
    </>
  );
}

function DimensionsField({
  idPrefix,
  dataset,
  dimensions,
  dispatch,
  error,
}: {
  readonly idPrefix: string;
  readonly dataset: DatasetSummary;
  readonly dimensions: readonly string[];
  readonly dispatch: BuilderDispatch;
  readonly error?: string | undefined;
}) {
  const list = useRef<HTMLOListElement>(null);
  const available = dataset.dimensions.filter((d) => !dimensions.includes(d.id));
  const labelOf = (id: string) => dataset.dimensions.find((d) => d.id === id);
  const errorId = `${idPrefix}-dimensions-erreur`;
  // After a move, keep the focus on the same button of the moved row, so ↑ can be pressed again.
  const moveAndFocus = (id: string, delta: -1 | 1, which: 'haut' | 'bas') => {
    dispatch({ kind: 'move-dimension', id, delta });
    requestAnimationFrame(() => {
      const button = list.current?.querySelector<HTMLButtonElement>(
        `[data-dimension="${id}"][data-move="${which}"]`,
      );
      if (button && !button.disabled) button.focus();
      else
        list.current
          ?.querySelector<HTMLButtonElement>(`[data-dimension="${id}"][data-move]:not(:disabled)`)
          ?.focus();
    });
  };
  return (
    <fieldset
      className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      aria-labelledby={`${idPrefix}-dimensions-legende`}
      {...(error ? { 'aria-describedby': errorId } : {})}
    >
      <legend className="fr-fieldset__legend fr-text--regular" id={`${idPrefix}-dimensions-legende`}>
        Dimensions
        <span className="fr-hint-text">
          Par quoi ventiler. L’ordre compte : la première forme l’axe ou les lignes.
        </span>
      </legend>
      <div className="fr-fieldset__element">
        {dimensions.length === 0 ? (
          <p className="fr-text--sm fr-mb-2w">Aucune dimension : le widget montre un total.</p>
        ) : (
          <ol
            className="explorer-dimensions fr-mb-2w"
            ref={list}
            aria-label="Dimensions choisies, dans l’ordre"
          >
            {dimensions.map((id, index) => {
              const dim = labelOf(id);
              const label = dim?.label ?? id;
              return (
                <li key={id} className="explorer-dimensions__item">
                  <span className="explorer-dimensions__label">
                    <span className="fr-text--bold">{label}</span>
                    {dim && <span className="fr-hint-text fr-mt-0">{dimensionHint(dim)}</span>}
                  </span>
                  <span className="explorer-dimensions__actions">
                    <Button
                      size="small"
                      priority="tertiary"
                      iconId="fr-icon-arrow-up-line"
                      title={`Monter « ${label} »`}
                      disabled={index === 0}
                      nativeButtonProps={moveData(id, 'haut')}
                      onClick={() => moveAndFocus(id, -1, 'haut')}
                    />
                    <Button
                      size="small"
                      priority="tertiary"
                      iconId="fr-icon-arrow-down-line"
                      title={`Descendre « ${label} »`}
                      disabled={index === dimensions.length - 1}
                      nativeButtonProps={moveData(id, 'bas')}
                      onClick={() => moveAndFocus(id, 1, 'bas')}
                    />
                    <Button
                      size="small"
                      priority="tertiary"
                      iconId="fr-icon-close-line"
                      title={`Retirer « ${label} »`}
                      onClick={() => dispatch({ kind: 'remove-dimension', id })}
                    />
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        {available.length > 0 && (
          <Select
            label="Ajouter une dimension"
            nativeSelectProps={{
              id: `${idPrefix}-ajouter-dimension`,
              value: '',
              onChange: (event) => {
                if (event.target.value) dispatch({ kind: 'add-dimension', id: event.target.value });
              },
            }}
          >
            <option value="">Choisir…</option>
            {available.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label} ({dimensionHint(d)})
              </option>
            ))}
          </Select>
        )}
      </div>
      {error && (
        <div className="fr-messages-group" id={errorId} aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}
