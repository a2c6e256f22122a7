import type { HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { useNavigate } from 'react-router-dom';
import { useAuth } from './AuthProvider.tsx';
import { useTerritoryLabel } from './territory.ts';
import { ROLE_LABELS, type User } from './types.ts';

function Identity({ user }: { user: User }) {
  const territory = useTerritoryLabel(user.scope);
  return (
    <p
      className="fr-tag fr-tag--icon-left fr-icon-account-circle-line fr-mb-0"
      data-testid="user-menu"
      title={user.email}
    >
      {user.name} · {ROLE_LABELS[user.role]} · {territory}
    </p>
  );
}

/** Header quick access: who is signed in (name, role, territory) and « Se déconnecter ». */
export function useUserMenuItems(): HeaderProps['quickAccessItems'] {
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  if (user === undefined) return [];
  if (user === null) {
    return [{ iconId: 'fr-icon-lock-line', text: 'Se connecter', linkProps: { to: '/connexion' } }];
  }
  return [
    <Identity key="identite" user={user} />,
    {
      iconId: 'fr-icon-logout-box-r-line',
      text: 'Se déconnecter',
      buttonProps: {
        onClick: () => {
          void logout().finally(() => navigate('/connexion', { replace: true }));
        },
      },
    },
  ];
}
