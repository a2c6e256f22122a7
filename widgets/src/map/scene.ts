import type { FeatureCollection, Geometry, Point } from 'geojson';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { formatAxisValue } from '../echarts/format.ts';
import { formatInteger } from '../format/number.ts';
import { type ChoroplethClasses, classifyAreas, type LegendItem } from './classify.ts';
import { SYMBOL_FILL } from './colours.ts';
import { type DrillScope, inScopeExpression, scopeNeeds } from './drillScope.ts';
import { type Bounds, dataExtent, departementOfCommune, union } from './extent.ts';
import type { AreaCollection, BoundaryLevel, CentroidCollection, GeoConfig } from './geoSource.ts';
import { byCode } from './geoSource.ts';
import { INSETS_EXTENT, type WithInsets, withInsets } from './insets.ts';
import {
  AREA_SOURCE,
  backdropLayers,
  CLUSTER_STEPS,
  CONTEXT_SOURCE,
  choroplethLayers,
  contextLayer,
  INSET_SOURCE,
  insetFramesLayer,
  LAYER_IDS,
  POINT_RADIUS,
  pointLayers,
  SYMBOL_SOURCE,
  symbolLayer,
  symbolRadius,
} from './layers.ts';
import type { AreaData, AreaLevel, AreaValue, MapData, PointData } from './mapData.ts';
import type { MapOptions } from './spec.ts';

/** Everything a map draws for one result: sources, layers, extent, legend, hover targets. */
export interface SymbolLegendItem {
  readonly radius: number;
  readonly label: string;
  /** Fill colour; default: the symbols' blue, translucent. */
  readonly colour?: string;
}

export interface Scene {
  readonly sources: Readonly<Record<string, SourceSpecification>>;
  readonly layers: readonly LayerSpecification[];
  readonly extent: Bounds | null;
  readonly legend: readonly LegendItem[];
  /** Symbols and points legend: reference circles (radius in px, colour, French text). */
  readonly symbolLegend: readonly SymbolLegendItem[];
  /** Legend title when it is not the measure's (points: « Nombre de projets par cercle »). */
  readonly legendTitle: string | null;
  /** A line under the legend (« 12 projets sans coordonnées »), or null. */
  readonly legendNote: string | null;
  /** Layers answering hover and click. */
  readonly interactive: readonly string[];
  /** Source-layer of the areas for tiles (communes), for the selection outline. */
  readonly sourceLayer: string | undefined;
  readonly attribution: string;
}

/**
 * The geographic files a scene is drawn on, fetched beforehand by the data layer above
 * (`geometry.ts`, through the widget's host): building the scene is then pure and synchronous.
 */
export interface MapGeometry {
  readonly attribution: string;
  /** Commune vector tiles, with an absolute URL (MapLibre's workers need one). */
  readonly communeTiles: GeoConfig['communeTiles'];
  readonly boundaries: Readonly<Partial<Record<BoundaryLevel, AreaCollection>>>;
  readonly centroids: Readonly<Partial<Record<AreaLevel, CentroidCollection>>>;
}

/** What a scene needs fetched: boundary files and centroid files, by level. */
export interface GeometryNeeds {
  readonly boundaries: readonly BoundaryLevel[];
  readonly centroids: readonly AreaLevel[];
}

/** Communes are drawn from tiles and framed by their départements. */
const framingLevel = (level: AreaLevel): BoundaryLevel => (level === 'commune' ? 'departement' : level);

export function geometryNeeds(
  data: MapData,
  options: Pick<MapOptions, 'mode'>,
  scope: DrillScope | null = null,
): GeometryNeeds {
  if (data.kind === 'points') return { boundaries: ['departement'], centroids: [] };
  const level = framingLevel(data.data.level);
  if (options.mode === 'symbols') return { boundaries: [level], centroids: [data.data.level] };
  const extra = scopeNeeds(data.data.level, scope);
  return {
    boundaries: [...new Set([level, ...extra.boundaries])],
    centroids: extra.centroids,
  };
}

/**
 * Under quartiers prioritaires: the commune tiles as dashed borders (drawn first, below the
 * quartiers). Nothing for other levels.
 */
function contextParts(
  level: AreaLevel,
  geometry: MapGeometry,
): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  if (level !== 'qpv') return { sources: {}, layers: [] };
  const { source, sourceLayer } = areaSource('commune', geometry);
  return { sources: { [CONTEXT_SOURCE]: source }, layers: [contextLayer(sourceLayer ?? '')] };
}

/**
 * « 3 quartiers sans contour » : codes with a value the boundaries do not have (the seed pack
 * draws the 2015 quartiers of Occitanie only; 2024 codes and other régions have no shape). A map
 * of the quartiers of a commune that has none to draw and no value says so instead of staying
 * blank (pages that know which communes have quartiers keep such maps at the commune level).
 */
