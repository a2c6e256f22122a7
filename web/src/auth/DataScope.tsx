import type { ReactNode } from 'react';
import { useAuth } from './AuthProvider.tsx';
import { type DataScope, DataScopeContext } from './dataScopeContext.ts';
import { useTerritoryLabel } from './territory.ts';
import { NATIONAL } from './types.ts';

export { type DataScope, useDataScope } from './dataScopeContext.ts';

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
