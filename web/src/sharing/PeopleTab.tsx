import { useId, useState } from 'react';
import type { Dashboard } from '../api/dashboards.ts';
import { type DirectoryUser, type SharePermission, useShares, useSharingMutations } from '../api/sharing.ts';
import { errorText } from './parts.tsx';
import { UserCombobox } from './UserCombobox.tsx';

export const PERMISSION_LABELS: Record<SharePermission, string> = { read: 'Lecture', edit: 'Modification' };

/** « Personnes »: named accounts who may read or edit the dashboard. */
export function PeopleTab({ dashboard }: { dashboard: Dashboard }) {
  const shares = useShares(dashboard.id);
  const { share, unshare } = useSharingMutations(dashboard.id);
  const [chosen, setChosen] = useState<DirectoryUser | null>(null);
  const [permission, setPermission] = useState<SharePermission>('read');
  const [notice, setNotice] = useState('');
  const permissionId = useId();
  const headingId = useId();
  const excluded = new Set([
    ...(dashboard.owner.id !== null ? [dashboard.owner.id] : []),
    ...(shares.data ?? []).map((s) => s.user.id),
  ]);
  const add = () => {
    if (!chosen) return;
    share.mutate(
      { userId: chosen.id, permission },
      {
        onSuccess: () => {
          setNotice(
            `${chosen.name} peut maintenant ${permission === 'edit' ? 'modifier' : 'consulter'} ce tableau de bord.`,
          );
          setChosen(null);
        },
      },
    );
  };
  const error = share.error ?? unshare.error;
  return (
    <div className="share-tab">
      <p className="fr-text--sm">
        Les personnes choisies retrouvent ce tableau de bord dans « Partagés avec moi ». Elles voient ses
        données dans leur propre périmètre territorial. « Modification » permet d’enregistrer, pas de
        supprimer ni de repartager.
      </p>
      <UserCombobox excluded={excluded} onPick={(user) => setChosen(user)} />
      {chosen && (
        <div className="share-add fr-mb-3w">
          <p className="fr-mb-1w">
            <strong>{chosen.name}</strong> <span className="fr-text--sm">({chosen.email})</span>
          </p>
          <div className="share-add__row">
            <div className="fr-select-group fr-mb-0">
              <label className="fr-label" htmlFor={permissionId}>
                Droit accordé
              </label>
              <select
                id={permissionId}
                className="fr-select"
                value={permission}
                onChange={(e) => setPermission(e.target.value === 'edit' ? 'edit' : 'read')}
              >
                <option value="read">Lecture</option>
                <option value="edit">Modification</option>
              </select>
            </div>
            <button type="button" className="fr-btn fr-btn--sm" disabled={share.isPending} onClick={add}>
              Partager avec {chosen.name}
            </button>
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--tertiary"
              onClick={() => setChosen(null)}
            >
              Annuler
            </button>
          </div>
        </div>
      )}
      {error && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{errorText(error)}</p>
        </div>
      )}
      <p className="fr-text--sm fr-mb-1w" role="status">
        {notice}
      </p>
      <h3 id={headingId} className="fr-h6 fr-mb-1w">
        Personnes ayant accès
      </h3>
      {shares.isPending ? (
        <p role="status">Chargement…</p>
      ) : shares.error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
          <p>{errorText(shares.error)}</p>
        </div>
      ) : shares.data.length === 0 ? (
        <p className="fr-text--sm">
          Ce tableau de bord n’est partagé avec personne. Cherchez un compte ci-dessus.
        </p>
      ) : (
        <ul className="share-list" aria-labelledby={headingId}>
          {shares.data.map((s) => (
            <li key={s.user.id} className="share-list__item">
              <span className="share-list__who">
                <strong>{s.user.name}</strong> <span className="fr-text--xs">{s.user.email}</span>
              </span>
              <label className="fr-sr-only" htmlFor={`${permissionId}-${s.user.id}`}>
                Droit de {s.user.name}
              </label>
              <select
                id={`${permissionId}-${s.user.id}`}
                className="fr-select share-list__permission"
                value={s.permission}
                disabled={share.isPending}
                onChange={(e) => {
                  const next: SharePermission = e.target.value === 'edit' ? 'edit' : 'read';
                  share.mutate(
                    { userId: s.user.id, permission: next },
                    { onSuccess: () => setNotice(`Droit de ${s.user.name} : ${PERMISSION_LABELS[next]}.`) },
                  );
                }}
              >
                <option value="read">Lecture</option>
                <option value="edit">Modification</option>
              </select>
              <button
                type="button"
                className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-icon-delete-line fr-btn--icon-left"
                disabled={unshare.isPending}
                onClick={() =>
                  unshare.mutate(s.user.id, {
                    onSuccess: () => setNotice(`${s.user.name} n’a plus accès à ce tableau de bord.`),
                  })
                }
              >
                Retirer<span className="fr-sr-only"> {s.user.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
