import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading.tsx';
import { useAuth } from './AuthProvider.tsx';
import { UserDataScope } from './DataScope.tsx';
import { hasRole, ROLE_LABELS, type Role } from './types.ts';

/**
 * Route guard: anonymous visitors go to the login page (and come back here after), signed-in
 * users without the role get a French explanation instead of the page.
 */
export function RequireAuth({ needs = 'lecteur' }: { needs?: Role }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Loading label="Vérification de la session…" />;
  if (user === null) {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`/connexion?retour=${encodeURIComponent(back)}`} replace />;
  }
  if (!hasRole(user, needs)) {
    return (
      <>
        <title>Accès refusé — Data-État</title>
        <h1>Accès refusé</h1>
        <div className="fr-alert fr-alert--warning" role="alert">
          <p>{`Cette page est réservée au rôle « ${ROLE_LABELS[needs]} ». Votre rôle : « ${ROLE_LABELS[user.role]} ». Demandez l'accès à un administrateur de Data-État.`}</p>
        </div>
      </>
    );
  }
  return (
    <UserDataScope>
      <Outlet />
    </UserDataScope>
  );
}
