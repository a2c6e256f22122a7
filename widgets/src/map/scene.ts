import type { FeatureCollection, Point } from 'geojson';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { type ChoroplethClasses, classifyAreas, type LegendItem } from './classify.ts';
import { type Bounds, dataExtent, departementOfCommune } from './extent.ts';
import { absoluteUrl, byCode, loadBoundaries, loadCentroids, loadGeoConfig } from './geoSource.ts';
import {
  AREA_SOURCE,
  backdropLayers,
  choroplethLayers,
  LAYER_IDS,
  pointLayers,
  SYMBOL_SOURCE,
  symbolLayer,
  symbolRadius,
} from './layers.ts';
import type { AreaData, AreaValue, PointData } from './mapData.ts';
import type { MapOptions } from './spec.ts';

/** Everything a map draws for one result: sources, layers, extent, legend, hover targets. */
export interface Scene {
  readonly sources: Readonly<Record<string, SourceSpecification>>;
  readonly layers: readonly LayerSpecification[];
  readonly extent: Bounds | null;
  readonly legend: readonly LegendItem[];
  /** Symbols legend: reference circles (radius in px, French value). */
  readonly symbolLegend: readonly { readonly radius: number; readonly label: string }[];
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
    interactive: [LAYER_IDS.symbols],
    sourceLayer: undefined,
    attribution,
  };
}

export async function pointsScene(data: PointData, options: MapOptions): Promise<Scene> {
  const { attribution } = await loadGeoConfig();
  const features = data.points.map((p, i) => ({
    type: 'Feature' as const,
    id: i,
    geometry: { type: 'Point' as const, coordinates: [p.longitude, p.latitude] },
    properties: { nom: p.label, value: p.value },
  }));
  return {
    sources: {
      [SYMBOL_SOURCE]: {
        type: 'geojson',
        data: { type: 'FeatureCollection', features },
        cluster: options.cluster,
        clusterRadius: 40,
        clusterMaxZoom: 12,
        attribution,
      },
    },
    layers: pointLayers(),
    extent: dataExtent(features),
    legend: [],
    symbolLegend: [],
    interactive: [LAYER_IDS.clusters, LAYER_IDS.points],
    sourceLayer: undefined,
    attribution,
  };
}
