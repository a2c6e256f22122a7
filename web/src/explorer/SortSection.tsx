import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { QuerySpec } from '@dataetat/widgets/react';
import { useEffect, useState } from 'react';
import type { DatasetSummary } from '../api/types.ts';
import type { BuilderDispatch } from './builderTypes.ts';

/** The server's default row cap (DATAETAT_MAX_ROWS); a larger limit is cut and says so. */
export const MAX_LIMIT = 50_000;

interface Props {
  readonly idPrefix: string;
  readonly dataset: DatasetSummary;
  readonly query: QuerySpec;
  readonly dispatch: BuilderDispatch;
  readonly sortError?: string | undefined;
  readonly limitError?: string | undefined;
  readonly totalsError?: string | undefined;
}

/** Sort (one field, a direction), number of rows, grand total. */
export function SortSection({
  idPrefix,
  dataset,
  query,
  dispatch,
  sortError,
  limitError,
  totalsError,
}: Props) {
  const sort = query.sort?.[0];
  const fields = [
    ...query.measures.map((id) => ({ id, label: dataset.measures.find((m) => m.id === id)?.label ?? id })),
    ...(query.dimensions ?? []).map((id) => ({
      id,
      label: dataset.dimensions.find((d) => d.id === id)?.label ?? id,
    })),
  ];
  // The box keeps what is typed (an empty or half-typed number) while the spec gets valid limits only.
  const [limitText, setLimitText] = useState(query.limit === undefined ? '' : String(query.limit));
  useEffect(() => {
    setLimitText((text) =>
      Number(text) === query.limit ? text : query.limit === undefined ? '' : String(query.limit),
    );
  }, [query.limit]);
  const limitInvalid =
    limitText !== '' &&
    !(Number.isInteger(Number(limitText)) && Number(limitText) >= 1 && Number(limitText) <= MAX_LIMIT);
  const limitMessage = limitInvalid
    ? `Entrez un nombre entier entre 1 et ${MAX_LIMIT.toLocaleString('fr-FR')}.`
    : limitError;
  return (
    <>
      <div className="explorer-range">
        <Select
          label="Trier par"
          state={sortError ? 'error' : 'default'}
          stateRelatedMessage={sortError}
          nativeSelectProps={{
            id: `${idPrefix}-tri`,
            value: sort?.field ?? '',
            onChange: (e) =>
              dispatch({
                kind: 'sort',
                sort: e.target.value ? { field: e.target.value, dir: sort?.dir ?? 'desc' } : null,
              }),
          }}
        >
          <option value="">Ordre par défaut</option>
          {fields.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </Select>
        <Select
          label="Sens"
          disabled={!sort}
          nativeSelectProps={{
            id: `${idPrefix}-sens`,
            value: sort?.dir ?? 'desc',
            onChange: (e) =>
              sort &&
              dispatch({
                kind: 'sort',
                sort: { field: sort.field, dir: e.target.value === 'asc' ? 'asc' : 'desc' },
              }),
          }}
        >
          <option value="desc">Décroissant</option>
          <option value="asc">Croissant</option>
        </Select>
      </div>
      <Input
        label="Nombre maximal de lignes"
        hintText={`Vide : 1 000 lignes. Au plus ${MAX_LIMIT.toLocaleString('fr-FR')} ; un résultat coupé le signale.`}
        state={limitMessage ? 'error' : 'default'}
        stateRelatedMessage={limitMessage}
        nativeInputProps={{
          id: `${idPrefix}-limite`,
          type: 'number',
          min: 1,
          max: MAX_LIMIT,
          inputMode: 'numeric',
          value: limitText,
          onChange: (e) => {
            const text = e.target.value;
            setLimitText(text);
            const n = Number(text);
            if (text === '') dispatch({ kind: 'limit', limit: null });
            else if (Number.isInteger(n) && n >= 1 && n <= MAX_LIMIT) dispatch({ kind: 'limit', limit: n });
          },
        }}
      />
      <Checkbox
        small
        state={totalsError ? 'error' : 'default'}
        stateRelatedMessage={totalsError}
        options={[
          {
            label: 'Calculer le total général',
            hintText: 'Affiché sous les tableaux et dans les indicateurs.',
            nativeInputProps: {
              name: `${idPrefix}-totaux`,
              checked: query.totals === true,
              onChange: (e) => dispatch({ kind: 'totals', totals: e.target.checked }),
            },
          },
        ]}
      />
    </>
  );
}
