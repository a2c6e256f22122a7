import { useId, useState } from 'react';

export interface ColumnChooserProps {
  readonly columns: readonly { readonly id: string; readonly label: string }[];
  readonly hidden: ReadonlySet<string>;
  readonly onToggle: (id: string) => void;
}

/** « Colonnes affichées »: a disclosure with one checkbox per column; the last one stays shown. */
export function ColumnChooser({ columns, hidden, onToggle }: ColumnChooserProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const shown = columns.length - hidden.size;
  return (
    <div style={{ position: 'relative' }}>
      <button
        type="button"
        className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-settings-5-line fr-btn--icon-left"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen(!open)}
      >
        Colonnes ({shown}/{columns.length})
      </button>
      {/* Rendered only when open: the DSFR fieldset style would override `hidden`. */}
      {open && (
        <fieldset
          id={`${id}-panel`}
          className="fr-fieldset"
          style={{
            position: 'absolute',
            zIndex: 3,
            background: 'var(--background-default-grey, #fff)',
            border: '1px solid var(--border-default-grey, #ddd)',
            padding: '0.75rem 1rem',
            margin: '0.25rem 0 0',
            minWidth: '16rem',
            boxShadow: '0 2px 6px rgba(0, 0, 18, 0.16)',
          }}
        >
          <legend className="fr-fieldset__legend fr-text--sm" style={{ padding: 0 }}>
            Colonnes affichées
          </legend>
          {columns.map((column) => {
            const checked = !hidden.has(column.id);
            return (
              <div key={column.id} className="fr-checkbox-group fr-checkbox-group--sm">
                <input
                  type="checkbox"
                  id={`${id}-${column.id}`}
                  checked={checked}
                  // The table keeps at least one column.
                  disabled={checked && shown === 1}
                  onChange={() => onToggle(column.id)}
                />
                <label className="fr-label" htmlFor={`${id}-${column.id}`}>
                  {column.label}
                </label>
              </div>
            );
          })}
        </fieldset>
      )}
    </div>
  );
}
