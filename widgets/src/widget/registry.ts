/**
 * The widget types: French names and icons for pickers, which query shapes each can show, a
 * suggestion for a new query, and a code-split loader per type (each renderer — and the ECharts
 * or MapLibre code it registers — is downloaded only when a widget of that type is shown).
 */
import type { QueryShape, WidgetType, WidgetTypeInfo } from './types.ts';

const isTime = (type: string | undefined) => type === 'year' || type === 'date';
const dims = (shape: QueryShape) => shape.dimensions.length;
/** Latitude and longitude both asked: one point per row (a project, a collectivité…). */
const hasCoordinates = (shape: QueryShape) =>
  shape.dimensions.filter((d) => d.type === 'coordinate').length === 2;

export const WIDGET_TYPE_INFO: Readonly<Record<WidgetType, WidgetTypeInfo>> = {
  kpi: {
    type: 'kpi',
    label: 'Indicateur',
    icon: 'fr-icon-dashboard-3-line',
    // One figure: no dimension, or a year dimension for the comparison and the sparkline.
    fits: (s) => s.measures >= 1 && (dims(s) === 0 || (dims(s) === 1 && s.dimensions[0]?.type === 'year')),
    load: () => import('../kpi/Renderer.tsx'),
  },
  bar: {
    type: 'bar',
    label: 'Barres',
    icon: 'fr-icon-bar-chart-box-line',
    fits: (s) => s.measures >= 1 && dims(s) >= 1 && dims(s) <= 2,
    load: () => import('../bar/Renderer.tsx'),
  },
  line: {
    type: 'line',
    label: 'Courbe',
    icon: 'fr-icon-line-chart-line',
    fits: (s) => s.measures >= 1 && dims(s) >= 1 && dims(s) <= 2 && isTime(s.dimensions[0]?.type),
    load: () => import('../line/Renderer.tsx'),
  },
  area: {
    type: 'area',
    label: 'Aires',
    icon: 'fr-icon-line-chart-fill',
    fits: (s) => s.measures >= 1 && dims(s) >= 1 && dims(s) <= 2 && isTime(s.dimensions[0]?.type),
    load: () => import('../area/Renderer.tsx'),
  },
  pie: {
    type: 'pie',
    label: 'Secteurs',
    icon: 'fr-icon-pie-chart-2-line',
    fits: (s) => s.measures === 1 && dims(s) === 1,
    load: () => import('../pie/Renderer.tsx'),
  },
  treemap: {
    type: 'treemap',
    label: 'Carte proportionnelle (treemap)',
    icon: 'fr-icon-layout-grid-line',
    // Two dimensions make a hierarchy (départements within their région).
    fits: (s) => s.measures === 1 && (dims(s) === 1 || dims(s) === 2),
    load: () => import('../treemap/Renderer.tsx'),
  },
  sankey: {
    type: 'sankey',
    label: 'Flux (Sankey)',
    icon: 'fr-icon-git-merge-line',
    fits: (s) => s.measures === 1 && dims(s) >= 2 && dims(s) <= 3,
    load: () => import('../sankey/Renderer.tsx'),
  },
  table: {
    type: 'table',
    label: 'Tableau',
    icon: 'fr-icon-table-line',
    fits: (s) => s.measures + dims(s) >= 1,
    load: () => import('../table/Renderer.tsx'),
  },
  pivot: {
    type: 'pivot',
    label: 'Tableau croisé',
    icon: 'fr-icon-table-2',
    fits: (s) => s.measures >= 1 && dims(s) >= 2,
    load: () => import('../pivot/Renderer.tsx'),
  },
  map: {
    type: 'map',
    label: 'Carte',
    icon: 'fr-icon-map-pin-2-line',
    // Areas need a territorial first dimension and a value; points need the two coordinates.
    fits: (s) => (s.measures >= 1 && s.dimensions[0]?.type === 'geo') || hasCoordinates(s),
    load: () => import('../map/Renderer.tsx'),
  },
  text: {
    type: 'text',
    label: 'Texte',
    icon: 'fr-icon-text',
    // A text block has no query.
    fits: (s) => s.measures === 0 && dims(s) === 0,
    load: () => import('../text/Renderer.tsx'),
  },
};

/** The widget types able to show a query of this shape, in palette order. */
export function fittingWidgetTypes(shape: QueryShape): WidgetType[] {
  return Object.values(WIDGET_TYPE_INFO)
    .filter((info) => info.fits(shape))
    .map((info) => info.type);
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
