import { Select } from '@codegouvfr/react-dsfr/Select';
import { Tag } from '@codegouvfr/react-dsfr/Tag';
import type { FilterSpec, QuerySpec } from '@dataetat/widgets/react';
import type { DatasetSummary } from '../api/types.ts';
import type { BuilderDispatch } from './builderTypes.ts';
import type { SpecProblem } from './errorPath.ts';
import { FilterRow } from './FilterRow.tsx';
import { OPERATOR_LABELS, valueEditorFor } from './operators.ts';

interface Props {
  readonly idPrefix: string;
  readonly dataset: DatasetSummary;
  readonly query: QuerySpec;
  readonly dispatch: BuilderDispatch;
  readonly incomplete: readonly number[];
  readonly problem: SpecProblem | null;
}

/** « Dotation parmi DETR, DSIL » — a filter in one line, for the summary chips. */
export function describeFilter(filter: FilterSpec, dataset: DatasetSummary): string {
  const dim = dataset.dimensions.find((d) => d.id === filter.field);
  const field = dim?.label ?? filter.field;
  const values = (filter.values ?? []).map(String);
  const editor = valueEditorFor(filter.op, dim?.type ?? 'text');
  if (editor === 'none') return `${field} ${OPERATOR_LABELS[filter.op]}`;
  if (filter.op === 'last_n_years') return `${field} : ${values[0] ?? '…'} dernières années`;
  if (editor === 'year-range' || editor === 'date-range')
    return `${field} entre ${values[0] || '…'} et ${values[1] || '…'}`;
  return `${field} ${OPERATOR_LABELS[filter.op]} ${values.length > 0 ? values.join(', ') : '…'}`;
}

/** The filters: a summary, one row per filter, and a chooser to add one. */
export function FiltersSection({ idPrefix, dataset, query, dispatch, incomplete, problem }: Props) {
  const filters = query.filters ?? [];
  return (
    <div className="fr-mb-3w">
      {filters.length > 0 && (
        <ul className="fr-tags-group fr-mb-1w" aria-label="Résumé des filtres">
          {filters.map((filter, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: filters have no id; a row is its position.
            <li key={index}>
              <Tag small>{describeFilter(filter, dataset)}</Tag>
            </li>
          ))}
        </ul>
      )}
      {filters.length === 0 ? (
        <p className="fr-text--sm">Aucun filtre : toutes les lignes du jeu de données sont comptées.</p>
      ) : (
        <ul className="explorer-filters" aria-label="Filtres">
          {filters.map((filter, index) => {
            const target = problem?.target;
            const error =
              target?.control === 'filter' && target.index === index && problem
                ? { message: problem.message, part: target.part }
                : undefined;
            return (
              <FilterRow
                // biome-ignore lint/suspicious/noArrayIndexKey: filters have no id; a row is its position.
                key={index}
                idPrefix={idPrefix}
                dataset={dataset.id}
                index={index}
                filter={filter}
                field={dataset.dimensions.find((d) => d.id === filter.field)}
                dispatch={dispatch}
                incomplete={incomplete.includes(index)}
                error={error}
              />
            );
          })}
        </ul>
      )}
      <Select
        label="Ajouter un filtre"
        hint="Choisissez le champ à filtrer."
        nativeSelectProps={{
          id: `${idPrefix}-ajouter-filtre`,
          value: '',
          onChange: (event) => {
            if (event.target.value) dispatch({ kind: 'add-filter', field: event.target.value });
          },
        }}
      >
        <option value="">Choisir un champ…</option>
        {dataset.dimensions.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
