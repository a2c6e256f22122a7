import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { fetchAuthMethods } from './api.ts';

/**
 * The sign-in choices: the identity provider (when configured, it comes back to `returnTo`)
 * and the local password form. Used by the login page and by the « session expirée » dialog.
 */
export function LoginForm({
  signIn,
  returnTo,
  initialEmail = '',
  initialError = null,
  headingLevel = 'h2',
}: {
  signIn: (email: string, password: string) => Promise<unknown>;
  /** Path of this site to come back to after the identity provider. */
  returnTo: string;
  initialEmail?: string;
  initialError?: string | null;
  headingLevel?: 'h2' | 'h3';
}) {
  const methods = useQuery({ queryKey: ['auth-methods'], queryFn: ({ signal }) => fetchAuthMethods(signal) });
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const legendId = useId();
  const Heading = headingLevel;

  // Read the error out and move focus to it, so keyboard and screen reader users hear it.
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError('Saisissez votre adresse électronique et votre mot de passe.');
      return;
    }
    setPending(true);
    try {
      await signIn(email.trim(), password);
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : 'La connexion a échoué. Réessayez.');
      setPassword('');
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      {error && (
        <div ref={errorRef} tabIndex={-1} className="fr-mb-3w" style={{ outline: 'none' }}>
          <Alert severity="error" title="Connexion impossible" description={error} small={false} />
        </div>
      )}
      {methods.data?.oidc && (
        <div className="fr-mb-4w">
          <Heading className="fr-h5">Avec votre compte ministériel</Heading>
          <Button
            iconId="fr-icon-government-line"
            linkProps={{ href: `/api/auth/oidc/login?retour=${encodeURIComponent(returnTo)}` }}
          >
            Se connecter avec le fournisseur d’identité
          </Button>
          <hr className="fr-mt-4w" />
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <fieldset className="fr-fieldset" aria-labelledby={legendId}>
          <legend className="fr-fieldset__legend" id={legendId}>
            <Heading className="fr-h5 fr-mb-0">Avec une adresse électronique et un mot de passe</Heading>
          </legend>
          <div className="fr-fieldset__element">
            <Input
              label="Adresse électronique"
              hintText="Format attendu : prenom.nom@exemple.gouv.fr"
              nativeInputProps={{
                type: 'email',
                name: 'email',
                autoComplete: 'username',
                required: true,
                value: email,
                onChange: (e) => setEmail(e.target.value),
              }}
            />
          </div>
          <div className="fr-fieldset__element">
            <PasswordInput
              label="Mot de passe"
              messagesHint=""
              nativeInputProps={{
                name: 'password',
                autoComplete: 'current-password',
                required: true,
                value: password,
                onChange: (e) => setPassword(e.target.value),
              }}
            />
          </div>
          <div className="fr-fieldset__element">
            <Button type="submit" disabled={pending}>
              {pending ? 'Connexion en cours…' : 'Se connecter'}
            </Button>
          </div>
        </fieldset>
      </form>
    </>
  );
}
