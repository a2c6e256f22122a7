/**
 * The data scope as a context alone, without the session that fills it (`DataScope.tsx`): the
 * dashboard pieces an embed reuses read it without pulling the app's sign-in into the embed.
 */
import { createContext, useContext } from 'react';

/** A région the data on screen is limited to (code and name); null: national. */
export type DataScope = { readonly code: string; readonly label: string } | null;

export const DataScopeContext = createContext<DataScope>(null);

export function useDataScope(): DataScope {
  return useContext(DataScopeContext);
}
