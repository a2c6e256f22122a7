import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import type { ChoroplethClasses } from './classify.ts';
import { AREA_OUTLINE, NO_DATA_FILL, NO_DATA_HATCH, SELECTED_OUTLINE, SYMBOL_FILL } from './colours.ts';

/**
 * The MapLibre layers of each mode, as pure functions of the classes and the selection, so the
 * styling is tested without WebGL. Areas are joined on their `code` property.
 */
export const AREA_SOURCE = 'areas';
export const SYMBOL_SOURCE = 'symbols';
export const HATCH_IMAGE = 'pas-de-donnees';
export const LAYER_IDS = {
  noData: 'areas-no-data',
  data: 'areas-data',
  outline: 'areas-outline',
  selected: 'areas-selected',
  symbols: 'symbols',
  clusters: 'clusters',
  points: 'points',
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

export function choroplethLayers(
  classes: ChoroplethClasses,
  codes: readonly string[],
  sourceLayer: string | undefined,
): (FillLayerSpecification | LineLayerSpecification)[] {
  const from: SourceLayer = sourceLayer ? { 'source-layer': sourceLayer } : {};
  return [
    {
      id: LAYER_IDS.noData,
      type: 'fill',
      source: AREA_SOURCE,
      ...from,
      filter: ['!', hasData(codes)],
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

/** Clusters (size by count, no text: no remote glyphs) and single points. */
export function pointLayers(): CircleLayerSpecification[] {
  return [
    {
      id: LAYER_IDS.clusters,
      type: 'circle',
      source: SYMBOL_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#6a6af4',
        'circle-opacity': 0.75,
        'circle-stroke-color': '#000091',
        'circle-stroke-width': 1.5,
        'circle-radius': ['step', ['get', 'point_count'], 10, 10, 14, 100, 20, 1000, 28],
      },
    },
    {
      id: LAYER_IDS.points,
      type: 'circle',
      source: SYMBOL_SOURCE,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': SYMBOL_FILL,
        'circle-radius': 5,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
  ];
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
