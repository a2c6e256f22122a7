import { useId, useRef, useState } from 'react';
import { useFieldValues, useReferenceValues } from '../api/hooks.ts';
import { useDebounced } from '../explorer/useDebounced.ts';
import type { CodeLabel } from './viewState.ts';

/** Where the choices come from: a reference list (COG, LOLF) or a dataset field's values. */
export type PickerSource =
  | {
      readonly kind: 'reference';
      readonly reference: string;
      readonly parents?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'values'; readonly dataset: string; readonly field: string };

export interface SearchPickerProps {
  readonly label: string;
  /** Shown when empty, as an example of what to type (the label stays the accessible name). */
  readonly placeholder?: string;
  /** Visually hide the label (a legend above already says it). */
  readonly labelHidden?: boolean;
  readonly source: PickerSource | null;
  readonly onPick: (value: CodeLabel) => void;
  /** Codes already chosen: shown as such, not offered again. */
  readonly chosen?: readonly string[];
  /** Show codes before labels (programmes: « 0380 — Fonds vert »). */
  readonly showCode?: boolean;
}

const LIMIT = 8;

/**
 * A search field with a list of matches under it (accent-insensitive search on the server).
 * The matches are plain buttons: Tab goes through them, Entrée picks, Échap closes.
 */
export function SearchPicker({
  label,
  placeholder,
  labelHidden = false,
  source,
  onPick,
  chosen = [],
  showCode = false,
}: SearchPickerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(text, 200);
  const root = useRef<HTMLDivElement>(null);
  const reference = useReferenceValues(
    source?.kind === 'reference' ? source.reference : '',
    {
      q,
      limit: LIMIT,
      ...(source?.kind === 'reference' && source.parents ? { parents: source.parents } : {}),
    },
    open && source?.kind === 'reference',
  );
  const values = useFieldValues(
    source?.kind === 'values' ? source.dataset : '',
    source?.kind === 'values' ? source.field : '',
    { q, limit: LIMIT },
    open && source?.kind === 'values',
  );
  const answer = source?.kind === 'reference' ? reference : values;
  const matches = (answer.data?.values ?? []).filter((v) => v.value !== null);
  const pick = (code: string, name: string) => {
    onPick({ code, label: name });
    setText('');
    setOpen(false);
    root.current?.querySelector('input')?.focus();
  };
  return (
    // Focus leaving the field and its list closes the list; Échap closes it from anywhere inside.
    // biome-ignore lint/a11y/noStaticElementInteractions: the handlers only watch events from the field and buttons inside
    <div
      className="search-picker"
      ref={root}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          root.current?.querySelector('input')?.focus();
        }
      }}
    >
      <div className="fr-input-group fr-mb-0">
        <label className={labelHidden ? 'fr-sr-only' : 'fr-label'} htmlFor={id}>
          {label}
        </label>
        <input
          id={id}
          className="fr-input"
          type="search"
          autoComplete="off"
          placeholder={placeholder}
          disabled={source === null}
          value={text}
          aria-controls={open ? `${id}-resultats` : undefined}
          onFocus={() => setOpen(true)}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
        />
      </div>
      {open && source && (
        <div className="search-picker__panel" id={`${id}-resultats`}>
          {answer.isPending ? (
            <p className="fr-text--sm fr-mb-0" role="status">
              Recherche…
            </p>
          ) : answer.error ? (
            <p className="fr-text--sm fr-mb-0 fr-error-text" role="alert">
              La recherche a échoué : {answer.error.message}
            </p>
          ) : matches.length === 0 ? (
            <p className="fr-text--sm fr-mb-0" role="status">
              Aucun résultat pour « {q} ».
            </p>
          ) : (
            <ul aria-label={`Résultats pour ${label}`}>
              {matches.map((match) => {
                const code = String(match.value);
                const name = match.label ?? code;
                const already = chosen.includes(code);
                return (
                  <li key={code}>
                    <button type="button" disabled={already} onClick={() => pick(code, name)}>
                      {showCode && name !== code ? `${code} — ${name}` : name}
                      {already && <span className="fr-sr-only"> (déjà choisi)</span>}
                    </button>
                  </li>
                );
              })}
              {answer.data?.truncated && (
                <li className="fr-text--xs search-picker__more">
                  D’autres résultats existent : précisez la recherche.
                </li>
              )}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
