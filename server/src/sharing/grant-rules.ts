/**
 * What a new share link or embed may say, checked before it is stored: locked filters and host
 * filters on fields of the shared datasets (values checked by the query planner, as a widget
 * query would be), bounded sizes, an expiry in the future within a year, exact web origins.
 * Every refusal is a 400 GRANT_INVALID with a French reason.
 */
import {
  type Catalogue,
  type DashboardDefinition,
  type FilterSpec,
  planQuery,
  SpecError,
} from '@dataetat/widgets';
import { AppError } from '../errors.ts';

type WidgetDefinition = DashboardDefinition['widgets'][number];

import type { StoredFilter, StoredHostFilter } from '../metadata/schema.ts';

export const GRANT_LIMITS = {
  /** Locked filters of one grant (and host filters of one embed). */
  filters: 20,
  /** Values over all the filters of one grant. */
  values: 200,
  /** Allowed origins of one embed. */
  origins: 20,
  /** Longest validity of a grant. */
  maxDays: 366,
} as const;

const DAY_MS = 86_400_000;

function invalid(reason: string, details?: Record<string, unknown>): AppError {
  return new AppError('GRANT_INVALID', { reason }, details);
}

/** The widgets a grant opens: one (widget embed) or all of the dashboard. */
export function grantWidgets(
  definition: DashboardDefinition,
  widgetId: string | null,
): readonly WidgetDefinition[] {
  if (widgetId === null) return definition.widgets;
  const widget = definition.widgets.find((w) => w.id === widgetId);
  if (!widget) {
    const known = definition.widgets.map((w) => `« ${w.id} »`).join(', ') || 'aucun';
    throw invalid(`le widget « ${widgetId} » n’existe pas dans ce tableau de bord (widgets : ${known}).`, {
      path: '/widgetId',
    });
  }
  return [widget];
}

/** Datasets read by these widgets, in order, once each. */
function datasetsOf(widgets: readonly WidgetDefinition[]): string[] {
  return [...new Set(widgets.flatMap((w) => (w.query ? [w.query.dataset] : [])))];
}

/**
 * Checks one filter against every shared dataset that has its field as a dimension, through
 * the planner (operator fits the type, values parse); at least one must have it.
 */
function checkFilter(
  filter: FilterSpec,
  path: string,
  datasets: readonly string[],
  catalogue: Catalogue,
): void {
  const holders = datasets.filter((id) => catalogue.get(id)?.dimensions.some((d) => d.id === filter.field));
  if (holders.length === 0) {
    const fields = [
      ...new Set(datasets.flatMap((id) => catalogue.get(id)?.dimensions.map((d) => d.id) ?? [])),
    ];
    throw invalid(
      `le champ « ${filter.field} » n’est une dimension d’aucun jeu de données partagé (${fields.join(', ') || 'aucun jeu de données'}).`,
      { path: `${path}/field` },
    );
  }
  for (const id of holders) {
    const dataset = catalogue.get(id);
    const measure = dataset?.measures[0];
    if (!measure) continue;
    try {
      planQuery(
        { dataset: id, measures: [measure.id] },
        catalogue,
        { scope: 'NAT', lockedFilters: [filter] },
        {
          maxLimit: 1,
        },
      );
    } catch (error) {
      if (error instanceof SpecError) {
        throw invalid(`filtre ${path} : ${error.message}`, { path, dataset: id });
      }
      throw error;
    }
  }
}

function countValues(filters: readonly { values?: readonly unknown[] }[]): number {
  return filters.reduce((sum, f) => sum + (f.values?.length ?? 0), 0);
}

/** Locked filters of a link or an embed on the shared widgets. */
export function checkLockedFilters(
  filters: readonly FilterSpec[],
  widgets: readonly WidgetDefinition[],
  catalogue: Catalogue,
): StoredFilter[] {
  if (filters.length > GRANT_LIMITS.filters) {
    throw invalid(`${filters.length} filtres verrouillés : ${GRANT_LIMITS.filters} au plus.`);
  }
  if (countValues(filters) > GRANT_LIMITS.values) {
    throw invalid(`trop de valeurs dans les filtres verrouillés : ${GRANT_LIMITS.values} au plus en tout.`);
  }
  const datasets = datasetsOf(widgets);
  filters.forEach((f, i) => {
    checkFilter(f, `/lockedFilters/${i}`, datasets, catalogue);
  });
  return filters.map((f) => ({
    field: f.field,
    op: f.op,
    ...(f.values !== undefined && { values: [...f.values] }),
  }));
}

