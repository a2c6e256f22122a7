import '@codegouvfr/react-dsfr/main.css';
import './styles.css';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { configureWidgetExports } from '@dataetat/widgets/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link } from 'react-router-dom';
import { App, preloadPageFor } from './App.tsx';
import { session } from './api/client.ts';
import { createQueryClient } from './api/hooks.ts';

startReactDsfr({ defaultColorScheme: 'light', Link });
// Widget exports (CSV/XLSX) are POSTs: they carry the session's CSRF token like every API call.
configureWidgetExports({
  headers: (): Record<string, string> => (session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
});

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('Élément #root introuvable dans index.html');

preloadPageFor(window.location.pathname);
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
