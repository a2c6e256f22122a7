/**
 * What a grant shows (`GET /api/links/:token`, `GET /api/embed/resource`): the grant's terms,
 * the dashboard as its creator reads it now — only the embedded widget and its cell for a widget
 * embed — and the catalogue entries of the datasets it uses (source, freshness) so the page can
 * apply its filters and show provenance without a session.
 */
import {
  type DashboardDefinition,
  type FilterSpec,
  type GrantedDashboard,
  type LockedLabel,
  type QuerySpec,
  resolveWidgetOptions,
} from '@dataetat/widgets';
import { NATIONAL_SCOPE } from '../auth/roles.ts';
import { describeDataset } from '../catalogue/describe.ts';
import { yearsCovered } from '../catalogue/period.ts';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import type { GrantView } from './grant-context.ts';
import { lockedValueLabels } from './locked-labels.ts';

type WidgetDefinition = DashboardDefinition['widgets'][number];

/**
 * The definition a grant shows: the whole dashboard, or the embedded widget alone at the top.
 * Widget options come resolved against their type's schema (defaults in, invalid values out):
 * the embed bundle draws them as they are and ships neither the schemas nor TypeBox
 * (widgets/src/widget/renderedOptions.embed.ts).
 */
export function grantedDefinition(view: GrantView): DashboardDefinition {
  const definition = view.dashboard.definition;
  const { widgetId } = view.grant;
  const widgets = definition.widgets
    .filter((w) => widgetId === null || w.id === widgetId)
    .map((w) => ({ ...w, options: resolveWidgetOptions(w) }));
  if (widgetId === null) return { ...definition, widgets };
  const cell = definition.layout.find((item) => item.i === widgetId);
  return { ...definition, widgets, layout: cell ? [{ ...cell, x: 0, y: 0 }] : [] };
}

/**
 * The widget a grant query asks for: one of the granted definition's widgets (for a widget
 * embed, that widget only), else the request is out of the resource.
 */
export function grantedWidget(view: GrantView, widgetId: string): WidgetDefinition & { query: QuerySpec } {
  const widget = grantedDefinition(view).widgets.find((w) => w.id === widgetId);
  if (!widget?.query) {
    throw new AppError(
      'GRANT_OUT_OF_RESOURCE',
      { reason: `le widget « ${widgetId} » ne fait pas partie de ce partage ou n’a pas de données.` },
      { path: '/widgetId' },
    );
  }
  return widget as WidgetDefinition & { query: QuerySpec };
}

/** Ids of the datasets the granted widgets read. */
export function grantedDatasets(view: GrantView): string[] {
  const ids = grantedDefinition(view).widgets.flatMap((w) => (w.query ? [w.query.dataset] : []));
  return [...new Set(ids)];
}

/**
 * The names of a grant's locked values (« departement » 35 → « Ille-et-Vilaine »), sent with
 * the resource: one request for the page rather than one values request per locked field, and
 * no need for the locked field to be listable through the grant (a KPI embed locked to a
 * département lists nothing). Read in the grant's own context (see locked-labels.ts).
 */
export function lockedLabels(
  services: Pick<Services, 'catalogue' | 'queries'>,
  view: GrantView,
): Promise<LockedLabel[]> {
  const datasets = grantedDatasets(view).flatMap((id) => services.catalogue.get(id) ?? []);
  return lockedValueLabels(services.queries, datasets, view.grant.lockedFilters, view.context);
}

/**
 * The région the grant's data is held to by its territory (the creator's, or the viewer's for
 * agents only), named — null when national. The shared view's breadcrumb starts there, not at
 * « France entière », when no locked filter names a finer territory.
 */
async function grantTerritory(
  services: Pick<Services, 'catalogue' | 'queries'>,
  view: GrantView,
): Promise<{ code: string; label: string } | null> {
  const { scope } = view.context;
  if (scope === NATIONAL_SCOPE) return null;
  const datasets = grantedDatasets(view).flatMap((id) => services.catalogue.get(id) ?? []);
  const region: FilterSpec = { field: 'region', op: 'eq', values: [scope] };
  const [named] = await lockedValueLabels(services.queries, datasets, [region], view.context);
  return { code: scope, label: named?.label ?? `Région ${scope}` };
}

export async function grantedDashboard(
  services: Pick<Services, 'catalogue' | 'versions' | 'queries'>,
  view: GrantView,
): Promise<GrantedDashboard> {
  const { grant, dashboard } = view;
  const [catalogue, labels, territory] = await Promise.all([
    Promise.all(
      grantedDatasets(view).flatMap((id) => {
        const dataset = services.catalogue.get(id);
        if (!dataset) return [];
        const load = services.versions.get(id);
        return [
          (async () =>
            describeDataset(dataset, load, load ? await yearsCovered(dataset, services.queries) : []))(),
        ];
      }),
    ),
    lockedLabels(services, view),
    grantTerritory(services, view),
  ]);
  return {
    grant: {
      kind: grant.kind,
      id: grant.id,
      widgetId: grant.widgetId,
      lockedFilters: [...grant.lockedFilters],
      lockedLabels: labels,
      territory,
      hostFilters: grant.hostFilters.map((f) => ({
        field: f.field,
        ...(f.values && { values: [...f.values] }),
      })),
      agentsOnly: grant.agentsOnly,
      expiresAt: grant.expiresAt?.toISOString() ?? null,
      sharedBy: view.creator.name,
    },
    dashboard: {
      id: dashboard.id,
      title: dashboard.title,
      description: dashboard.description,
      updatedAt: dashboard.updatedAt,
      definition: grantedDefinition(view),
    },
    catalogue,
  };
}
