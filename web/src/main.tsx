import '@codegouvfr/react-dsfr/main.css';
import './styles.css';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { createWidgetHost, WidgetHostProvider } from '@dataetat/widgets/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link } from 'react-router-dom';
import { App, preloadPageFor } from './App.tsx';
import { csrfHeaders, session } from './api/client.ts';
import { createQueryClient } from './api/hooks.ts';

startReactDsfr({ defaultColorScheme: 'light', Link });
// The app's widgets ask the same-origin API with the session cookie; their POSTs (queries,
// exports) carry the session's CSRF token like every API call, and a lost session signs in again.
const widgetHost = createWidgetHost({
  headers: csrfHeaders,
  onUnauthorized: () => session.onUnauthorized?.(),
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
      <WidgetHostProvider host={widgetHost}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </WidgetHostProvider>
    </QueryClientProvider>
  </StrictMode>,
);
