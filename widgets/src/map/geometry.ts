/**
 * The data layer under a map scene: fetches, through the widget's host, the boundary and
 * centroid files a scene needs (`geometryNeeds`), so `toScene` itself stays pure.
 */
import type { DrillScope } from './drillScope.ts';
import type { GeoSource } from './geoSource.ts';
import type { MapData } from './mapData.ts';
import { geometryNeeds, type MapGeometry } from './scene.ts';
import type { MapOptions } from './spec.ts';

export async function loadGeometry(
  geo: GeoSource,
  data: MapData,
  options: Pick<MapOptions, 'mode'>,
  scope: DrillScope | null = null,
): Promise<MapGeometry> {
  const needs = geometryNeeds(data, options, scope);
  const [config, boundaries, centroids] = await Promise.all([
    geo.loadConfig(),
    Promise.all(needs.boundaries.map(async (level) => [level, await geo.loadBoundaries(level)] as const)),
    Promise.all(needs.centroids.map(async (level) => [level, await geo.loadCentroids(level)] as const)),
  ]);
  const tiles = config.communeTiles;
  return {
    attribution: config.attribution,
    communeTiles: { ...tiles, url: geo.url(tiles.url) },
    boundaries: Object.fromEntries(boundaries),
    centroids: Object.fromEntries(centroids) as MapGeometry['centroids'],
  };
}
