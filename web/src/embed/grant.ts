/**
 * What `GET /api/embed/resource` answers (the shared contract's `GrantedDashboard`, read here
 * through the fields the embed uses) and how the embed asks its API.
 */
import type { DashboardDefinition, DatasetSummary } from '@dataetat/widgets';
import { createWidgetHost, type FilterSpec, type WidgetHost } from '@dataetat/widgets/react';
import type { HostFilterRule } from './hostFilters.ts';

export interface EmbedResource {
  readonly grant: {
    readonly kind: 'link' | 'embed';
    readonly id: string;
    /** The embedded widget; null = the whole dashboard. */
    readonly widgetId: string | null;
    readonly lockedFilters: readonly FilterSpec[];
    readonly hostFilters: readonly HostFilterRule[];
  };
  readonly dashboard: {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly definition: DashboardDefinition;
  };
  readonly catalogue: readonly DatasetSummary[];
}

/**
 * The embed's API: the token as a Bearer header, never a cookie (`credentials: 'omit'`: the
 * reader's session on the API's site must not leak into an anonymous embed), queries and exports
 * as `{ widgetId, spec }` on the grant routes. One host per token: two embeds on a page never
 * share a cached result (their locked filters differ).
 */
export function embedHost(apiBase: string, token: string): WidgetHost {
  return createWidgetHost({
    apiBase,
    credentials: 'omit',
    headers: () => ({ Authorization: `Bearer ${token}` }),
    cacheKey: token,
    queryPath: '/api/embed/query',
    exportPath: '/api/embed/export',
    queryBody: (spec, widgetId) => ({ widgetId, spec }),
  });
}
