import { type Preloadable, preloadable } from '@dataetat/widgets/react';
import { type ComponentType, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/AuthProvider.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/Loading.tsx';
import { DatasetsPage } from './pages/DatasetsPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// Pages loaded on demand (ECharts, MapLibre, react-grid-layout…), and preloaded when the
// address asks for them so they render as soon as the session is known.
const lazyPages: [RegExp, Preloadable<object>][] = [];
function page(
  pattern: RegExp,
  load: () => Promise<{ default: ComponentType<object> }>,
): ComponentType<object> {
  const loadable = preloadable(load);
  lazyPages.push([pattern, loadable]);
  return loadable.Component;
}

// The dataset page brings ECharts: load it only when needed.
const DatasetPage = page(/^\/jeux-de-donnees\/[^/]+$/, () => import('./pages/DatasetPage.tsx'));
const ExplorerPage = page(/^\/explorer$/, () => import('./pages/ExplorerPage.tsx'));
// MapLibre comes with the map renderer: the maps preview is a lazy page too.
const MapsPreviewPage = page(/^\/apercu\/cartes$/, () => import('./pages/MapsPreviewPage.tsx'));
const TablesPreviewPage = page(/^\/apercu\/tableaux$/, () => import('./pages/TablesPreviewPage.tsx'));
// « Galerie des visualisations »: one example of each chart type (each type's code loads on use).
const GalleryPage = page(/^\/apercu\/widgets$/, () => import('./pages/GalleryPage.tsx'));
// Dashboards: list, viewer and editor (react-grid-layout only in the editor).
const DashboardsPage = page(/^\/tableaux-de-bord$/, () => import('./pages/DashboardsPage.tsx'));
const DashboardViewPage = page(/^\/tableaux-de-bord\/[^/]+$/, () => import('./pages/DashboardViewPage.tsx'));
// « Portrait d'un territoire »: a territory picker opening the portrait dashboard.
const BeneficiariesPage = page(/^\/beneficiaires$/, () => import('./pages/BeneficiariesPage.tsx'));
const TerritoriesPage = page(/^\/territoires$/, () => import('./pages/TerritoriesPage.tsx'));
const DashboardEditPage = page(
  /^\/tableaux-de-bord\/[^/]+\/modifier$/,
  () => import('./pages/DashboardEditPage.tsx'),
);

// A dashboard opened by a share link: public (the link itself says whether to sign in).
const SharedLinkPage = page(/^\/s\/[^/]+$/, () => import('./pages/SharedLinkPage.tsx'));

// Administration pages: admins only, loaded on demand.
const UsersPage = page(/^\/administration\/utilisateurs$/, () => import('./pages/admin/UsersPage.tsx'));
const AuditPage = page(/^\/administration\/journal$/, () => import('./pages/admin/AuditPage.tsx'));
const ImportsPage = page(/^\/administration\/imports$/, () => import('./pages/admin/ImportsPage.tsx'));
const TagRulesPage = page(
  /^\/administration\/politiques-publiques$/,
  () => import('./pages/admin/TagRulesPage.tsx'),
);

/** Starts downloading the page of the address being opened, alongside the session check. */
export function preloadPageFor(pathname: string): void {
  lazyPages
    .find(([pattern]) => pattern.test(pathname))?.[1]
    .preload()
    .catch(() => undefined);
}

export function App() {
  return (
    <AuthProvider>
      <Layout>
        <Suspense fallback={<Loading label="Chargement de la page…" />}>
          <Routes>
            <Route path="/connexion" element={<LoginPage />} />
            <Route path="/s/:token" element={<SharedLinkPage />} />
            {/* Everything else needs a session: anonymous visitors go to the login page and come back. */}
            <Route element={<RequireAuth />}>
              <Route path="/" element={<HomePage />} />
              <Route path="/jeux-de-donnees" element={<DatasetsPage />} />
              <Route path="/jeux-de-donnees/:id" element={<DatasetPage />} />
              <Route path="/explorer" element={<ExplorerPage />} />
              <Route path="/tableaux-de-bord" element={<DashboardsPage />} />
              <Route path="/territoires" element={<TerritoriesPage />} />
              <Route path="/beneficiaires" element={<BeneficiariesPage />} />
              <Route path="/tableaux-de-bord/:id" element={<DashboardViewPage />} />
              <Route path="/tableaux-de-bord/:id/modifier" element={<DashboardEditPage />} />
              <Route path="/apercu/cartes" element={<MapsPreviewPage />} />
              <Route path="/apercu/tableaux" element={<TablesPreviewPage />} />
              <Route path="/apercu/widgets" element={<GalleryPage />} />
              <Route element={<RequireAuth needs="admin" />}>
                <Route path="/administration/utilisateurs" element={<UsersPage />} />
                <Route path="/administration/journal" element={<AuditPage />} />
                <Route path="/administration/imports" element={<ImportsPage />} />
                <Route path="/administration/politiques-publiques" element={<TagRulesPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </Suspense>
      </Layout>
    </AuthProvider>
  );
}
