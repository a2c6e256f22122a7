import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useId, useState } from 'react';
import { NATIONAL, ROLE_LABELS, ROLES, type Role, type User } from '../../auth/types.ts';
import { TerritorySelect } from './TerritorySelect.tsx';

export interface UserFormValues {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly scope: string;
  /** Empty: unchanged (edit) or no local password (creation: OIDC only). */
  readonly password: string;
}

/** Create or edit an account. The e-mail is fixed once the account exists. */
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
  const [values, setValues] = useState<UserFormValues>({
    email: user?.email ?? '',
    name: user?.name ?? '',
    role: user?.role ?? 'lecteur',
    scope: user?.scope ?? NATIONAL,
    password: '',
  });
  const set = <K extends keyof UserFormValues>(key: K, value: UserFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form onSubmit={submit}>
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
            <Button type="button" priority="secondary" onClick={onCancel}>
              Annuler
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
