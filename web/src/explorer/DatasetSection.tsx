import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { DatasetSummary } from '../api/types.ts';
import { DatasetFacts } from '../components/DatasetFacts.tsx';
import type { BuilderDispatch } from './builderTypes.ts';

interface Props {
  readonly idPrefix: string;
  readonly datasets: readonly DatasetSummary[];
  readonly selected: DatasetSummary | undefined;
  /** The id in the query, even when it is not in the catalogue (a hand-written definition). */
  readonly selectedId: string | undefined;
  readonly dispatch: BuilderDispatch;
  readonly error?: string | undefined;
}

/** Which dataset the widget reads, with what an agent must know about it before trusting it. */
export function DatasetSection({ idPrefix, datasets, selected, selectedId, dispatch, error }: Props) {
  const unknown = selectedId !== undefined && selected === undefined && datasets.length > 0;
  const message = error ?? (unknown ? `Le jeu de données « ${selectedId} » n’existe pas.` : undefined);
  return (
    <div className="fr-mb-3w">
      <Select
        label="Jeu de données"
        hint="Les mesures, dimensions et filtres proposés en dépendent."
        state={message ? 'error' : 'default'}
        stateRelatedMessage={message}
        nativeSelectProps={{
          id: `${idPrefix}-jeu`,
          value: selected?.id ?? '',
          onChange: (event) => {
            const dataset = datasets.find((d) => d.id === event.target.value);
            if (dataset) dispatch({ kind: 'dataset', dataset });
          },
        }}
      >
        <option value="" disabled>
          Choisissez un jeu de données
        </option>
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
            {d.demo ? ' (démonstration)' : ''}
          </option>
        ))}
      </Select>
      {selected && (
        <div className="explorer-dataset fr-p-2w" data-testid="explorer-dataset">
          {selected.demo && (
            <Badge severity="warning" small className="fr-mb-1w">
              Données de démonstration
            </Badge>
          )}
          <p className="fr-text--sm fr-mb-1w">{selected.description}</p>
          <DatasetFacts dataset={selected} />
        </div>
      )}
    </div>
  );
}
