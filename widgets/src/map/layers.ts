import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import type { ChoroplethClasses } from './classify.ts';
import {
  AREA_OUTLINE,
  CONTEXT_OUTLINE,
  NO_DATA_FILL,
  NO_DATA_HATCH,
  OUT_OF_SCOPE_FILL,
  SELECTED_OUTLINE,
  SYMBOL_FILL,
} from './colours.ts';

/**
 * The MapLibre layers of each mode, as pure functions of the classes and the selection, so the
 * styling is tested without WebGL. Areas are joined on their `code` property.
 */
export const AREA_SOURCE = 'areas';
export const SYMBOL_SOURCE = 'symbols';
export const INSET_SOURCE = 'insets';
/** Commune tiles under the quartiers prioritaires (where they are, at a glance). */
export const CONTEXT_SOURCE = 'context';
export const HATCH_IMAGE = 'pas-de-donnees';
export const LAYER_IDS = {
  noData: 'areas-no-data',
  outOfScope: 'areas-out-of-scope',
  data: 'areas-data',
  outline: 'areas-outline',
  selected: 'areas-selected',
  symbols: 'symbols',
  clusters: 'clusters',
  points: 'points',
  selectedPoint: 'points-selected',
  insetFrames: 'insets-frames',
  context: 'context-communes',
} as const;

const CODE: ExpressionSpecification = ['get', 'code'];
const TRANSPARENT = 'rgba(0,0,0,0)';

/** `code` → class colour; areas absent from the result get no colour (the hatched layer shows). */
export function fillColour(classes: ChoroplethClasses): ExpressionSpecification | string {
  const branches: (string | string[])[] = [];
  classes.codesByClass.forEach((codes, i) => {
    if (codes.length > 0) branches.push([...codes], classes.colours[i] ?? TRANSPARENT);
  });
  if (branches.length === 0) return TRANSPARENT;
  return ['match', CODE, ...branches, TRANSPARENT] as unknown as ExpressionSpecification;
}

/** Whether an area is in the result. `match` (a hash lookup), not `in` (a scan per feature). */
export function hasData(codes: readonly string[]): ExpressionSpecification {
  if (codes.length === 0) return ['boolean', false];
  return ['match', CODE, [...codes], true, false] as unknown as ExpressionSpecification;
}

/** Source-layer of the commune tiles, or undefined for GeoJSON sources. */
type SourceLayer = { 'source-layer'?: string };

/**
 * Choropleth: classes for areas with data, hatching for areas without; with a drill (`inScope`,
 * see drillScope.ts), areas outside the territory are plain light grey and answer no hover.
 */
export function choroplethLayers(
  classes: ChoroplethClasses,
  codes: readonly string[],
  sourceLayer: string | undefined,
  inScope: ExpressionSpecification | null = null,
): (FillLayerSpecification | LineLayerSpecification)[] {
  const from: SourceLayer = sourceLayer ? { 'source-layer': sourceLayer } : {};
  const noData: ExpressionSpecification = ['!', hasData(codes)];
  return [
    ...(inScope
      ? [
          {
            id: LAYER_IDS.outOfScope,
            type: 'fill',
            source: AREA_SOURCE,
            ...from,
            filter: ['all', noData, ['!', inScope]],
            paint: { 'fill-color': OUT_OF_SCOPE_FILL },
          } satisfies FillLayerSpecification,
        ]
      : []),
    {
      id: LAYER_IDS.noData,
      type: 'fill',
      source: AREA_SOURCE,
      ...from,
      filter: inScope ? ['all', noData, inScope] : noData,
      paint: { 'fill-pattern': HATCH_IMAGE },
    },
    {
      id: LAYER_IDS.data,
      type: 'fill',
      source: AREA_SOURCE,
      ...from,
      filter: hasData(codes),
      paint: { 'fill-color': fillColour(classes) },
    },
    outlineLayer(from),
  ];
}

function outlineLayer(from: SourceLayer): LineLayerSpecification {
  return {
    id: LAYER_IDS.outline,
    type: 'line',
    source: AREA_SOURCE,
    ...from,
    // Thin white borders; communes' borders fade out when zoomed far out.
    paint: {
      'line-color': AREA_OUTLINE,
      'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.2, 8, 0.8, 12, 1.5],
    },
  };
}

/**
 * Commune borders under a map of quartiers prioritaires: a quartier is a few streets, and
 * without its commune around it the map shows shapes floating on a blank page.
 */
export function contextLayer(sourceLayer: string): LineLayerSpecification {
  return {
    id: LAYER_IDS.context,
    type: 'line',
    source: CONTEXT_SOURCE,
    'source-layer': sourceLayer,
    paint: { 'line-color': CONTEXT_OUTLINE, 'line-width': 0.8, 'line-dasharray': [3, 2] },
  };
}

/** Areas as a light backdrop under proportional symbols. */
export function backdropLayers(
  sourceLayer: string | undefined,
): (FillLayerSpecification | LineLayerSpecification)[] {
  const from: SourceLayer = sourceLayer ? { 'source-layer': sourceLayer } : {};
  return [
    {
      id: LAYER_IDS.noData,
      type: 'fill',
      source: AREA_SOURCE,
      ...from,
      paint: { 'fill-color': NO_DATA_FILL },
    },
    outlineLayer(from),
  ];
}

