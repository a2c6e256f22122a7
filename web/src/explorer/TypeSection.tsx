import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import {
  pivotColumns,
  WIDGET_TYPE_INFO,
  type WidgetDefinition,
  type WidgetType,
} from '@dataetat/widgets/react';
import type { DatasetSummary } from '../api/types.ts';
import type { BuilderDispatch } from './builderTypes.ts';
import { type OptionField, optionFieldsFor } from './optionForm.ts';
import { type TypeChoice, TypeChooser } from './TypeChooser.tsx';

interface Props {
  readonly idPrefix: string;
  readonly widget: WidgetDefinition;
  readonly dataset: DatasetSummary;
  /** Types that fit the query's shape, in the registry's order. */
  readonly choices: readonly TypeChoice[];
  readonly suggested: WidgetType;
  /** The type the user picked, shown whenever the query can show it (see BuilderState). */
  readonly chosen?: WidgetType | null;
  readonly dispatch: BuilderDispatch;
}

/** The visual: only the types that can show this query, the suggested one marked; its options. */
export function TypeSection({
  idPrefix,
  widget,
  dataset,
  choices,
  suggested,
  chosen = null,
  dispatch,
}: Props) {
  const fields = optionFieldsFor(widget.type);
  return (
    <>
      <TypeChooser
        idPrefix={idPrefix}
        choices={choices}
        value={widget.type}
        suggested={suggested}
        waiting={chosen !== null && chosen !== widget.type ? WIDGET_TYPE_INFO[chosen].label : null}
        onChange={(type) => dispatch({ kind: 'type', type })}
      />
      {fields.length > 0 && (
        <fieldset className="fr-fieldset" aria-labelledby={`${idPrefix}-options-legende`}>
          <legend className="fr-fieldset__legend fr-text--regular" id={`${idPrefix}-options-legende`}>
            Options
          </legend>
          {fields.map((field) => (
            <div className="fr-fieldset__element" key={field.key}>
              <OptionControl
                idPrefix={idPrefix}
                field={field}
                value={widget.options[field.key]}
                measures={(widget.query?.measures ?? []).map((id) => ({
                  id,
                  label: dataset.measures.find((m) => m.id === id)?.label ?? id,
                }))}
                dimensions={(widget.query?.dimensions ?? []).map((id) => ({
                  id,
                  label: dataset.dimensions.find((d) => d.id === id)?.label ?? id,
                }))}
                onChange={(value) => dispatch({ kind: 'option', key: field.key, value })}
              />
            </div>
          ))}
        </fieldset>
      )}
    </>
  );
}

function OptionControl({
  idPrefix,
  field,
  value,
  measures,
  dimensions,
  onChange,
}: {
  readonly idPrefix: string;
  readonly field: OptionField;
  readonly value: unknown;
  readonly measures: readonly { readonly id: string; readonly label: string }[];
  readonly dimensions: readonly { readonly id: string; readonly label: string }[];
  /** undefined = back to the default (the key leaves the options). */
  readonly onChange: (value: unknown) => void;
}) {
  const id = `${idPrefix}-option-${field.key}`;
  switch (field.kind) {
    case 'boolean': {
      const checked = typeof value === 'boolean' ? value : field.default;
      return (
        <Checkbox
          small
          options={[
            {
              label: field.label,
              ...(field.hint ? { hintText: field.hint } : {}),
              nativeInputProps: {
                checked,
                onChange: (e) => onChange(e.target.checked === field.default ? undefined : e.target.checked),
              },
            },
          ]}
        />
      );
    }
    case 'choice':
      return (
        <Select
          label={field.label}
          hint={field.hint}
          nativeSelectProps={{
            id,
            value: typeof value === 'string' || typeof value === 'number' ? String(value) : field.default,
            onChange: (e) => {
              const picked = e.target.value;
              if (picked === field.default) onChange(undefined);
              else onChange(field.numeric ? Number(picked) : picked);
            },
          }}
        >
          {field.choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
      );
    case 'integer':
      return (
        <Input
          label={field.label}
          hintText={`${field.hint ? `${field.hint} ` : ''}Entre ${field.min} et ${field.max} (par défaut ${field.default}).`}
          nativeInputProps={{
            id,
            type: 'number',
            min: field.min,
            max: field.max,
            inputMode: 'numeric',
            value: typeof value === 'number' ? value : field.default,
            onChange: (e) => {
              const n = Number(e.target.value);
              const ok = e.target.value !== '' && Number.isInteger(n) && n >= field.min && n <= field.max;
              onChange(ok && n !== field.default ? n : undefined);
            },
          }}
        />
      );
    case 'number':
      return (
        <Input
          label={field.label}
          hintText={[field.hint, field.default !== undefined ? `Par défaut ${field.default}.` : null]
            .filter(Boolean)
            .join(' ')}
          nativeInputProps={{
            id,
            type: 'number',
            step: 'any',
            inputMode: 'decimal',
            value: typeof value === 'number' ? value : '',
            placeholder: field.default !== undefined ? String(field.default) : undefined,
            onChange: (e) => {
              const n = Number(e.target.value);
              onChange(e.target.value !== '' && Number.isFinite(n) && n !== field.default ? n : undefined);
            },
          }}
        />
      );
    case 'dimension-list': {
      // Unset shows what the pivot draws by default (the year in columns); « Aucune » stores [].
      const effective = Array.isArray(value) ? value : pivotColumns(dimensions.map((d) => d.id));
      const chosen = typeof effective[0] === 'string' ? effective[0] : '';
      return (
        <Select
          label={field.label}
          hint={field.hint}
          nativeSelectProps={{
            id,
            value: chosen,
            onChange: (e) => onChange(e.target.value === '' ? [] : [e.target.value]),
          }}
        >
          <option value="">Aucune (une colonne par mesure)</option>
          {dimensions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </Select>
      );
    }
    case 'measure':
      return (
        <Select
          label={field.label}
          nativeSelectProps={{
            id,
            value: typeof value === 'string' ? value : '',
            onChange: (e) => onChange(e.target.value === '' ? undefined : e.target.value),
          }}
        >
          <option value="">La première mesure</option>
          {measures.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </Select>
      );
  }
}
