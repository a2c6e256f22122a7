/**
 * What a share link or an embed may ask: the query of one of its widgets, as its page sends it
 * (scope.ts adds global filters, the drill level and cross-filter selections, then `shapeQuery`
 * pages and subtotals it), never more. Checked on the server before the spec is planned, with
 * the grant's locked filters and its creator's territory added after (SecurityContext): this
 * check keeps a viewer inside the widget, the context keeps the widget inside the grant.
 *
 * Allowed: the widget's dataset; a subset of its measures and dimensions (a map may drill to a
 * finer territorial level of the same dataset); every filter of the widget, unchanged, plus any
 * other filter (filters are ANDed: an extra one only narrows); a bounded page (`limit`).
 */
import { TERRITOIRE_LEVELS, type TerritoireLevel } from '../dashboard/types.ts';
import type { FilterSpec, QuerySpec } from '../spec/types.ts';
import { PAGE_SIZES } from '../table/query.ts';
import { shapeQuery } from '../widget/registry.ts';
import type { WidgetDefinition } from '../widget/types.ts';

/** What the check needs of the widget's dataset: its dimensions (a catalogue entry fits). */
export interface WithinWidgetDataset {
  readonly id: string;
  readonly dimensions: readonly { readonly id: string; readonly type: string; readonly level?: string }[];
}

/** Rows a grant query may ask when its widget sets no limit (the compiler's default). */
export const GRANT_DEFAULT_LIMIT = 1_000;

/** A spec asking more than its widget shows: 403 GRANT_OUT_OF_RESOURCE on the server. */
export class GrantScopeError extends Error {
  readonly code = 'GRANT_OUT_OF_RESOURCE' as const;
  readonly status = 403 as const;
  constructor(
    /** French, says what is out of the widget (« la mesure « montant_cp » … »). */
    readonly reason: string,
    /** JSON pointer into the spec (`/measures/1`); '' for the spec itself. */
    readonly path: string,
  ) {
    super(`Demande hors du partage : ${reason} (emplacement « ${path || '/'} »).`);
    this.name = 'GrantScopeError';
  }
}

const isTerritoireLevel = (value: unknown): value is TerritoireLevel =>
  typeof value === 'string' && (TERRITOIRE_LEVELS as readonly string[]).includes(value);

/**
 * Dimensions a map may show when drilled: the geographic dimensions of the dataset at its own
 * territorial level or finer (région → département → EPCI → commune), as scope.ts swaps them.
 */
function drillDimensions(widget: WidgetDefinition, dataset: WithinWidgetDataset): string[] {
  if (widget.type !== 'map') return [];
  const levels = (widget.query?.dimensions ?? [])
    .map((id) => dataset.dimensions.find((d) => d.id === id))
    .filter((d) => d?.type === 'geo' && isTerritoireLevel(d.level))
    .map((d) => TERRITOIRE_LEVELS.indexOf(d?.level as TerritoireLevel));
  if (levels.length === 0) return [];
  const coarsest = Math.min(...levels);
  return dataset.dimensions
    .filter((d) => d.type === 'geo' && isTerritoireLevel(d.level))
    .filter((d) => TERRITOIRE_LEVELS.indexOf(d.level as TerritoireLevel) >= coarsest)
    .map((d) => d.id);
}

const sameValue = (a: unknown, b: unknown) => a === b;

/** Same field, operator and values (in order): the widget's own filter, untouched. */
function sameFilter(a: FilterSpec, b: FilterSpec): boolean {
  if (a.field !== b.field || a.op !== b.op) return false;
  const left = a.values ?? [];
  const right = b.values ?? [];
  return (
    (a.values === undefined) === (b.values === undefined) &&
    left.length === right.length &&
    left.every((value, i) => sameValue(value, right[i]))
  );
}

const describeFilter = (filter: FilterSpec) =>
  `${filter.field} ${filter.op}${filter.values ? ` ${JSON.stringify(filter.values)}` : ''}`;

/** Largest `limit` a grant query of this widget may ask: its own, a table page, or the default. */
export function grantLimit(widget: WidgetDefinition): number {
  const shaped = widget.query ? shapeQuery(widget, widget.query) : null;
  return Math.max(shaped?.limit ?? GRANT_DEFAULT_LIMIT, ...PAGE_SIZES);
}

/**
 * Throws `GrantScopeError` unless `spec` stays within `widget` (see the module comment).
 * `dataset` is the widget's dataset from the catalogue (for the drill-down levels).
 */
export function assertSpecWithinWidget(
  spec: QuerySpec,
  widget: WidgetDefinition,
  dataset: WithinWidgetDataset,
): void {
  const own = widget.query;
  if (own === null) {
    throw new GrantScopeError(`le widget « ${widget.title} » n’interroge aucune donnée`, '');
  }
  if (spec.dataset !== own.dataset || dataset.id !== own.dataset) {
    throw new GrantScopeError(
      `le jeu de données « ${spec.dataset} » n’est pas celui du widget « ${widget.title} » (${own.dataset})`,
      '/dataset',
    );
  }
  spec.measures.forEach((measure, i) => {
    if (!own.measures.includes(measure)) {
      throw new GrantScopeError(
        `la mesure « ${measure} » ne fait pas partie du widget « ${widget.title} »`,
        `/measures/${i}`,
      );
    }
  });
  const dimensions = new Set([...(own.dimensions ?? []), ...drillDimensions(widget, dataset)]);
  (spec.dimensions ?? []).forEach((dimension, i) => {
    if (!dimensions.has(dimension)) {
      throw new GrantScopeError(
        `la dimension « ${dimension} » ne fait pas partie du widget « ${widget.title} »`,
        `/dimensions/${i}`,
      );
    }
  });
  const filters = spec.filters ?? [];
  for (const filter of own.filters ?? []) {
    if (!filters.some((asked) => sameFilter(asked, filter))) {
      throw new GrantScopeError(
        `le filtre du widget « ${describeFilter(filter)} » doit être conservé tel quel`,
        '/filters',
      );
    }
  }
  const max = grantLimit(widget);
  if (spec.limit !== undefined && spec.limit > max) {
    throw new GrantScopeError(`au plus ${max} lignes peuvent être demandées pour ce widget`, '/limit');
  }
}