export function selectedLayer(code: string | null, sourceLayer: string | undefined): LineLayerSpecification {
  return {
    id: LAYER_IDS.selected,
    type: 'line',
    source: AREA_SOURCE,
    ...(sourceLayer ? { 'source-layer': sourceLayer } : {}),
    filter: ['==', CODE, code ?? ''],
    paint: { 'line-color': SELECTED_OUTLINE, 'line-width': 2.5 },
  };
}

/** Thin grey frames around the overseas insets (see insets.ts). */
export function insetFramesLayer(): LineLayerSpecification {
  return {
    id: LAYER_IDS.insetFrames,
    type: 'line',
    source: INSET_SOURCE,
    paint: { 'line-color': NO_DATA_HATCH, 'line-width': 1 },
  };
}

/** Largest circle radius in pixels; areas are proportional to values (radius ∝ √value). */
export const MAX_SYMBOL_RADIUS = 28;

export function symbolRadius(value: number, maxValue: number): number {
  return maxValue > 0 && value > 0 ? MAX_SYMBOL_RADIUS * Math.sqrt(value / maxValue) : 0;
}

export function symbolLayer(maxValue: number): CircleLayerSpecification {
  return {
    id: LAYER_IDS.symbols,
    type: 'circle',
    source: SYMBOL_SOURCE,
    // Biggest circles first so small ones stay visible on top.
    layout: { 'circle-sort-key': ['-', 0, ['get', 'value']] },
    paint: {
      'circle-radius': [
        '*',
        MAX_SYMBOL_RADIUS,
        ['sqrt', ['/', ['max', ['get', 'value'], 0], Math.max(maxValue, Number.MIN_VALUE)]],
      ],
      'circle-color': SYMBOL_FILL,
      'circle-opacity': 0.6,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  };
}

/**
 * Cluster looks by number of points grouped, light and small to dark and large (DSFR bleu
 * France). No count is written on them (no glyphs are served offline): the legend gives the
 * ranges and the tooltip the exact count.
 */
export const CLUSTER_STEPS: readonly {
  readonly from: number;
  readonly colour: string;
  readonly radius: number;
}[] = [
  { from: 2, colour: '#cacafb', radius: 11 },
  { from: 10, colour: '#a1a1f8', radius: 15 },
  { from: 100, colour: '#6a6af4', radius: 21 },
  { from: 1000, colour: '#313178', radius: 28 },
];
/** A single point (not grouped). */
export const POINT_RADIUS = 5;

/** `step` over `point_count`: the look of the step the count falls in. */
function byCount(pick: (step: (typeof CLUSTER_STEPS)[number]) => string | number): ExpressionSpecification {
  const [first, ...rest] = CLUSTER_STEPS;
  return [
    'step',
    ['get', 'point_count'],
    first ? pick(first) : 0,
    ...rest.flatMap((step) => [step.from, pick(step)]),
  ] as unknown as ExpressionSpecification;
}

const NOT_CLUSTER: ExpressionSpecification = ['!', ['has', 'point_count']];

/** Clusters (colour and size by count), single points, and the selected point's outline. */
export function pointLayers(selected: string | null): CircleLayerSpecification[] {
  return [
    {
      id: LAYER_IDS.clusters,
      type: 'circle',
      source: SYMBOL_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': byCount((s) => s.colour),
        'circle-opacity': 0.85,
        'circle-stroke-color': SYMBOL_FILL,
        'circle-stroke-width': 1.5,
        'circle-radius': byCount((s) => s.radius),
      },
    },
    {
      id: LAYER_IDS.points,
      type: 'circle',
      source: SYMBOL_SOURCE,
      filter: NOT_CLUSTER,
      paint: {
        'circle-color': SYMBOL_FILL,
        'circle-radius': POINT_RADIUS,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    selectedPointLayer(selected),
  ];
}

/** Red ring around the selected point (cross-filter), matched on the point's `code`. */
export function selectedPointFilter(code: string | null): ExpressionSpecification {
  return ['all', NOT_CLUSTER, ['==', CODE, code ?? '']];
}

function selectedPointLayer(code: string | null): CircleLayerSpecification {
  return {
    id: LAYER_IDS.selectedPoint,
    type: 'circle',
    source: SYMBOL_SOURCE,
    filter: selectedPointFilter(code),
    paint: {
      'circle-color': 'rgba(0,0,0,0)',
      'circle-radius': POINT_RADIUS + 3,
      'circle-stroke-color': SELECTED_OUTLINE,
      'circle-stroke-width': 2.5,
    },
  };
}

/** An 8×8 RGBA tile of grey diagonal hatching, for areas without data. */
export function hatchPattern(size = 8): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  const parse = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const [fill, line] = [parse(NO_DATA_FILL), parse(NO_DATA_HATCH)];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const colour = (x + y) % size < 2 ? line : fill;
      data.set([colour[0] ?? 0, colour[1] ?? 0, colour[2] ?? 0, 255], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}
