/**
 * Locked filter values of a share link or an embed, chosen with the dashboard's own filter
 * pickers (a `ViewState`) and stored as query filters (`FilterSpec[]`) the server ANDs to every
 * widget query. Pure, so the dialog, the shared view and the tests agree.
 */
import type { DashboardFilterKind, LockedLabel } from '@dataetat/widgets';
import type { FilterSpec } from '@dataetat/widgets/react';
import {
  FILTER_LABELS,
  isTerritoryLevel,
  TERRITORY_LEVEL_LABELS,
  TERRITORY_LEVELS,
  type TerritoryLevel,
} from '../dashboards/model.ts';
import { currentTerritory, type ViewState } from '../dashboards/viewState.ts';

const list = (field: string, values: readonly (string | number)[]): FilterSpec[] =>
  values.length === 0
    ? []
    : [
        values.length === 1
          ? { field, op: 'eq', values: [...values] }
          : { field, op: 'in', values: [...values] },
      ];

/** The values chosen in the pickers as filters: année, the territory chosen last, codes. */
export function lockedFiltersOf(view: ViewState): FilterSpec[] {
  const territory = currentTerritory(view);
  return [
    ...list('annee', view.annee),
    ...(territory ? list(territory.level, [territory.code]) : []),
    ...list(
      'programme',
      view.programme.map((c) => c.code),
    ),
    ...list(
      'beneficiaire',
      view.beneficiaire.map((c) => c.code),
    ),
    ...list(
      'tags',
      view.tags.map((c) => c.code),
    ),
  ];
}

/** The global filter a locked field belongs to (a territory level → « territoire »). */
export function filterKindOf(field: string): DashboardFilterKind | null {
  if (isTerritoryLevel(field)) return 'territoire';
  return field === 'annee' || field === 'programme' || field === 'beneficiaire' || field === 'tags'
    ? field
    : null;
}

/** French name of a locked field: « Département », « Année »… */
export function lockedFieldLabel(field: string): string {
  if (isTerritoryLevel(field)) return TERRITORY_LEVEL_LABELS[field];
  const kind = filterKindOf(field);
  return kind ? FILTER_LABELS[kind] : field;
}

/** « Année : 2022 à 2024 », « Département : Ille-et-Vilaine (35) », « Programme : 0380, 0362 ». */
export function describeLockedFilter(filter: FilterSpec, labels?: ReadonlyMap<string, string>): string {
  const values = (filter.values ?? []).map((v) => labels?.get(`${filter.field}:${v}`) ?? String(v));
  const numbers = (filter.values ?? []).filter((v): v is number => typeof v === 'number');
  const consecutive =
    filter.field === 'annee' &&
    numbers.length > 2 &&
    numbers.length === values.length &&
    numbers.every((v, i) => i === 0 || v === (numbers[i - 1] ?? 0) + 1);
  const text =
    filter.op === 'between' && values.length === 2
      ? `${values[0]} à ${values[1]}`
      : consecutive
        ? `${values[0]} à ${values.at(-1)}`
        : values.join(', ');
  return `${lockedFieldLabel(filter.field)} : ${text}`;
}

/** A value's name with its code, as filters show them: « Ille-et-Vilaine (35) », « 0380 Fonds vert ». */
function withCode(field: string, code: string | number, label: string): string {
  if (isTerritoryLevel(field)) return `${label} (${code})`;
  return label === String(code) ? label : `${code} ${label}`;
}

/** Names of the chosen values (territory and code pickers keep them), for the descriptions. */
export function valueLabelsOf(view: ViewState): Map<string, string> {
  const labels = new Map<string, string>();
  for (const t of view.territoire) labels.set(`${t.level}:${t.code}`, withCode(t.level, t.code, t.label));
  for (const kind of ['programme', 'beneficiaire', 'tags'] as const)
    for (const c of view[kind]) labels.set(`${kind}:${c.code}`, withCode(kind, c.code, c.label));
  return labels;
}

/** Names of a grant's locked values (sent with the granted resource), for the descriptions. */
export function lockedLabelsOf(labels: readonly LockedLabel[]): Map<string, string> {
  return new Map(labels.map((l) => [`${l.field}:${l.value}`, withCode(l.field, l.value, l.label)]));
}

/**
 * The territory a grant holds its data to — the finest locked level, named (« Ille-et-Vilaine »,
 * the code when the data has no name for it), else the région of the grant's territory (its
 * creator's, or the viewer's for agents only) — or null when national. Where the shared view's
 * breadcrumb starts instead of « France entière ».
 */
export function lockedTerritory(
  filters: readonly FilterSpec[],
  labels: readonly LockedLabel[],
  /** The région the grant's territory holds it to (null: national): the start without a lock. */
  territory: { readonly label: string } | null = null,
): { readonly level: TerritoryLevel; readonly label: string } | null {
  let finest: { level: TerritoryLevel; values: readonly unknown[] } | null = null;
  for (const filter of filters) {
    const { field, op, values = [] } = filter;
    if (!isTerritoryLevel(field) || (op !== 'eq' && op !== 'in') || values.length === 0) continue;
    if (!finest || TERRITORY_LEVELS.indexOf(field) > TERRITORY_LEVELS.indexOf(finest.level))
      finest = { level: field, values };
  }
  if (!finest) return territory ? { level: 'region', label: territory.label } : null;
  const { level } = finest;
  const nameOf = (code: unknown) =>
    labels.find((l) => l.field === level && String(l.value) === String(code))?.label ?? String(code);
  return { level, label: finest.values.map(nameOf).join(', ') };
}
