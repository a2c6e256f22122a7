/**
 * The filters a host page may set on an embed (`filters` attribute, `dataetat:filter` events):
 * only the fields its editor listed in `hostFilters`, within their allowed values. The rest is
 * ignored with a French warning in the console. This is a courtesy, not the guarantee: the
 * server ANDs the embed's locked filters to every query whatever the page asks.
 */
import type { DashboardDatasetInfo } from '@dataetat/widgets';
import { TEXT_LIMITS } from '@dataetat/widgets';
import type { FilterSpec, WidgetDefinition } from '@dataetat/widgets/react';

/** A field the host page may set; `values` absent = any value. */
export interface HostFilterRule {
  readonly field: string;
  readonly values?: readonly (string | number | boolean)[];
}

export type HostValue = string | number;
/** Field → values asked by the host page. */
export type HostFilters = Readonly<Record<string, readonly HostValue[]>>;

/** More would only be a page trying its luck: a host page sets a handful of fields. */
const MAX_FIELDS = 20;
const MAX_VALUES = 200;

export interface AcceptedFilters {
  readonly filters: readonly FilterSpec[];
  readonly warnings: readonly string[];
}

const isValue = (value: unknown): value is HostValue =>
  (typeof value === 'string' && value.length <= TEXT_LIMITS.filterValue) ||
  (typeof value === 'number' && Number.isFinite(value));

/** Reads the `filters` attribute (JSON); a broken one is ignored with a warning. */
export function parseFiltersAttribute(text: string | null): { filters: HostFilters; warnings: string[] } {
  if (text === null || text.trim() === '') return { filters: {}, warnings: [] };
  try {
    return readHostFilters(JSON.parse(text));
  } catch {
    return {
      filters: {},
      warnings: ['Attribut filters illisible : il doit contenir du JSON, par exemple {"annee":[2024]}.'],
    };
  }
}

/** Checks the shape of asked filters (`{ field: values[] }`), whatever their origin. */
export function readHostFilters(value: unknown): { filters: HostFilters; warnings: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { filters: {}, warnings: ['Filtres ignorés : ils doivent être un objet { champ: [valeurs] }.'] };
  }
  const filters: Record<string, HostValue[]> = {};
  const warnings: string[] = [];
  for (const [field, values] of Object.entries(value).slice(0, MAX_FIELDS)) {
    const list = Array.isArray(values) ? values : [values];
    if (field.length > TEXT_LIMITS.field || list.length > MAX_VALUES || !list.every(isValue)) {
      warnings.push(`Filtre « ${field.slice(0, 50)} » ignoré : valeurs illisibles ou trop nombreuses.`);
      continue;
    }
    filters[field] = list;
  }
  return { filters, warnings };
}

/**
 * The asked filters the embed allows, as query filters: unknown fields are dropped, values
 * outside the allowed ones are dropped, a field left without a value is dropped.
 */
export function acceptHostFilters(asked: HostFilters, rules: readonly HostFilterRule[]): AcceptedFilters {
  const filters: FilterSpec[] = [];
  const warnings: string[] = [];
  for (const [field, values] of Object.entries(asked)) {
    if (values.length === 0) continue;
    const rule = rules.find((r) => r.field === field);
    if (!rule) {
      warnings.push(`Le filtre « ${field} » n’est pas autorisé par cette intégration : il est ignoré.`);
      continue;
    }
    const allowed = rule.values?.map(String);
    const kept = allowed ? values.filter((v) => allowed.includes(String(v))) : [...values];
    if (kept.length < values.length) {
      const refused = values.filter((v) => !kept.includes(v)).join(', ');
      warnings.push(`Valeurs non autorisées pour le filtre « ${field} » ignorées : ${refused}.`);
    }
    if (kept.length > 0) filters.push({ field, op: 'in', values: kept });
  }
  return { filters, warnings };
}

/** The widget with the host filters its dataset can take added to its query (narrowing only). */
export function withHostFilters(
  widget: WidgetDefinition,
  filters: readonly FilterSpec[],
  catalogue: readonly DashboardDatasetInfo[],
): WidgetDefinition {
  const query = widget.query;
  if (!query || filters.length === 0) return widget;
  const dataset = catalogue.find((d) => d.id === query.dataset);
  const applicable = filters.filter((f) => dataset?.dimensions.some((d) => d.id === f.field));
  if (applicable.length === 0) return widget;
  return { ...widget, query: { ...query, filters: [...(query.filters ?? []), ...applicable] } };
}
