import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { fetchAuthMethods } from '../auth/api.ts';

/** Why an OIDC login came back here (`/connexion?erreur=…`, set by the server's callback). */
const OIDC_ERRORS: Record<string, string> = {
  oidc_transaction:
    'La connexion par le fournisseur d’identité a expiré ou a été interrompue. Recommencez depuis cette page.',
  oidc_provider: 'Le fournisseur d’identité est injoignable pour le moment. Réessayez dans quelques minutes.',
  oidc_token: 'Le fournisseur d’identité n’a pas confirmé votre identité. Recommencez la connexion.',
  oidc_claims:
    'Votre compte ministériel n’a pas de rôle ou de territoire Data-État. Demandez-les à votre administrateur.',
  oidc_refus: 'La connexion a été annulée auprès du fournisseur d’identité.',
  compte_desactive: 'Ce compte est désactivé. Contactez un administrateur de Data-État.',
};

/** Only a path of this site: never send the user elsewhere after login. */
function returnPath(value: string | null): string {
  return value && /^\/(?![/\\])/.test(value) && !value.startsWith('/connexion') ? value : '/';
}

export function LoginPage() {
  const { user, login } = useAuth();
  const [params] = useSearchParams();
  const back = returnPath(params.get('retour'));
  const methods = useQuery({ queryKey: ['auth-methods'], queryFn: ({ signal }) => fetchAuthMethods(signal) });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(() => {
    const code = params.get('erreur');
    return code ? (OIDC_ERRORS[code] ?? 'La connexion a échoué. Réessayez.') : null;
  });
  const [pending, setPending] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  // Read the error out and move focus to it, so keyboard and screen reader users hear it.
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  if (user) return <Navigate to={back} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError('Saisissez votre adresse électronique et votre mot de passe.');
      return;
    }
    setPending(true);
    try {
      await login(email.trim(), password);
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : 'La connexion a échoué. Réessayez.');
      setPassword('');
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <title>Connexion — Data-État</title>
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Connexion à Data-État</h1>
          <p className="fr-text--lead">
            Réservé aux agents de l’État. Vos données sont limitées à votre territoire.
          </p>
          {error && (
            <div ref={errorRef} tabIndex={-1} className="fr-mb-3w" style={{ outline: 'none' }}>
              <Alert severity="error" title="Connexion impossible" description={error} small={false} />
            </div>
          )}
          {methods.data?.oidc && (
            <div className="fr-mb-4w">
              <h2 className="fr-h5">Avec votre compte ministériel</h2>
              <Button
                iconId="fr-icon-government-line"
                linkProps={{ href: `/api/auth/oidc/login?retour=${encodeURIComponent(back)}` }}
              >
                Se connecter avec le fournisseur d’identité
              </Button>
              <hr className="fr-mt-4w" />
            </div>
          )}
          <form onSubmit={submit} noValidate>
            <fieldset className="fr-fieldset" aria-labelledby="titre-compte-local">
              <legend className="fr-fieldset__legend" id="titre-compte-local">
                <h2 className="fr-h5 fr-mb-0">Avec une adresse électronique et un mot de passe</h2>
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
        </div>
      </div>
    </>
  );
}

export default LoginPage;
