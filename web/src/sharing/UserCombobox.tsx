import { useId, useRef, useState } from 'react';
import { type DirectoryUser, useDirectory } from '../api/sharing.ts';
import { useDebounced } from '../explorer/useDebounced.ts';

/**
 * Search among accounts by name or e-mail (ARIA combobox: ↑/↓ move in the list, Entrée picks,
 * Échap closes the list without closing the dialog).
 */
export function UserCombobox({
  excluded,
  onPick,
}: {
  /** Accounts already shared with (and the owner): shown, not offered. */
  excluded: ReadonlySet<number>;
  onPick: (user: DirectoryUser) => void;
}) {
  const id = useId();
  const listId = `${id}-liste`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebounced(text, 250);
  const directory = useDirectory(q);
  const input = useRef<HTMLInputElement>(null);
  const users = (directory.data ?? []).filter((u) => !excluded.has(u.id));
  const searching = q.trim().length >= 2;
  const expanded = open && searching;
  const pick = (user: DirectoryUser) => {
    onPick(user);
    setText('');
    setOpen(false);
    input.current?.focus();
  };
  const optionId = (index: number) => `${id}-option-${index}`;
  const status = !searching
    ? ''
    : directory.isPending
      ? 'Recherche…'
      : directory.error
        ? `La recherche a échoué : ${directory.error.message}`
        : users.length === 0
          ? `Aucun compte ne correspond à « ${q.trim()} ».`
          : `${users.length} compte${users.length > 1 ? 's' : ''} trouvé${users.length > 1 ? 's' : ''}.`;
  return (
    <div className="fr-input-group share-combobox">
      <label className="fr-label" htmlFor={id}>
        Rechercher une personne
        <span className="fr-hint-text">Nom ou adresse électronique, 2 caractères au moins</span>
      </label>
      <input
        ref={input}
        id={id}
        className="fr-input"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && users[active] ? optionId(active) : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, Math.max(users.length - 1, 0)));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'Enter') {
            const user = users[active];
            if (expanded && user) {
              e.preventDefault();
              pick(user);
            }
          } else if (e.key === 'Escape' && expanded) {
            // Close the list only: the dialog stays open.
            e.stopPropagation();
            e.nativeEvent.stopImmediatePropagation();
            setOpen(false);
          }
        }}
      />
      <div
        id={listId}
        role="listbox"
        aria-label="Comptes trouvés"
        className="share-combobox__list"
        hidden={!expanded || users.length === 0}
      >
        {users.map((user, index) => (
          <div
            key={user.id}
            id={optionId(index)}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            className={index === active ? 'is-active' : undefined}
            // mousedown, not click: the field keeps focus and the list is not closed first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(user);
            }}
          >
            <span className="share-combobox__name">{user.name}</span>{' '}
            <span className="fr-text--xs">{user.email}</span>
          </div>
        ))}
      </div>
      <p className="fr-text--xs fr-mb-0" role="status">
        {status}
      </p>
    </div>
  );
}
