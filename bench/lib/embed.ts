/**
 * One widget embedded as an intranet page would: the embed created through `POST /api/embeds`
 * (by an account that may share the dashboard, like the « Intégrer » dialog), then the query body the embed sends for it.
 */
import {
  applyDashboardFilters,
  type DashboardDefinition,
  defaultFilterValues,
  type GrantedDashboard,
  type QueryResult,
  type QuerySpec,
  shapeQuery,
} from '@dataetat/widgets';
import type { QueryClient } from './http-client.ts';

/** Reference dashboard and widget the embed bench shows (the « Crédits de paiement » KPI). */
export const EMBED_DASHBOARD_ID = 'ref-financements-etat-territoire';
export const EMBED_WIDGET_ID = 'kpi-cp';

export interface WidgetEmbed {
  /** What an embed viewer's requests carry: the signed token, nothing else (no session). */
  readonly viewer: QueryClient;
  /** `POST /api/embed/query` body: the widget id and its shaped query under the default filters. */
  readonly body: { readonly widgetId: string; readonly spec: QuerySpec };
}

async function json<T>(response: Response, what: string, expected = 200): Promise<T> {
  if (response.status !== expected) {
    throw new Error(`${what} → ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Creates the embed (no allowed origin needed: the load generator sends no Origin header). */
export async function createWidgetEmbed(
  sharer: QueryClient,
  dashboardId = EMBED_DASHBOARD_ID,
  widgetId = EMBED_WIDGET_ID,
): Promise<WidgetEmbed> {
  const created = await json<{ embed: { token: string } }>(
    await fetch(`${sharer.baseUrl}/api/embeds`, {
      method: 'POST',
      headers: { ...sharer.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ dashboardId, widgetId, label: 'Banc de charge', allowedOrigins: [] }),
    }),
    'POST /api/embeds',
    201,
  );
  const viewer: QueryClient = {
    baseUrl: sharer.baseUrl,
    headers: { authorization: `Bearer ${created.embed.token}` },
  };
  // What the embed reads first, then computes its query from (as svg-answer.ts does).
  const granted = await json<GrantedDashboard>(
    await fetch(`${sharer.baseUrl}/api/embed/resource`, { headers: viewer.headers }),
    'GET /api/embed/resource',
  );
  // The definition's own rules go beyond its answer schema (as the web app types it).
  const definition = granted.dashboard.definition as DashboardDefinition;
  const widget = definition.widgets.find((w) => w.id === widgetId);
  if (!widget) throw new Error(`widget ${widgetId} absent from the embed's dashboard`);
  const filtered = applyDashboardFilters(
    widget.query,
    defaultFilterValues(definition),
    granted.catalogue,
  ).query;
  if (!filtered) throw new Error(`widget ${widgetId} has no query`);
  return { viewer, body: { widgetId, spec: shapeQuery(widget, filtered) } };
}

/** `POST /api/embed/query` once, as the embed does (a refusal is a setup error, not load). */
export async function postEmbedQuery(embed: WidgetEmbed): Promise<QueryResult> {
  return json<QueryResult>(
    await fetch(`${embed.viewer.baseUrl}/api/embed/query`, {
      method: 'POST',
      headers: { ...embed.viewer.headers, 'content-type': 'application/json' },
      body: JSON.stringify(embed.body),
    }),
    'POST /api/embed/query',
  );
}
