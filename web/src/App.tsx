import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/Loading.tsx';
import { DatasetsPage } from './pages/DatasetsPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// The dataset page brings ECharts: load it only when needed.
const DatasetPage = lazy(() => import('./pages/DatasetPage.tsx'));

export function App() {
  return (
    <Layout>
      <Suspense fallback={<Loading label="Chargement de la page…" />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/jeux-de-donnees" element={<DatasetsPage />} />
          <Route path="/jeux-de-donnees/:id" element={<DatasetPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
