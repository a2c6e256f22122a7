import { QueryClient, useQuery } from '@tanstack/react-query';
import { ApiError, fetchDatasets, runQuery } from './client.ts';
import type { QuerySpec } from './types.ts';

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

/** Runs a widget's query; the key is the spec itself, so equal specs share one request. */
export function useWidgetQuery(spec: QuerySpec) {
  return useQuery({ queryKey: ['query', spec], queryFn: ({ signal }) => runQuery(spec, signal) });
}
