/**
 * The widget types: the list of their definitions (`<type>/index.ts`, see define.ts), in palette
 * order. Adding a type = adding its folder and one line here. Pickers, the explorer form, option
 * resolving, dashboard validation, query shaping and the gallery all read this list.
 */
import { area } from '../area/index.ts';
import { bar } from '../bar/index.ts';
import { gauge } from '../gauge/index.ts';
import { kpi } from '../kpi/index.ts';
import { line } from '../line/index.ts';
import { map } from '../map/index.ts';
import { pie } from '../pie/index.ts';
import { pivot } from '../pivot/index.ts';
import { sankey } from '../sankey/index.ts';
import type { QuerySpec } from '../spec/types.ts';
import { table } from '../table/index.ts';
import { text } from '../text/index.ts';
import { treemap } from '../treemap/index.ts';
import type { WidgetTypeDefinition } from './define.ts';
import { type RawOptions, resolveOptions } from './options.ts';
import { isWidgetType, shapeResolvedQuery } from './renderings.ts';
import { hasCoordinates, isTime } from './shape.ts';
import type { QueryShape, WidgetDefinition } from './types.ts';

export const WIDGET_DEFINITIONS = [
  kpi,
  gauge,
  bar,
  line,
  area,
  pie,
  treemap,
  sankey,
  table,
  pivot,
  map,
  text,
] as const;

/** The name of a widget type (`'bar'`…): the `type` of one of the definitions. */
export type WidgetType = (typeof WIDGET_DEFINITIONS)[number]['type'];

export const WIDGET_TYPES: readonly WidgetType[] = WIDGET_DEFINITIONS.map((d) => d.type);

/** Each type's definition by name. */
export const WIDGET_TYPE_INFO = Object.fromEntries(WIDGET_DEFINITIONS.map((d) => [d.type, d])) as unknown as {
  readonly [T in WidgetType]: WidgetTypeDefinition<T>;
};

export { isWidgetType };

/**
 * A widget's options as its renderer and query shaping read them: stored options checked against
 * the type's schema (see `resolveOptions`). Idempotent: resolved options resolve to themselves.
 */
export function resolveWidgetOptions(widget: Pick<WidgetDefinition, 'type' | 'options'>): RawOptions {
  return resolveOptions(WIDGET_TYPE_INFO[widget.type].options, widget.options);
}

/**
 * The query a widget of this type sends for `query` (already filtered by its page), from its
 * stored options: the type's own shaping (table: page size and totals; pivot: subtotals, row
 * order), or the query as it is. Every host (dashboard, explorer preview, embed, the server's
 * pictures) shapes the same way (`shapeResolvedQuery`), so a widget shows the same thing everywhere.
 */
export function shapeQuery(widget: Pick<WidgetDefinition, 'type' | 'options'>, query: QuerySpec): QuerySpec {
  return shapeResolvedQuery(widget.type, resolveWidgetOptions(widget), query);
}

const dims = (shape: QueryShape) => shape.dimensions.length;

/** The widget types able to show a query of this shape, in palette order. */
export function fittingWidgetTypes(shape: QueryShape): WidgetType[] {
  return WIDGET_DEFINITIONS.filter((d) => d.fits(shape)).map((d) => d.type);
}

/**
 * A sensible first type for a query: latitude and longitude → map of points; no dimension →
 * indicator; a geographic dimension → map; a year or date first → line; one category → bars;
 * several categories → pivot table. Always a type that fits (table as the last resort).
 */
export function suggestWidgetType(shape: QueryShape): WidgetType {
  const [first] = shape.dimensions;
  const candidate: WidgetType = hasCoordinates(shape)
    ? 'map'
    : shape.measures === 0
      ? dims(shape) === 0
        ? 'text'
        : 'table'
      : dims(shape) === 0
        ? 'kpi'
        : first?.type === 'geo' && dims(shape) === 1
          ? 'map'
          : isTime(first?.type) && dims(shape) <= 2
            ? 'line'
            : dims(shape) === 1
              ? 'bar'
              : 'pivot';
  return WIDGET_TYPE_INFO[candidate].fits(shape) ? candidate : 'table';
}

/** The shape of a query result (the explorer can also build one from the catalogue). */
export function shapeOfResult(result: {
  readonly columns: readonly {
    readonly id: string;
    readonly type: string;
    readonly level?: string;
    readonly role: string;
  }[];
}): QueryShape {
  return {
    measures: result.columns.filter((c) => c.role === 'measure').length,
    dimensions: result.columns
      .filter((c) => c.role === 'dimension')
      .map((c) => ({ id: c.id, type: c.type, ...(c.level ? { level: c.level } : {}) })),
  };
}
