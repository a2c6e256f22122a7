import type { DashboardDatasetInfo } from '@dataetat/widgets';
import { useId } from 'react';
import type { HostFilter } from '../api/sharingTypes.ts';
import { lockedFieldLabel } from './lockedFilters.ts';

/** Fields a host page may filter on: the global filters' fields the dashboard's datasets have. */
const HOST_FIELDS = [
  'annee',
  'region',
  'departement',
  'epci',
  'commune',
  'programme',
  'beneficiaire',
  'tags',
];

export interface HostFilterDraft {
  readonly field: string;
  /** Allowed values as typed, separated by commas; empty = any value. */
  readonly values: string;
}

export function hostFieldsOf(datasets: readonly DashboardDatasetInfo[]): string[] {
  return HOST_FIELDS.filter((field) => datasets.some((d) => d.dimensions.some((dim) => dim.id === field)));
}

/** The drafts as the API takes them (years as numbers). */
export function hostFiltersOf(drafts: readonly HostFilterDraft[]): HostFilter[] {
  return drafts.map((draft) => {
    const values = draft.values
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '')
      .map((v) => (draft.field === 'annee' && /^\d{4}$/.test(v) ? Number(v) : v));
    return values.length > 0 ? { field: draft.field, values } : { field: draft.field };
  });
}

/**
 * « Filtres que la page d’accueil peut appliquer »: one checkbox per field, and the values it
 * may choose among (none typed = any). Locked values still apply on top.
 */
export function HostFiltersEditor({
  datasets,
  drafts,
  onChange,
}: {
  datasets: readonly DashboardDatasetInfo[];
  drafts: readonly HostFilterDraft[];
  onChange: (drafts: HostFilterDraft[]) => void;
}) {
  const id = useId();
  const fields = hostFieldsOf(datasets);
  if (fields.length === 0) return null;
  return (
    <fieldset className="fr-fieldset share-host" aria-labelledby={`${id}-legende`}>
      <legend id={`${id}-legende`} className="fr-fieldset__legend fr-text--md fr-mb-1w">
        Filtres que la page d’accueil peut appliquer (facultatif)
        <span className="fr-hint-text">
          Par l’attribut filters ou l’événement dataetat:filter. Les valeurs imposées restent appliquées.
        </span>
      </legend>
      {fields.map((field) => {
        const draft = drafts.find((d) => d.field === field);
        const boxId = `${id}-${field}`;
        return (
          <div key={field} className="share-host__row">
            <div className="fr-checkbox-group fr-checkbox-group--sm">
              <input
                id={boxId}
                type="checkbox"
                checked={draft !== undefined}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? [...drafts, { field, values: '' }]
                      : drafts.filter((d) => d.field !== field),
                  )
                }
              />
              <label className="fr-label" htmlFor={boxId}>
                {lockedFieldLabel(field)}
              </label>
            </div>
            {draft && (
              <div className="fr-input-group fr-mb-0 share-host__values">
                <label className="fr-label fr-text--sm" htmlFor={`${boxId}-valeurs`}>
                  Valeurs permises pour {lockedFieldLabel(field).toLowerCase()}
                  <span className="fr-hint-text">Codes séparés par des virgules ; vide = toutes</span>
                </label>
                <input
                  id={`${boxId}-valeurs`}
                  className="fr-input"
                  value={draft.values}
                  maxLength={2000}
                  onChange={(e) =>
                    onChange(drafts.map((d) => (d.field === field ? { field, values: e.target.value } : d)))
                  }
                />
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
