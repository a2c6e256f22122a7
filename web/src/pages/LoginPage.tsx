import { Navigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider.tsx';
import { LoginForm } from '../auth/LoginForm.tsx';

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
  const code = params.get('erreur');

  if (user) return <Navigate to={back} replace />;

  return (
    <>
      <title>Connexion — Data-État</title>
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Connexion à Data-État</h1>
          <p className="fr-text--lead">
            Réservé aux agents de l’État. Vos données sont limitées à votre territoire.
          </p>
          <LoginForm
            signIn={login}
            returnTo={back}
            initialError={code ? (OIDC_ERRORS[code] ?? 'La connexion a échoué. Réessayez.') : null}
          />
        </div>
      </div>
    </>
  );
}

export default LoginPage;
