import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { FilterSpec } from '@dataetat/widgets/react';
import type { DatasetDimension } from '../api/types.ts';
import type { BuilderDispatch } from './builderTypes.ts';
import type { ErrorTarget } from './errorPath.ts';
import { OPERATOR_LABELS, operatorsFor, type ValueEditor, valueEditorFor } from './operators.ts';
import type { FilterValue } from './specState.ts';
import { ValuePicker } from './ValuePicker.tsx';

interface Props {
  readonly idPrefix: string;
  readonly dataset: string;
  readonly index: number;
  readonly filter: FilterSpec;
  readonly field: DatasetDimension | undefined;
  readonly dispatch: BuilderDispatch;
  /** Still waiting for its values: not sent yet. */
  readonly incomplete: boolean;
  readonly error?: {
    readonly message: string;
    readonly part: Extract<ErrorTarget, { control: 'filter' }>['part'];
  };
}

/** One filter: field, operator offered by the field type, values, and a way to remove it. */
export function FilterRow({ idPrefix, dataset, index, filter, field, dispatch, incomplete, error }: Props) {
  const type = field?.type ?? 'text';
  const label = field?.label ?? filter.field;
  const editor = valueEditorFor(filter.op, type);
  const values = filter.values ?? [];
  const rowId = `${idPrefix}-filtre-${index}`;
  const setValues = (next: readonly FilterValue[]) =>
    dispatch({ kind: 'filter-values', index, values: next });
  const opError = error && (error.part === 'op' || error.part === 'field') ? error.message : undefined;
  const valuesError = error && (error.part === 'values' || error.part === 'row') ? error.message : undefined;
  const ops = operatorsFor(type);
  return (
    <li
      className="explorer-filter fr-p-2w fr-mb-2w"
      data-testid={`filtre-${index}`}
      aria-labelledby={`${rowId}-titre`}
    >
      <div className="explorer-filter__head">
        <p className="fr-text--bold fr-mb-0" id={`${rowId}-titre`}>
          {label}
        </p>
        <Button
          size="small"
          priority="tertiary no outline"
          iconId="fr-icon-delete-line"
          iconPosition="left"
          onClick={() => dispatch({ kind: 'remove-filter', index })}
          title={`Supprimer le filtre sur « ${label} »`}
        >
          Supprimer
        </Button>
      </div>
      <Select
        label="Condition"
        state={opError ? 'error' : 'default'}
        stateRelatedMessage={opError}
        nativeSelectProps={{
          id: `${rowId}-operateur`,
          value: filter.op,
          onChange: (event) => {
            const op = ops.find((o) => o === event.target.value);
            if (op) dispatch({ kind: 'filter-op', index, op });
          },
        }}
      >
        {(ops.includes(filter.op) ? ops : [filter.op, ...ops]).map((op) => (
          <option key={op} value={op}>
            {OPERATOR_LABELS[op]}
          </option>
        ))}
      </Select>
      {field && (
        <div className="explorer-filter__values">
          <ValuesEditor
            rowId={rowId}
            editor={editor}
            dataset={dataset}
            field={field}
            values={values}
            onChange={setValues}
            error={valuesError}
          />
        </div>
      )}
      {incomplete && !valuesError && (
        <p className="fr-info-text fr-mt-1w fr-mb-0">
          {editor === 'pick-many' ? 'Choisissez au moins une valeur' : 'Complétez la valeur'} : ce filtre
          n’est pas encore appliqué.
        </p>
      )}
    </li>
  );
}

function ValuesEditor({
  rowId,
  editor,
  dataset,
  field,
  values,
  onChange,
  error,
}: {
  readonly rowId: string;
  readonly editor: ValueEditor;
  readonly dataset: string;
  readonly field: DatasetDimension;
  readonly values: readonly FilterValue[];
  readonly onChange: (values: readonly FilterValue[]) => void;
  readonly error: string | undefined;
}) {
  const state = error ? ('error' as const) : ('default' as const);
  const at = (i: number) => (values[i] === undefined ? '' : String(values[i]));
  const setAt = (i: number, value: FilterValue) => {
    const next = [...values];
    while (next.length <= i) next.push('');
    next[i] = value;
    onChange(next);
  };
  // Years are numbers in specs; an empty box is kept as '' so the row stays incomplete.
  const year = (text: string): FilterValue => (text === '' ? '' : Number(text));
  switch (editor) {
    case 'none':
      return null;
    case 'pick-one':
    case 'pick-many':
      return (
        <ValuePicker
          dataset={dataset}
          field={field}
          values={values}
          multiple={editor === 'pick-many'}
          onChange={onChange}
          error={error}
        />
      );
    case 'text':
      return (
        <Input
          label="Texte recherché"
          hintText="Sans tenir compte des majuscules ni des accents pour « contient »."
          state={state}
          stateRelatedMessage={error}
          nativeInputProps={{
            id: `${rowId}-texte`,
            value: at(0),
            onChange: (e) => onChange([e.target.value]),
          }}
        />
      );
    case 'count':
      return (
        <Input
          label="Nombre d’années"
          hintText="L’année en cours comprise."
          state={state}
          stateRelatedMessage={error}
          nativeInputProps={{
            id: `${rowId}-annees`,
            type: 'number',
            min: 1,
            max: 200,
            inputMode: 'numeric',
            value: at(0),
            onChange: (e) => onChange([year(e.target.value)]),
          }}
        />
      );
    case 'year':
      return (
        <Input
          label="Année"
          state={state}
          stateRelatedMessage={error}
          nativeInputProps={{
            id: `${rowId}-annee`,
            type: 'number',
            min: 1900,
            max: 2100,
            inputMode: 'numeric',
            value: at(0),
            onChange: (e) => onChange([year(e.target.value)]),
          }}
        />
      );
    case 'year-range':
      return (
        <div className="explorer-range">
          {(['De', 'À'] as const).map((label, i) => (
            <Input
              key={label}
              label={`${label} (année)`}
              state={state}
              stateRelatedMessage={i === 1 ? error : undefined}
              nativeInputProps={{
                id: `${rowId}-annee-${i}`,
                type: 'number',
                min: 1900,
                max: 2100,
                inputMode: 'numeric',
                value: at(i),
                onChange: (e) => setAt(i, year(e.target.value)),
              }}
            />
          ))}
        </div>
      );
    case 'date':
      return (
        <Input
          label="Date"
          state={state}
          stateRelatedMessage={error}
          nativeInputProps={{
            id: `${rowId}-date`,
            type: 'date',
            value: at(0),
            onChange: (e) => onChange([e.target.value]),
          }}
        />
      );
    case 'date-range':
      return (
        <div className="explorer-range">
          {(['Du', 'Au'] as const).map((label, i) => (
            <Input
              key={label}
              label={label}
              state={state}
              stateRelatedMessage={i === 1 ? error : undefined}
              nativeInputProps={{
                id: `${rowId}-date-${i}`,
                type: 'date',
                value: at(i),
                onChange: (e) => setAt(i, e.target.value),
              }}
            />
          ))}
        </div>
      );
  }
}
