import { useQuery } from '@tanstack/react-query';
import { fetchReference } from '../api/client.ts';
import { NATIONAL } from './types.ts';

/** The régions of the COG reference (for pickers and labels), cached for the session. */
export function useRegions() {
  return useQuery({
    queryKey: ['reference', 'regions', 'all'],
    queryFn: async ({ signal }) => (await fetchReference('regions', { limit: 100 }, signal)).values,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** « National » or the région's name (its code until the list is loaded). */
export function useTerritoryLabel(scope: string): string {
  const regions = useRegions();
  if (scope === NATIONAL) return 'National';
  const region = regions.data?.find((r) => String(r.value) === scope);
  return region?.label ? String(region.label) : `Région ${scope}`;
}
