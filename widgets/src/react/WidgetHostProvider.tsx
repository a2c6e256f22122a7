import { createContext, type ReactNode, useContext } from 'react';
import { createWidgetHost, type WidgetHost } from './host.ts';

/** Without a provider: the page's own API, with its cookies and no extra header. */
const sameOriginHost = createWidgetHost();

const WidgetHostContext = createContext<WidgetHost>(sameOriginHost);

/** Gives the widgets below it their host (API base, credentials, exports, geo files). */
export function WidgetHostProvider({ host, children }: { host: WidgetHost; children: ReactNode }) {
  return <WidgetHostContext.Provider value={host}>{children}</WidgetHostContext.Provider>;
}

/** The host of the nearest `WidgetHostProvider` above. */
export function useWidgetHost(): WidgetHost {
  return useContext(WidgetHostContext);
}
