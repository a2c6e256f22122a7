import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { type ReactNode, useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider.tsx';
import { hasRole } from '../auth/types.ts';
import { useUserMenuItems } from '../auth/UserMenu.tsx';

const BRAND_TOP = (
  <>
    République
    <br />
    Française
  </>
);

const HOME_LINK = { to: '/', title: 'Accueil — Data-État' };

/** DSFR page frame: skip links, header with the main navigation, `<main>`, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const { user } = useAuth();
  const userMenu = useUserMenuItems();
  const isAdmin = user ? hasRole(user, 'admin') : false;
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  // After a client-side navigation, start reading at the new content, as a page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (pathname) main.current?.focus({ preventScroll: false });
  }, [pathname]);
  return (
    <>
      <SkipLinks
        links={[
          { label: 'Contenu', anchor: '#contenu' },
          { label: 'Menu', anchor: '#en-tete-main-navigation' },
          { label: 'Pied de page', anchor: '#pied-de-page' },
        ]}
      />
      <Header
        brandTop={BRAND_TOP}
        serviceTitle="Data-État"
        serviceTagline="Les financements de l'État sur votre territoire"
        homeLinkProps={HOME_LINK}
        navigation={[
          { text: 'Accueil', linkProps: { to: '/' }, isActive: pathname === '/' },
          {
            text: 'Jeux de données',
            linkProps: { to: '/jeux-de-donnees' },
            isActive: pathname.startsWith('/jeux-de-donnees'),
          },
          { text: 'Explorer', linkProps: { to: '/explorer' }, isActive: pathname === '/explorer' },
          {
            text: 'Tableaux de bord',
            linkProps: { to: '/tableaux-de-bord' },
            isActive: pathname.startsWith('/tableaux-de-bord'),
          },
          { text: 'Territoires', linkProps: { to: '/territoires' }, isActive: pathname === '/territoires' },
          {
            text: 'Bénéficiaires',
            linkProps: { to: '/beneficiaires' },
            isActive: pathname === '/beneficiaires',
          },
          ...(isAdmin
            ? [
                {
                  text: 'Administration',
                  isActive: pathname.startsWith('/administration'),
                  menuLinks: [
                    {
                      text: 'Utilisateurs',
                      linkProps: { to: '/administration/utilisateurs' },
                      isActive: pathname === '/administration/utilisateurs',
                    },
                    {
                      text: 'Journal d’audit',
                      linkProps: { to: '/administration/journal' },
                      isActive: pathname === '/administration/journal',
                    },
                    {
                      text: 'Imports',
                      linkProps: { to: '/administration/imports' },
                      isActive: pathname === '/administration/imports',
                    },
                    {
                      text: 'Politiques publiques',
                      linkProps: { to: '/administration/politiques-publiques' },
                      isActive: pathname === '/administration/politiques-publiques',
                    },
                  ],
                },
              ]
            : []),
        ]}
        quickAccessItems={userMenu}
        id="en-tete"
      />
      <main
        id="contenu"
        ref={main}
        tabIndex={-1}
        className="fr-container fr-py-6w"
        style={{ outline: 'none' }}
      >
        {children}
      </main>
      <Footer
        id="pied-de-page"
        brandTop={BRAND_TOP}
        homeLinkProps={HOME_LINK}
        accessibility="non compliant"
        contentDescription="Data-État aide les agents de l'État à voir où va l'argent public sur leur territoire : crédits engagés et payés, dotations d'investissement, politique de la ville. Les données proviennent de sources publiques ; chaque graphique indique sa source et sa date."
      />
    </>
  );
}
