/**
 * Where filter pickers get their choices. In the app: the catalogue's values and the reference
 * lists, with the session. On a share link: the link's own values route, which answers within
 * what the link may show (no session needed). Pickers read it from the nearest provider.
 */
import { createContext, type ReactNode, useContext } from 'react';
import { fetchFieldValues, fetchReference, type ValuesSearch } from './client.ts';
import type { FieldValues } from './types.ts';

export type ReferenceSearch = ValuesSearch & { readonly parents?: Readonly<Record<string, string>> };

export interface ValuesSource {
  /** Part of the cache keys: two sources never share an answer. */
  readonly key: string;
  fieldValues(
    dataset: string,
    field: string,
    search: ValuesSearch,
    signal?: AbortSignal,
  ): Promise<FieldValues>;
  reference(kind: string, search: ReferenceSearch, signal?: AbortSignal): Promise<FieldValues>;
}

export const sessionValuesSource: ValuesSource = {
  key: 'session',
  fieldValues: fetchFieldValues,
  reference: fetchReference,
};

const ValuesSourceContext = createContext<ValuesSource>(sessionValuesSource);

export function ValuesSourceProvider({ source, children }: { source: ValuesSource; children: ReactNode }) {
  return <ValuesSourceContext.Provider value={source}>{children}</ValuesSourceContext.Provider>;
}

export function useValuesSource(): ValuesSource {
  return useContext(ValuesSourceContext);
}
