/** What an embed reads from its API, and how it asks. */
import { createWidgetHost, type WidgetHost } from '@dataetat/widgets/react';
import type { GrantedDashboard } from '../api/sharingTypes.ts';

/** What `GET /api/embed/resource` answers: the shared contract's `GrantedDashboard`. */
export type EmbedResource = GrantedDashboard;

/**
 * The embed's API: the token as a Bearer header, never a cookie (`credentials: 'omit'`: the
 * reader's session on the API's site must not leak into an anonymous embed), queries and exports
 * as `{ widgetId, spec }` on the grant routes. One host per token: two embeds on a page never
 * share a cached result (their locked filters differ).
 */
export function embedHost(apiBase: string, token: string): WidgetHost {
  const host = createWidgetHost({
    apiBase,
    credentials: 'omit',
    headers: () => ({ Authorization: `Bearer ${token}` }),
    cacheKey: token,
    queryPath: '/api/embed/query',
    exportPath: '/api/embed/export',
    queryBody: (spec, widgetId) => ({ widgetId, spec }),
  });
  // Boundaries and tiles are public open data: asked without the token, as simple cross-origin
  // GETs (no preflight), shared by every embed of the API on the page.
  return { ...host, geo: publicGeo(apiBase) };
}

const geoSources = new Map<string, WidgetHost['geo']>();
function publicGeo(apiBase: string): WidgetHost['geo'] {
  let geo = geoSources.get(apiBase);
  if (!geo) {
    geo = createWidgetHost({ apiBase, credentials: 'omit' }).geo;
    geoSources.set(apiBase, geo);
  }
  return geo;
}