/** Filters the host page of an embed may set, and their allowed values (omitted: any). */
export function checkHostFilters(
  filters: readonly StoredHostFilter[],
  widgets: readonly WidgetDefinition[],
  catalogue: Catalogue,
): StoredHostFilter[] {
  if (filters.length > GRANT_LIMITS.filters) {
    throw invalid(`${filters.length} filtres de la page hôte : ${GRANT_LIMITS.filters} au plus.`);
  }
  if (countValues(filters) > GRANT_LIMITS.values) {
    throw invalid(
      `trop de valeurs dans les filtres de la page hôte : ${GRANT_LIMITS.values} au plus en tout.`,
    );
  }
  const seen = new Set<string>();
  const datasets = datasetsOf(widgets);
  filters.forEach((f, i) => {
    if (seen.has(f.field))
      throw invalid(`le champ « ${f.field} » est cité deux fois dans les filtres de la page hôte.`);
    seen.add(f.field);
    const probe: FilterSpec =
      f.values === undefined
        ? { field: f.field, op: 'not_null' }
        : { field: f.field, op: 'in', values: f.values };
    if (f.values !== undefined && f.values.length === 0) {
      throw invalid(
        `filtre de la page hôte « ${f.field} » : donnez au moins une valeur permise, ou aucune liste (toutes).`,
      );
    }
    checkFilter(probe, `/hostFilters/${i}`, datasets, catalogue);
  });
  return filters.map((f) => ({ field: f.field, ...(f.values !== undefined && { values: [...f.values] }) }));
}

/** `expiresAt` (ISO date): in the future, within GRANT_LIMITS.maxDays; null when absent. */
export function checkExpiry(expiresAt: string | undefined | null, now: Date = new Date()): Date | null {
  if (expiresAt === undefined || expiresAt === null) return null;
  const at = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(expiresAt)
    ? new Date(expiresAt)
    : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) {
    throw invalid(
      `date d’expiration « ${expiresAt} » illisible (format ISO attendu, ex. 2027-06-30T23:59:59Z).`,
      {
        path: '/expiresAt',
      },
    );
  }
  if (at.getTime() <= now.getTime()) {
    throw invalid('la date d’expiration doit être dans le futur.', { path: '/expiresAt' });
  }
  if (at.getTime() > now.getTime() + GRANT_LIMITS.maxDays * DAY_MS) {
    throw invalid(`la date d’expiration doit être dans moins d’un an (${GRANT_LIMITS.maxDays} jours).`, {
      path: '/expiresAt',
    });
  }
  return at;
}

/**
 * Allowed origins of an embed: `http(s)://host[:port]`, no path, query, fragment nor user;
 * normalised by `new URL().origin` (lower-case host, default port dropped), duplicates merged.
 */
export function checkOrigins(origins: readonly string[]): string[] {
  if (origins.length > GRANT_LIMITS.origins) {
    throw invalid(`${origins.length} origines autorisées : ${GRANT_LIMITS.origins} au plus.`);
  }
  const normalised = origins.map((text, i) => {
    const refuse = (why: string) =>
      invalid(
        `origine « ${text} » refusée : ${why} (attendu : https://hôte ou https://hôte:port, sans chemin).`,
        {
          path: `/allowedOrigins/${i}`,
        },
      );
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw refuse('ce n’est pas une adresse web');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw refuse('seuls http et https sont permis');
    if (url.username !== '' || url.password !== '') throw refuse('identifiants interdits dans une origine');
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(text)) {
      throw refuse('une origine n’a ni chemin, ni paramètres, ni fragment');
    }
    return url.origin;
  });
  return [...new Set(normalised)];
}
