/**
 * What a share link opens, read without a session (`/api/links/<jeton>…`): the dashboard, its
 * widgets' queries and exports (posted as `{ widgetId, spec }`, checked against the widget by
 * the server), and the filter pickers' values.
 */
import type { DashboardDatasetInfo } from '@dataetat/widgets';
import { createWidgetHost, type WidgetHost } from '@dataetat/widgets/react';
import { csrfHeaders, request } from '../api/client.ts';
import type { GrantedDashboard } from '../api/sharingTypes.ts';
import type { FieldValues } from '../api/types.ts';
import type { ValuesSource } from '../api/valuesSource.tsx';

const linkPath = (token: string) => `/api/links/${encodeURIComponent(token)}`;

export function fetchGrantedDashboard(token: string, signal?: AbortSignal): Promise<GrantedDashboard> {
  return request<GrantedDashboard>(linkPath(token), { signal });
}

/** The widgets' host of one link. Signed-in agents send their cookie (« agents connectés »). */
export function linkWidgetHost(token: string): WidgetHost {
  return createWidgetHost({
    queryPath: `${linkPath(token)}/query`,
    exportPath: `${linkPath(token)}/export`,
    queryBody: (spec, widgetId) => ({ widgetId, spec }),
    headers: csrfHeaders,
  });
}

/** Reference lists of the pickers, answered from the field of the same name in the link's data. */
const REFERENCE_FIELDS: Readonly<Record<string, string>> = {
  regions: 'region',
  departements: 'departement',
  epci: 'epci',
  communes: 'commune',
  programmes: 'programme',
  themes: 'theme',
};

export function linkValuesSource(token: string, catalogue: readonly DashboardDatasetInfo[]): ValuesSource {
  const fieldValues = (
    dataset: string,
    field: string,
    search: { q?: string; limit?: number },
    signal?: AbortSignal,
  ) => {
    const params = new URLSearchParams();
    if (search.q?.trim()) params.set('q', search.q.trim());
    if (search.limit !== undefined) params.set('limit', String(search.limit));
    const query = params.toString();
    return request<FieldValues>(
      `${linkPath(token)}/values/${encodeURIComponent(dataset)}/${encodeURIComponent(field)}${query ? `?${query}` : ''}`,
      { signal },
    );
  };
  return {
    key: `lien:${token}`,
    fieldValues,
    async reference(kind, search, signal) {
      const field = REFERENCE_FIELDS[kind];
      const dataset = field ? catalogue.find((d) => d.dimensions.some((dim) => dim.id === field)) : undefined;
      if (!field || !dataset) return { field: field ?? kind, values: [], truncated: false };
      return fieldValues(dataset.id, field, search, signal);
    },
  };
}
