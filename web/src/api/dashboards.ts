/**
 * Dashboards API client and react-query hooks (`/api/dashboards`, DESIGN §7 and §9).
 * Saving sends the version the editor started from: the server answers 409
 * `DASHBOARD_CONFLICT` when someone saved in between, never overwriting silently.
 */
import type {
  DashboardDefinition,
  DashboardDetail,
  DashboardLists,
  DashboardSummary,
  DashboardVersionSummary,
} from '@dataetat/widgets';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from './client.ts';

export type { DashboardLists, DashboardSummary, DashboardVersionSummary };
/** A dashboard as `GET /api/dashboards/:id` answers it. */
export type Dashboard = DashboardDetail;

export interface DashboardVersion {
  readonly version: number;
  readonly title: string;
  readonly description: string;
  readonly definition: DashboardDefinition;
}

export type DashboardSort = 'updated' | 'title';

export interface DashboardSave {
  readonly title: string;
  readonly description: string;
  readonly definition: DashboardDefinition;
  /** The version this edit started from. */
  readonly version: number;
  readonly message?: string;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const path = (id: string) => `/api/dashboards/${encodeURIComponent(id)}`;

export function fetchDashboards(search: { q: string; sort: DashboardSort }, signal?: AbortSignal) {
  const params = new URLSearchParams({ sort: search.sort });
  if (search.q.trim()) params.set('q', search.q.trim());
  return request<DashboardLists>(`/api/dashboards?${params}`, { signal });
}

export function fetchDashboard(id: string, signal?: AbortSignal) {
  return request<Dashboard>(path(id), { signal });
}

export function createDashboard(body: {
  title: string;
  description?: string;
  definition?: DashboardDefinition;
  duplicateOf?: string;
}) {
  return request<Dashboard>('/api/dashboards', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
  });
}

export function saveDashboard(id: string, body: DashboardSave, signal?: AbortSignal) {
  return request<Dashboard>(path(id), {
    method: 'PUT',
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
    signal,
  });
}

export function deleteDashboard(id: string) {
  return request<unknown>(path(id), { method: 'DELETE' });
}

export function restoreDashboard(id: string) {
  return request<unknown>(`${path(id)}/restore`, { method: 'POST' });
}

export async function fetchDashboardVersions(id: string, signal?: AbortSignal) {
  const body = await request<{ versions: readonly DashboardVersionSummary[] }>(`${path(id)}/versions`, {
    signal,
  });
  return body.versions;
}

export function fetchDashboardVersion(id: string, version: number, signal?: AbortSignal) {
  return request<DashboardVersion>(`${path(id)}/versions/${version}`, { signal });
}

export function restoreDashboardVersion(id: string, version: number) {
  return request<Dashboard>(`${path(id)}/versions/${version}/restore`, { method: 'POST' });
}

export const dashboardKeys = {
  all: ['dashboards'] as const,
  list: (q: string, sort: DashboardSort) => ['dashboards', 'list', q, sort] as const,
  one: (id: string) => ['dashboards', 'one', id] as const,
  versions: (id: string) => ['dashboards', 'versions', id] as const,
  version: (id: string, version: number) => ['dashboards', 'version', id, version] as const,
};

export function useDashboards(q: string, sort: DashboardSort) {
  return useQuery({
    queryKey: dashboardKeys.list(q.trim(), sort),
    queryFn: ({ signal }) => fetchDashboards({ q, sort }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useDashboard(id: string) {
  return useQuery({
    queryKey: dashboardKeys.one(id),
    queryFn: ({ signal }) => fetchDashboard(id, signal),
    staleTime: 0,
  });
}

export function useDashboardVersions(id: string, enabled = true) {
  return useQuery({
    queryKey: dashboardKeys.versions(id),
    queryFn: ({ signal }) => fetchDashboardVersions(id, signal),
    enabled,
    staleTime: 0,
  });
}

export function useDashboardVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: dashboardKeys.version(id, version ?? 0),
    queryFn: ({ signal }) => fetchDashboardVersion(id, version ?? 0, signal),
    enabled: version !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Create, duplicate, delete, undo a delete: each refreshes the lists. */
export function useDashboardMutations() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: dashboardKeys.all });
  return {
    create: useMutation({ mutationFn: createDashboard, onSuccess: refresh }),
    remove: useMutation({ mutationFn: deleteDashboard, onSuccess: refresh }),
    restore: useMutation({ mutationFn: restoreDashboard, onSuccess: refresh }),
  };
}

/** An empty dashboard offering the five global filters. */
export function emptyDefinition(title: string, description = ''): DashboardDefinition {
  return {
    schemaVersion: 1,
    title,
    description,
    widgets: [],
    layout: [],
    filters: [
      { id: 'annee', kind: 'annee', label: 'Année' },
      { id: 'territoire', kind: 'territoire', label: 'Territoire' },
      { id: 'programme', kind: 'programme', label: 'Programme' },
      { id: 'beneficiaire', kind: 'beneficiaire', label: 'Bénéficiaire' },
      { id: 'tags', kind: 'tags', label: 'Politique publique' },
    ],
  };
}
