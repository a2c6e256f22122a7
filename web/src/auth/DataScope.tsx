import { createContext, type ReactNode, useContext } from 'react';
import { useAuth } from './AuthProvider.tsx';
import { useTerritoryLabel } from './territory.ts';
import { NATIONAL } from './types.ts';

/** A région the data on screen is limited to (code and name); null: national. */
export type DataScope = { readonly code: string; readonly label: string } | null;

const DataScopeContext = createContext<DataScope>(null);

/**
 * The signed-in agent's territory for the pages below (their data is limited to it). Pages
 * outside the session (share links, embeds) have none: they show what the grant gives.
 */
export function UserDataScope({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const scope = user?.scope ?? NATIONAL;
  const label = useTerritoryLabel(scope);
  const value: DataScope = scope === NATIONAL ? null : { code: scope, label };
  return <DataScopeContext.Provider value={value}>{children}</DataScopeContext.Provider>;
}

export function useDataScope(): DataScope {
  return useContext(DataScopeContext);
}
