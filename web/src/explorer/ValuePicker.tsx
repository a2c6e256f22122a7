import { Tag } from '@codegouvfr/react-dsfr/Tag';
import { formatInteger } from '@dataetat/widgets/react';
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { useFieldValues } from '../api/hooks.ts';
import type { DatasetDimension, FieldValue } from '../api/types.ts';
import type { FilterValue } from './specState.ts';
import { useDebounced } from './useDebounced.ts';

interface Props {
  readonly dataset: string;
  readonly field: DatasetDimension;
  readonly values: readonly FilterValue[];
  /** One value (« est ») or several (« parmi »). */
  readonly multiple: boolean;
  readonly onChange: (values: readonly FilterValue[]) => void;
  /** Server error about these values. */
  readonly error?: string | undefined;
}

const PAGE = 30;

/**
 * Autocomplete picker over a field's distinct values (ARIA 1.2 combobox + listbox): the server
 * searches codes and labels, ignoring accents and case; the most frequent values come first with
 * their number of rows. Chosen values are dismissible tags.
 */
export function ValuePicker({ dataset, field, values, multiple, onChange, error }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useDebounced(text, 250);
  const options = useFieldValues(dataset, field.id, { q: search, limit: PAGE }, open);
  // Labels seen in any answer, so chosen codes keep a name after the search changes.
  const labels = useRef(new Map<string, string>());
  const found = options.data?.values ?? [];
  for (const v of found) if (v.value !== null && v.label) labels.current.set(String(v.value), v.label);

  const listId = `${id}-liste`;
  const hintId = `${id}-aide`;
  const errorId = `${id}-erreur`;
  const isChosen = (v: FieldValue['value']) => values.some((x) => String(x) === String(v));

  const toggle = (value: FieldValue['value']) => {
    if (value === null) return;
    if (isChosen(value)) onChange(values.filter((x) => String(x) !== String(value)));
    else onChange(multiple ? [...values, value] : [value]);
    if (!multiple) setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (found.length === 0 ? -1 : (i + step + found.length) % found.length));
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      const option = found[active];
      if (option) toggle(option.value);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Backspace' && text === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  const activeId = open && active >= 0 && found[active] ? `${id}-option-${active}` : undefined;
  const count = found.length;
  const status = !open
    ? ''
    : options.isFetching && count === 0
      ? 'Recherche…'
      : count === 0
        ? 'Aucune valeur ne correspond.'
        : `${count} valeur${count > 1 ? 's' : ''}${options.data?.truncated ? ' affichées, précisez la recherche pour en voir d’autres' : ''}.`;

  return (
    <div className={`fr-input-group explorer-picker${error ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={id}>
        {multiple ? `Valeurs de « ${field.label} »` : `Valeur de « ${field.label} »`}
        <span className="fr-hint-text" id={hintId}>
          Tapez pour chercher (code ou nom, sans tenir compte des accents) ; ↓ ↑ pour parcourir, Entrée pour
          choisir.
        </span>
      </label>
      {values.length > 0 && (
        <ul className="fr-tags-group fr-mt-1w" aria-label={`Valeurs choisies pour « ${field.label} »`}>
          {values.map((value) => {
            const name = labels.current.get(String(value));
            return (
              <li key={String(value)}>
                <ChosenTag
                  dataset={dataset}
                  field={field.id}
                  labelled={field.hasLabels !== false}
                  value={value}
                  knownLabel={name}
                  onRemove={() => {
                    onChange(values.filter((x) => x !== value));
                    input.current?.focus();
                  }}
                />
              </li>
            );
          })}
        </ul>
      )}
      <div className="explorer-picker__box">
        <input
          ref={input}
          id={id}
          className={`fr-input${error ? ' fr-input--error' : ''}`}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-describedby={`${hintId}${error ? ` ${errorId}` : ''}`}
          {...(activeId ? { 'aria-activedescendant': activeId } : {})}
          placeholder={multiple ? 'Chercher et ajouter des valeurs' : 'Chercher une valeur'}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <div
          id={listId}
          role="listbox"
          aria-multiselectable={multiple}
          aria-label={`Valeurs de « ${field.label} »`}
          className="explorer-picker__list"
          hidden={!open || count === 0}
        >
          {found.map((option, index) => (
            // The combobox pattern (ARIA 1.2): options are reached with the arrow keys from the input
            // (aria-activedescendant), never focused themselves; the click is for pointer users.
            // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the combobox input.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys (↓ ↑ Entrée).
            <div
              key={String(option.value)}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={isChosen(option.value)}
              className={`explorer-picker__option${index === active ? ' explorer-picker__option--active' : ''}`}
              // Keep the focus in the input: the click must not blur it first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => toggle(option.value)}
            >
              <span aria-hidden="true" className="explorer-picker__check">
                {isChosen(option.value) ? '✓' : ''}
              </span>
              <span className="explorer-picker__name">
                {option.label ?? String(option.value ?? '(vide)')}
                {option.label && <span className="explorer-picker__code"> {String(option.value)}</span>}
              </span>
              {option.count !== null && (
                <span className="explorer-picker__count">{formatInteger(option.count)} lignes</span>
              )}
            </div>
          ))}
        </div>
      </div>
      <p className="fr-sr-only" aria-live="polite">
        {status}
      </p>
      {error && (
        <p className="fr-error-text" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A chosen value; its label is looked up when it was never shown (a restored link). */
function ChosenTag({
  dataset,
  field,
  labelled,
  value,
  knownLabel,
  onRemove,
}: {
  readonly dataset: string;
  readonly field: string;
  /** The field's codes have names worth looking up. */
  readonly labelled: boolean;
  readonly value: FilterValue;
  readonly knownLabel: string | undefined;
  readonly onRemove: () => void;
}) {
  const lookup = useFieldValues(
    dataset,
    field,
    { q: String(value), limit: 10 },
    labelled && knownLabel === undefined,
  );
  const label =
    knownLabel ?? lookup.data?.values.find((v) => String(v.value) === String(value))?.label ?? undefined;
  const text = label ? `${label} (${String(value)})` : String(value);
  return (
    <Tag small dismissible nativeButtonProps={{ onClick: onRemove, title: `Retirer ${text}` }}>
      {text}
    </Tag>
  );
}