export function missingShapesNote(
  data: AreaData,
  geometry: MapGeometry,
  scope: DrillScope | null = null,
): string | null {
  if (data.level !== 'qpv') return null;
  const quartiers = geometry.boundaries.qpv?.features ?? [];
  const known = new Set(quartiers.map((f) => f.properties.code));
  const missing = data.areas.filter((a) => a.value !== null && !known.has(a.code)).length;
  if (missing > 0) {
    return `${formatInteger(missing)} ${missing === 1 ? 'quartier' : 'quartiers'} sans contour (contours 2015 de l’Occitanie seulement)`;
  }
  if (scope?.level === 'commune' && data.areas.every((a) => a.value === null)) {
    const inside = quartiers.some((f) => scope.codes.includes(f.properties.commune ?? ''));
    if (!inside) {
      return `Aucun quartier prioritaire dans ${scope.codes.length > 1 ? 'ces communes' : 'cette commune'} (contours connus : quartiers 2015 d’Occitanie)`;
    }
  }
  return null;
}

/** Thrown when the data layer did not fetch a file the scene needs (a programming error). */
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Fond de carte manquant : ${what}.`);
  return value;
}

function areaSource(
  level: AreaLevel,
  geometry: MapGeometry,
  areas?: AreaCollection,
): { source: SourceSpecification; sourceLayer: string | undefined } {
  const { attribution } = geometry;
  if (level === 'commune') {
    const tiles = geometry.communeTiles;
    return {
      source: {
        type: 'vector',
        tiles: [tiles.url],
        minzoom: tiles.minzoom,
        maxzoom: tiles.maxzoom,
        promoteId: tiles.promoteId,
        attribution,
      },
      sourceLayer: tiles.sourceLayer,
    };
  }
  // promoteId on the client keeps codes such as 2A as strings (never at tiling time).
  return {
    source: {
      type: 'geojson',
      data: areas ?? required(geometry.boundaries[level], level),
      promoteId: 'code',
      attribution,
    },
    sourceLayer: undefined,
  };
}

/** The extent of the areas with data; communes are framed by their départements. */
function areaExtent(level: AreaLevel, codes: readonly string[], geometry: MapGeometry): Bounds | null {
  if (codes.length === 0) return null;
  const boundaries = required(geometry.boundaries[framingLevel(level)], framingLevel(level));
  if (level === 'commune') {
    const departements = new Set(codes.map(departementOfCommune));
    return dataExtent(boundaries.features.filter((f) => departements.has(f.properties.code)));
  }
  const features = byCode(boundaries);
  return dataExtent(codes.flatMap((code) => features.get(code) ?? []));
}

/** The national view's overseas insets, for areas drawn from GeoJSON (not commune tiles). */
function areaInsets(level: AreaLevel, codes: ReadonlySet<string>, geometry: MapGeometry) {
  if (level === 'commune') return null;
  return withInsets(required(geometry.boundaries[level], level), (f) => codes.has(f.properties.code));
}

/** The insets' frames as a source and a layer, and the extent grown to show them. */
function insetParts(
  insets: WithInsets<Geometry, unknown> | null,
  extent: Bounds | null,
): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[]; extent: Bounds | null } {
  if (!insets) return { sources: {}, layers: [], extent };
  return {
    sources: { [INSET_SOURCE]: { type: 'geojson', data: insets.frames } as SourceSpecification },
    layers: [insetFramesLayer()],
    extent: extent ? union(extent, INSETS_EXTENT) : extent,
  };
}

/**
 * Sources, layers, extent and legend of a map, from its data, options and geometry (pure);
 * `scope`: the territory it is drilled into (its neighbours are drawn out of scope).
 */
export function toScene(
  data: MapData,
  options: MapOptions,
  geometry: MapGeometry,
  scope: DrillScope | null = null,
): Scene {
  if (data.kind === 'points') return pointsScene(data.data, options, geometry);
  if (options.mode !== 'symbols') return choroplethScene(data.data, options, geometry, scope);
  const { format } = data.data.measure;
  return symbolsScene(data.data, (value) => formatAxisValue(value, format), geometry, scope);
}

function choroplethScene(
  data: AreaData,
  options: MapOptions,
  geometry: MapGeometry,
  scope: DrillScope | null,
): Scene {
  const classes: ChoroplethClasses = classifyAreas(data.areas, {
    classes: options.classes,
    method: options.classification,
    format: data.measure.format,
  });
  const codes = data.areas.flatMap((a) => (a.value === null ? [] : [a.code]));
  const insets = areaInsets(data.level, new Set(codes), geometry);
  const { source, sourceLayer } = areaSource(data.level, geometry, insets?.collection);
  const inset = insetParts(insets, areaExtent(data.level, codes, geometry));
  const context = contextParts(data.level, geometry);
  return {
    sources: { ...context.sources, [AREA_SOURCE]: source, ...inset.sources },
    layers: [
      ...context.layers,
      ...choroplethLayers(classes, codes, sourceLayer, inScopeExpression(data.level, scope, geometry)),
      ...inset.layers,
    ],
    extent: inset.extent,
    legend: classes.legend,
    symbolLegend: [],
    legendTitle: null,
    legendNote: missingShapesNote(data, geometry, scope),
    interactive: [LAYER_IDS.data, LAYER_IDS.noData],
    sourceLayer,
    attribution: geometry.attribution,
  };
}

function symbolsScene(
  data: AreaData,
  formatValue: (value: number) => string,
  geometry: MapGeometry,
  scope: DrillScope | null,
): Scene {
  const withValue = data.areas.filter(
    (a): a is AreaValue & { value: number } => a.value !== null && a.value > 0,
  );
  const maxValue = Math.max(0, ...withValue.map((a) => a.value));
  // Communes: départements as the backdrop (35 000 commune outlines would hide the circles).
  const codes = new Set(withValue.map((a) => a.code));
  const insets = areaInsets(data.level, codes, geometry);
  const { source } = areaSource(framingLevel(data.level), geometry, insets?.collection);
  const centroids = required(geometry.centroids[data.level], `centres ${data.level}`);
  // Overseas circles go in the insets too (the copies keep their code: same value, same click).
  const placed = insets
    ? (withInsets(centroids, (f) => codes.has(f.properties.code))?.collection ?? centroids)
    : centroids;
  const points = new Map<string, (typeof placed.features)[number][]>();
  for (const point of placed.features)
    points.set(point.properties.code, [...(points.get(point.properties.code) ?? []), point]);
  const symbols: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: withValue.flatMap((area) =>
      (points.get(area.code) ?? []).map((point) => ({
        ...point,
        properties: { code: area.code, nom: area.label, value: area.value },
      })),
    ),
  };
  const inset = insetParts(
    insets,
    areaExtent(
      data.level,
      withValue.map((a) => a.code),
      geometry,
    ),
  );
  const references = [maxValue, maxValue / 4, maxValue / 16].filter((v) => v > 0);
  const context = contextParts(data.level, geometry);
  return {
    sources: {
      ...context.sources,
      [AREA_SOURCE]: source,
      [SYMBOL_SOURCE]: { type: 'geojson', data: symbols, promoteId: 'code' },
      ...inset.sources,
    },
    layers: [...context.layers, ...backdropLayers(undefined), symbolLayer(maxValue), ...inset.layers],
    extent: inset.extent,
    legend: [],
    symbolLegend: references.map((value) => ({
      radius: Math.max(2, symbolRadius(value, maxValue)),
      label: formatValue(value),
    })),
    legendTitle: null,
    legendNote: missingShapesNote(data, geometry, scope),
    interactive: [LAYER_IDS.symbols],
    sourceLayer: undefined,
    attribution: geometry.attribution,
  };
}

/** Points legend: a single point, then each cluster step (« 2 à 9 », « 1 000 et plus »). */
export function pointsLegend(): SymbolLegendItem[] {
  return [
    { radius: POINT_RADIUS, colour: SYMBOL_FILL, label: '1' },
    ...CLUSTER_STEPS.map((step, i) => {
      const next = CLUSTER_STEPS[i + 1];
      return {
        radius: step.radius,
        colour: step.colour,
        label: next
          ? `${formatInteger(step.from)} à ${formatInteger(next.from - 1)}`
          : `${formatInteger(step.from)} et plus`,
      };
    }),
  ];
}

/** « 12 projets sans coordonnées » (not on the map), or null when every row is placed. */
export function unplacedNote(data: PointData): string | null {
  if (data.unplaced === 0) return null;
  const noun = data.unplaced === 1 ? data.noun.one : data.noun.many;
  return `${formatInteger(data.unplaced)} ${noun} sans coordonnées`;
}

/** Sum of the measure over a cluster's points, for its tooltip. */
export const CLUSTER_TOTAL = 'total';

function pointsScene(data: PointData, options: MapOptions, geometry: MapGeometry): Scene {
  // Départements as a light backdrop: without it the points float on a blank page.
  const { source: backdrop } = areaSource('departement', geometry);
  const features = data.points.map((p, i) => ({
    type: 'Feature' as const,
    id: i,
    geometry: { type: 'Point' as const, coordinates: [p.longitude, p.latitude] },
    properties: { code: p.code ?? '', nom: p.label, value: p.value },
  }));
  return {
    sources: {
      [AREA_SOURCE]: backdrop,
      [SYMBOL_SOURCE]: {
        type: 'geojson',
        data: { type: 'FeatureCollection', features },
        cluster: options.cluster,
        clusterRadius: 40,
        clusterMaxZoom: 12,
        // Computed in the worker while clustering: the tooltip of a cluster gives its total.
        clusterProperties: { [CLUSTER_TOTAL]: ['+', ['coalesce', ['get', 'value'], 0]] },
      },
    },
    layers: [...backdropLayers(undefined), ...pointLayers(null)],
    extent: dataExtent(features),
    legend: [],
    symbolLegend: pointsLegend(),
    legendTitle: `Nombre de ${data.noun.many} par cercle`,
    legendNote: unplacedNote(data),
    interactive: [LAYER_IDS.clusters, LAYER_IDS.points],
    sourceLayer: undefined,
    attribution: geometry.attribution,
  };
}
