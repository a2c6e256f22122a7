import { keepPreviousData, QueryClient, useQuery } from '@tanstack/react-query';
import { ApiError, fetchDataset, fetchDatasets, type ValuesSearch } from './client.ts';
import { type ReferenceSearch, useValuesSource } from './valuesSource.tsx';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        // A bad spec or an unknown dataset will not get better by asking again.
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.isClientError) && failureCount < 2,
      },
    },
  });
}

export function useDatasets() {
  return useQuery({ queryKey: ['datasets'], queryFn: ({ signal }) => fetchDatasets(signal) });
}

/** One dataset of the catalogue, from the (cached) list. `data` is null when the id is unknown. */
export function useDataset(id: string) {
  const datasets = useDatasets();
  const dataset = datasets.data ? (datasets.data.find((d) => d.id === id) ?? null) : undefined;
  return { ...datasets, data: dataset };
}

/** A dataset's full description, starting from the catalogue list entry while it loads. */
export function useDatasetDetail(id: string | undefined) {
  const list = useDatasets();
  return useQuery({
    queryKey: ['dataset', id],
    queryFn: ({ signal }) => fetchDataset(id ?? '', signal),
    enabled: id !== undefined && id !== '',
    placeholderData: list.data?.find((d) => d.id === id),
  });
}

/** Values of a field for a picker; the search is sent as typed (debounce it before). */
export function useFieldValues(dataset: string, field: string, search: ValuesSearch, enabled = true) {
  const source = useValuesSource();
  return useQuery({
    queryKey: ['values', source.key, dataset, field, search.q?.trim() ?? '', search.limit ?? null],
    queryFn: ({ signal }) => source.fieldValues(dataset, field, search, signal),
    enabled: enabled && dataset !== '' && field !== '',
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** Reference values (COG, LOLF) for pickers, narrowed by parent codes (`{ region: '53' }`). */
export function useReferenceValues(kind: string, search: ReferenceSearch, enabled = true) {
  const source = useValuesSource();
  return useQuery({
    queryKey: [
      'reference',
      source.key,
      kind,
      search.q?.trim() ?? '',
      search.limit ?? null,
      search.parents ?? {},
    ],
    queryFn: ({ signal }) => source.reference(kind, search, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30 * 60_000,
  });
}
