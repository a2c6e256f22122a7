/**
 * The widget types' renderings (`<type>/rendering.ts`): what drawing a widget needs — its query
 * shaping and its code-split renderer — without the options schemas. The frame, the data provider
 * and the dashboard grid read this, so a bundle that only shows widgets (the embed) ships no
 * TypeBox; the registry (registry.ts) adds what editing and validating need.
 */
import { areaRendering } from '../area/rendering.ts';
import { barRendering } from '../bar/rendering.ts';
import { gaugeRendering } from '../gauge/rendering.ts';
import { kpiRendering } from '../kpi/rendering.ts';
import { lineRendering } from '../line/rendering.ts';
import { mapRendering } from '../map/rendering.ts';
import { pieRendering } from '../pie/rendering.ts';
import { pivotRendering } from '../pivot/rendering.ts';
import { sankeyRendering } from '../sankey/rendering.ts';
import type { QuerySpec } from '../spec/types.ts';
import { tableRendering } from '../table/rendering.ts';
import { textRendering } from '../text/rendering.ts';
import { treemapRendering } from '../treemap/rendering.ts';
import type { WidgetRendering } from './define.ts';
import type { RawOptions } from './options.ts';
import type { WidgetType } from './registry.ts';

// Keyed by type: a type of the registry without a rendering here does not compile.
const RENDERINGS: { readonly [T in WidgetType]: WidgetRendering<T, never> } = {
  kpi: kpiRendering,
  gauge: gaugeRendering,
  bar: barRendering,
  line: lineRendering,
  area: areaRendering,
  pie: pieRendering,
  treemap: treemapRendering,
  sankey: sankeyRendering,
  table: tableRendering,
  pivot: pivotRendering,
  map: mapRendering,
  text: textRendering,
};

/** Whether a string names a widget type (JSON from a file, a URL, an older version). */
export function isWidgetType(type: unknown): type is WidgetType {
  return typeof type === 'string' && Object.hasOwn(RENDERINGS, type);
}

export function renderingOf(type: WidgetType): WidgetRendering<WidgetType, RawOptions> {
  return RENDERINGS[type] as WidgetRendering<WidgetType, RawOptions>;
}

/**
 * The query a widget of this type sends for `query` (already filtered by its page), given the
 * widget's resolved options: the type's own shaping (table: page size and totals; pivot:
 * subtotals, row order), or the query as it is.
 */
export function shapeResolvedQuery(type: WidgetType, options: RawOptions, query: QuerySpec): QuerySpec {
  const rendering = renderingOf(type);
  return rendering.query ? rendering.query(query, options) : query;
}
