import type { FeatureCollection, Point } from 'geojson';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { formatInteger } from '../format/number.ts';
import { type ChoroplethClasses, classifyAreas, type LegendItem } from './classify.ts';
import { SYMBOL_FILL } from './colours.ts';
import { type Bounds, dataExtent, departementOfCommune } from './extent.ts';
import { absoluteUrl, byCode, loadBoundaries, loadCentroids, loadGeoConfig } from './geoSource.ts';
import {
  AREA_SOURCE,
  backdropLayers,
  CLUSTER_STEPS,
  choroplethLayers,
  LAYER_IDS,
  POINT_RADIUS,
  pointLayers,
  SYMBOL_SOURCE,
  symbolLayer,
  symbolRadius,
} from './layers.ts';
import type { AreaData, AreaValue, PointData } from './mapData.ts';
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

async function areaSource(
  level: AreaData['level'],
  attribution: string,
): Promise<{ source: SourceSpecification; sourceLayer: string | undefined }> {
  if (level === 'commune') {
    const { communeTiles } = await loadGeoConfig();
    return {
      source: {
        type: 'vector',
        tiles: [absoluteUrl(communeTiles.url)],
        minzoom: communeTiles.minzoom,
        maxzoom: communeTiles.maxzoom,
        promoteId: communeTiles.promoteId,
        attribution,
      },
      sourceLayer: communeTiles.sourceLayer,
    };
  }
  // promoteId on the client keeps codes such as 2A as strings (never at tiling time).
  return {
    source: { type: 'geojson', data: await loadBoundaries(level), promoteId: 'code', attribution },
    sourceLayer: undefined,
  };
}

/** The extent of the areas with data; communes are framed by their départements. */
async function areaExtent(level: AreaData['level'], codes: readonly string[]): Promise<Bounds | null> {
  if (codes.length === 0) return null;
  if (level === 'commune') {
    const departements = new Set(codes.map(departementOfCommune));
    const all = await loadBoundaries('departement');
    return dataExtent(all.features.filter((f) => departements.has(f.properties.code)));
  }
  const features = byCode(await loadBoundaries(level));
  return dataExtent(codes.flatMap((code) => features.get(code) ?? []));
}

export async function choroplethScene(data: AreaData, options: MapOptions): Promise<Scene> {
  const { attribution } = await loadGeoConfig();
  const classes: ChoroplethClasses = classifyAreas(data.areas, {
    classes: options.classes,
    method: options.classification,
    format: data.measure.format,
  });
  const codes = data.areas.flatMap((a) => (a.value === null ? [] : [a.code]));
  const [{ source, sourceLayer }, extent] = await Promise.all([
    areaSource(data.level, attribution),
    areaExtent(data.level, codes),
  ]);
  return {
    sources: { [AREA_SOURCE]: source },
    layers: choroplethLayers(classes, codes, sourceLayer),
    extent,
    legend: classes.legend,
    symbolLegend: [],
    legendTitle: null,
    legendNote: null,
    interactive: [LAYER_IDS.data, LAYER_IDS.noData],
    sourceLayer,
    attribution,
  };
}

export async function symbolsScene(data: AreaData, formatValue: (value: number) => string): Promise<Scene> {
  const { attribution } = await loadGeoConfig();
  const withValue = data.areas.filter(
    (a): a is AreaValue & { value: number } => a.value !== null && a.value > 0,
  );
  const maxValue = Math.max(0, ...withValue.map((a) => a.value));
  // Communes: départements as the backdrop (35 000 commune outlines would hide the circles).
  const backdropLevel = data.level === 'commune' ? 'departement' : data.level;
  const [{ source }, centroids, extent] = await Promise.all([
    areaSource(backdropLevel, attribution),
    loadCentroids(data.level),
    areaExtent(
      data.level,
      withValue.map((a) => a.code),
    ),
  ]);
  const points = byCode(centroids);
  const symbols: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: withValue.flatMap((area) => {
      const point = points.get(area.code);
      return point ? [{ ...point, properties: { code: area.code, nom: area.label, value: area.value } }] : [];
    }),
  };
  const references = [maxValue, maxValue / 4, maxValue / 16].filter((v) => v > 0);
  return {
    sources: {
      [AREA_SOURCE]: source,
      [SYMBOL_SOURCE]: { type: 'geojson', data: symbols, promoteId: 'code' },
    },
    layers: [...backdropLayers(undefined), symbolLayer(maxValue)],
    extent,
    legend: [],
    symbolLegend: references.map((value) => ({
      radius: Math.max(2, symbolRadius(value, maxValue)),
      label: formatValue(value),
    })),
    legendTitle: null,
    legendNote: null,
    interactive: [LAYER_IDS.symbols],
    sourceLayer: undefined,
    attribution,
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

export async function pointsScene(data: PointData, options: MapOptions): Promise<Scene> {
  const { attribution } = await loadGeoConfig();
  // Départements as a light backdrop: without it the points float on a blank page.
  const { source: backdrop } = await areaSource('departement', attribution);
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
    attribution,
  };
}
