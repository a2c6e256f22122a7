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

export function useShareLinks(dashboardId: string, enabled = true) {
  return useQuery({
    queryKey: sharingKeys.links(dashboardId),
    queryFn: async ({ signal }) =>
      (await request<{ links: ShareLinkSummary[] }>(`${dashboardPath(dashboardId)}/share-links`, { signal }))
        .links,
    enabled,
    staleTime: 0,
  });
}

export function useEmbeds(dashboardId: string, enabled = true) {
  return useQuery({
    queryKey: sharingKeys.embeds(dashboardId),
    queryFn: async ({ signal }) =>
      (await request<{ embeds: EmbedSummary[] }>(`${dashboardPath(dashboardId)}/embeds`, { signal })).embeds,
    enabled,
    staleTime: 0,
  });
}

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
    createLink: useMutation({
      mutationFn: (body: NewShareLink) =>
        request<CreatedShareLink>(`${dashboardPath(dashboardId)}/share-links`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify(body),
        }),
      onSuccess: refresh(sharingKeys.links(dashboardId)),
    }),
    revokeLink: useMutation({
      mutationFn: (linkId: string) =>
        request<unknown>(`/api/share-links/${encodeURIComponent(linkId)}`, { method: 'DELETE' }),
      onSuccess: refresh(sharingKeys.links(dashboardId)),
    }),
    createEmbed: useMutation({
      mutationFn: (body: NewEmbed) =>
        request<{ embed: EmbedSummary }>('/api/embeds', {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify(body),
        }),
      onSuccess: refresh(sharingKeys.embeds(dashboardId)),
    }),
    revokeEmbed: useMutation({
      mutationFn: (embedId: string) =>
        request<unknown>(`/api/embeds/${encodeURIComponent(embedId)}`, { method: 'DELETE' }),
      onSuccess: refresh(sharingKeys.embeds(dashboardId)),
    }),
  };
}
