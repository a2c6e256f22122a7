/**
 * Sharing API client and react-query hooks: named shares, share links and embeds of one
 * dashboard (session routes, owner or admin), and the account directory to pick people from.
 */
import type { FilterSpec } from '@dataetat/widgets/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from './client.ts';
import type {
  CreatedShareLink,
  DashboardShare,
  DirectoryUser,
  EmbedSummary,
  HostFilter,
  ShareLinkSummary,
  SharePermission,
} from './sharingTypes.ts';

export type {
  CreatedShareLink,
  DashboardShare,
  DirectoryUser,
  EmbedSummary,
  HostFilter,
  ShareLinkSummary,
  SharePermission,
};

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const dashboardPath = (id: string) => `/api/dashboards/${encodeURIComponent(id)}`;

export interface NewShareLink {
  readonly label?: string;
  /** ISO date-time; absent = never expires. */
  readonly expiresAt?: string;
  readonly agentsOnly?: boolean;
  readonly lockedFilters?: readonly FilterSpec[];
}

export interface NewEmbed extends NewShareLink {
  readonly dashboardId: string;
  readonly widgetId?: string;
  readonly hostFilters?: readonly HostFilter[];
  readonly allowedOrigins: readonly string[];
}

export async function searchDirectory(q: string, signal?: AbortSignal): Promise<readonly DirectoryUser[]> {
  const body = await request<{ users: DirectoryUser[] }>(
    `/api/users/directory?${new URLSearchParams({ q: q.trim() })}`,
    { signal },
  );
  return body.users;
}

export const sharingKeys = {
  shares: (id: string) => ['sharing', 'shares', id] as const,
  links: (id: string) => ['sharing', 'links', id] as const,
  embeds: (id: string) => ['sharing', 'embeds', id] as const,
  directory: (q: string) => ['sharing', 'directory', q] as const,
};

/** Accounts matching a search (≥ 2 characters, debounce it before). */
export function useDirectory(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: sharingKeys.directory(text),
    queryFn: ({ signal }) => searchDirectory(text, signal),
    enabled: text.length >= 2,
    staleTime: 30_000,
  });
}

export function useShares(dashboardId: string, enabled = true) {
  return useQuery({
    queryKey: sharingKeys.shares(dashboardId),
    queryFn: async ({ signal }) =>
      (await request<{ shares: DashboardShare[] }>(`${dashboardPath(dashboardId)}/shares`, { signal }))
        .shares,
    enabled,
    staleTime: 0,
  });
}

/**
 * Share links and embeds are both grants of one dashboard, listed, created and revoked alike: a
 * kind says only what its list holds, what creating one takes and answers, and where its routes
 * are. Its key names its query and the field of its list answer (`{ links: [...] }`).
 */
interface GrantKinds {
  links: { summary: ShareLinkSummary; new: NewShareLink; created: CreatedShareLink };
  embeds: { summary: EmbedSummary; new: NewEmbed; created: { embed: EmbedSummary } };
}
export type GrantKind = keyof GrantKinds;
export type GrantOf<K extends GrantKind> = GrantKinds[K]['summary'];

const GRANT_ROUTES: Record<
  GrantKind,
  {
    readonly list: (dashboardId: string) => string;
    readonly create: (dashboardId: string) => string;
    readonly grant: (grantId: string) => string;
  }
> = {
  links: {
    list: (id) => `${dashboardPath(id)}/share-links`,
    create: (id) => `${dashboardPath(id)}/share-links`,
    grant: (linkId) => `/api/share-links/${encodeURIComponent(linkId)}`,
  },
  embeds: {
    list: (id) => `${dashboardPath(id)}/embeds`,
    create: () => '/api/embeds',
    grant: (embedId) => `/api/embeds/${encodeURIComponent(embedId)}`,
  },
};

/** A dashboard's share links or embeds, revoked and expired ones included. */
export function useGrants<K extends GrantKind>(kind: K, dashboardId: string, enabled = true) {
  return useQuery({
    queryKey: sharingKeys[kind](dashboardId),
    queryFn: async ({ signal }) =>
      (await request<Record<K, GrantOf<K>[]>>(GRANT_ROUTES[kind].list(dashboardId), { signal }))[kind],
    enabled,
    staleTime: 0,
  });
}

/** A change to a dashboard's grants refreshes the list of their kind. */
function useGrantChange<V, R>(
  kind: GrantKind,
  dashboardId: string,
  mutationFn: (variables: V) => Promise<R>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: sharingKeys[kind](dashboardId) }),
  });
}

export const useCreateGrant = <K extends GrantKind>(kind: K, dashboardId: string) =>
  useGrantChange(kind, dashboardId, (body: GrantKinds[K]['new']) =>
    request<GrantKinds[K]['created']>(GRANT_ROUTES[kind].create(dashboardId), {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    }),
  );

export const useRevokeGrant = (kind: GrantKind, dashboardId: string) =>
  useGrantChange(kind, dashboardId, (grantId: string) =>
    request<unknown>(GRANT_ROUTES[kind].grant(grantId), { method: 'DELETE' }),
  );

/** Every change refreshes its list (and the dashboards lists: « Partagés avec moi » of others). */
export function useSharingMutations(dashboardId: string) {
  const client = useQueryClient();
  const refresh = (key: readonly unknown[]) => () => client.invalidateQueries({ queryKey: key });
  return {
    share: useMutation({
      mutationFn: ({ userId, permission }: { userId: number; permission: SharePermission }) =>
        request<DashboardShare>(`${dashboardPath(dashboardId)}/shares/${userId}`, {
          method: 'PUT',
          headers: JSON_HEADERS,
          body: JSON.stringify({ permission }),
        }),
      onSuccess: refresh(sharingKeys.shares(dashboardId)),
    }),
    unshare: useMutation({
      mutationFn: (userId: number) =>
        request<unknown>(`${dashboardPath(dashboardId)}/shares/${userId}`, { method: 'DELETE' }),
      onSuccess: refresh(sharingKeys.shares(dashboardId)),
    }),
  };
}
