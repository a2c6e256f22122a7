import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { createUser, fetchUsers, type UserChanges, updateUser } from '../../auth/api.ts';
import { useTerritoryLabel } from '../../auth/territory.ts';
import { ROLE_LABELS, type User } from '../../auth/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { formatDateTime } from './format.ts';
import { UserForm, type UserFormValues } from './UserForm.tsx';
import { openDraftedForm, useUserFormDrafts } from './useUserFormDrafts.ts';

const USERS_KEY = ['admin', 'users'] as const;

function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : 'L’opération a échoué. Réessayez.';
}

/** « Administration > Utilisateurs »: list, create, change role and territory, disable/enable. */
export function UsersPage() {
  const { user: me, signInAgain } = useAuth();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: USERS_KEY, queryFn: ({ signal }) => fetchUsers(signal) });
  // A form left unsaved (reload, crash, expired session) opens again with its draft on offer.
  const [editing, setEditing] = useState<number | 'new' | null>(() => openDraftedForm(me?.id));
  const drafts = useUserFormDrafts(me?.id);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);

  const done = (text: string) => {
    setNotice({ severity: 'success', text });
    setEditing(null);
    void queryClient.invalidateQueries({ queryKey: USERS_KEY });
  };
  const failed = (error: unknown, again: () => void) => {
    if (error instanceof ApiError && error.code === 'AUTH_REQUIRED') {
      // The form stays as typed; signed in again over the page, it is sent again.
      setNotice({
        severity: 'error',
        text: 'Votre session a expiré : le formulaire est gardé. Reconnectez-vous pour l’enregistrer.',
      });
      void signInAgain().then((ok) => {
        if (!ok) return;
        setNotice(null);
        again();
      });
      return;
    }
    setNotice({ severity: 'error', text: errorText(error) });
  };

  const create = useMutation({
    mutationFn: (values: UserFormValues) =>
      createUser({
        email: values.email.trim(),
        name: values.name.trim(),
        role: values.role,
        scope: values.scope,
        ...(values.password && { password: values.password }),
      }),
    onSuccess: (user) => {
      drafts.saved('new');
      done(`Le compte ${user.email} a été créé.`);
    },
    onError: (error, values) => failed(error, () => create.mutate(values)),
  });
  const update = useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: UserChanges; fromForm?: boolean }) =>
      updateUser(id, changes),
    onSuccess: (user, { fromForm }) => {
      if (fromForm) drafts.saved(user.id);
      done(
        user.status === 'disabled'
          ? `Le compte ${user.email} est désactivé : ses sessions sont fermées.`
          : `Le compte ${user.email} a été mis à jour.`,
      );
    },
    onError: (error, variables) => failed(error, () => update.mutate(variables)),
  });

  return (
    <>
      <title>Utilisateurs — Administration — Data-État</title>
      <h1>Utilisateurs</h1>
      <p className="fr-text--lead">
        Les comptes des agents, leur rôle et leur territoire. Un agent régional ne voit que les données de sa
        région.
      </p>
      <div role="status" aria-live="polite">
        {notice && (
          <Alert
            className="fr-mb-3w"
            severity={notice.severity}
            small
            description={notice.text}
            closable
            onClose={() => setNotice(null)}
          />
        )}
      </div>
      {editing === 'new' ? (
        <section className="fr-card fr-p-3w fr-mb-4w" aria-labelledby="titre-nouveau">
          <h2 id="titre-nouveau" className="fr-h4">
            Nouveau compte
          </h2>
          <UserForm
            pending={create.isPending}
            onSubmit={(v) => create.mutate(v)}
            onCancel={() => setEditing(null)}
          />
        </section>
      ) : (
        <Button className="fr-mb-3w" iconId="fr-icon-user-add-line" onClick={() => setEditing('new')}>
          Créer un compte
        </Button>
      )}
      {users.isPending && <Loading label="Chargement des comptes…" height={200} />}
      {users.error && <QueryErrorAlert error={users.error} onRetry={users.refetch} />}
      {users.data && (
        <div className="fr-table fr-table--no-caption" data-testid="users-table">
          <table>
            <caption>Comptes</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Adresse électronique</th>
                <th scope="col">Rôle</th>
                <th scope="col">Territoire</th>
                <th scope="col">Statut</th>
                <th scope="col">Dernière connexion</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isSelf={user.id === me?.id}
                  editing={editing === user.id}
                  pending={update.isPending}
                  onEdit={() => setEditing(user.id)}
                  onCancel={() => setEditing(null)}
                  onChange={(changes, fromForm) => update.mutate({ id: user.id, changes, fromForm })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function UserRow({
  user,
  isSelf,
  editing,
  pending,
  onEdit,
  onCancel,
  onChange,
}: {
  user: User;
  isSelf: boolean;
  editing: boolean;
  pending: boolean;
  onEdit: () => void;
  onCancel: () => void;
  /** `fromForm`: the edit form was sent (its draft is dropped once saved). */
  onChange: (changes: UserChanges, fromForm?: boolean) => void;
}) {
  const territory = useTerritoryLabel(user.scope);
  const active = user.status === 'active';
  return (
    <>
      <tr>
        <td>{user.name}</td>
        <td>{user.email}</td>
        <td>{ROLE_LABELS[user.role]}</td>
        <td>{territory}</td>
        <td>
          <Badge severity={active ? 'success' : 'error'} small noIcon>
            {active ? 'Actif' : 'Désactivé'}
          </Badge>
        </td>
        <td>{formatDateTime(user.lastLoginAt)}</td>
        <td>
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
            <li>
              <Button size="small" priority="secondary" onClick={onEdit} title={`Modifier ${user.email}`}>
                Modifier
              </Button>
            </li>
            {!isSelf && (
              <li>
                <Button
                  size="small"
                  priority="tertiary"
                  disabled={pending}
                  title={`${active ? 'Désactiver' : 'Réactiver'} ${user.email}`}
                  onClick={() => onChange({ status: active ? 'disabled' : 'active' })}
                >
                  {active ? 'Désactiver' : 'Réactiver'}
                </Button>
              </li>
            )}
          </ul>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={7}>
            <h2 className="fr-h5">Modifier {user.email}</h2>
            <UserForm
              user={user}
              pending={pending}
              onCancel={onCancel}
              onSubmit={(values) =>
                onChange(
                  {
                    name: values.name.trim(),
                    scope: values.scope,
                    ...(!isSelf && { role: values.role }),
                    ...(values.password && { password: values.password }),
                  },
                  true,
                )
              }
            />
          </td>
        </tr>
      )}
    </>
  );
}

export default UsersPage;
