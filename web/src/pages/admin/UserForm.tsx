import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { NATIONAL, ROLE_LABELS, ROLES, type Role, type User } from '../../auth/types.ts';
import { useUnsavedWork } from '../../auth/unsavedWork.ts';
import { DraftOffer } from '../../drafts/DraftOffer.tsx';
import { useDraft } from '../../drafts/useDraft.ts';
import { TerritorySelect } from './TerritorySelect.tsx';
import { draftOf, isUserFormDraft, NEW_USER_DRAFT_ID, sameDraft, userDraftKey } from './userFormDraft.ts';

export interface UserFormValues {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly scope: string;
  /** Empty: unchanged (edit) or no local password (creation: OIDC only). */
  readonly password: string;
}

/**
 * Create or edit an account. The e-mail is fixed once the account exists. What is typed is kept
 * in the browser until saved or cancelled (offered back after a reload), and a lost session asks
 * to sign in again over the form.
 */
export function UserForm({
  user,
  pending,
  onSubmit,
  onCancel,
}: {
  user?: User;
  pending: boolean;
  onSubmit: (values: UserFormValues) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const { user: me } = useAuth();
  const [initial] = useState<UserFormValues>(() => ({
    email: user?.email ?? '',
    name: user?.name ?? '',
    role: user?.role ?? 'lecteur',
    scope: user?.scope ?? NATIONAL,
    password: '',
  }));
  const [values, setValues] = useState<UserFormValues>(initial);
  const set = <K extends keyof UserFormValues>(key: K, value: UserFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const kept = useMemo(() => draftOf(values), [values]);
  const unsaved = !sameDraft(kept, draftOf(initial));
  const draft = useDraft({
    key: me ? userDraftKey(me.id, user ? String(user.id) : NEW_USER_DRAFT_ID) : null,
    data: kept,
    baseVersion: 0,
    unsaved,
    isData: isUserFormDraft,
    differs: (stored) => !sameDraft(stored, draftOf(initial)),
  });
  useUnsavedWork(unsaved || values.password !== '' || draft.offered !== null);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form onSubmit={submit}>
      {draft.offered && (
        <DraftOffer
          savedAt={draft.offered.savedAt}
          onResume={() => {
            const resumed = draft.resume();
            if (resumed)
              setValues((current) => ({
                ...current,
                ...resumed.data,
                email: user?.email ?? resumed.data.email,
              }));
          }}
          onIgnore={draft.ignore}
        />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Adresse électronique"
            disabled={user !== undefined}
            nativeInputProps={{
              type: 'email',
              required: true,
              autoComplete: 'off',
              value: values.email,
              onChange: (e) => set('email', e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Nom affiché"
            nativeInputProps={{
              required: true,
              value: values.name,
              onChange: (e) => set('name', e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Rôle"
            hint="Lecteur : consulte. Éditeur : crée des tableaux de bord. Administrateur : gère comptes et imports."
            nativeSelectProps={{
              id: `${id}-role`,
              value: values.role,
              onChange: (e) => set('role', e.target.value as Role),
            }}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TerritorySelect
            id={`${id}-territoire`}
            value={values.scope}
            onChange={(scope) => set('scope', scope)}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={user ? 'Nouveau mot de passe (facultatif)' : 'Mot de passe (facultatif)'}
            hintText={
              user
                ? 'Au moins 12 caractères. Laissez vide pour ne pas le changer ; le changer ferme ses sessions.'
                : 'Au moins 12 caractères. Laissez vide pour un compte qui se connecte uniquement par le fournisseur d’identité.'
            }
            nativeInputProps={{
              type: 'password',
              autoComplete: 'new-password',
              value: values.password,
              onChange: (e) => set('password', e.target.value),
            }}
          />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <li>
          <Button type="submit" disabled={pending}>
            {user ? 'Enregistrer les modifications' : 'Créer le compte'}
          </Button>
        </li>
        {onCancel && (
          <li>
            <Button
              type="button"
              priority="secondary"
              onClick={() => {
                draft.ignore();
                onCancel();
              }}
            >
              Annuler
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
