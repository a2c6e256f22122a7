import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { AreaLevel } from './mapData.ts';

/** What GET /api/geo/config answers (server/src/routes/geo.ts). */
export interface GeoConfig {
  readonly basemapStyleUrl: string | null;
  readonly attribution: string;
  readonly communeTiles: {
    readonly url: string;
    readonly sourceLayer: string;
    readonly minzoom: number;
    readonly maxzoom: number;
    readonly promoteId: string;
  };
}

export interface AreaProperties {
  readonly code: string;
  readonly nom: string;
  readonly dep?: string;
}
export type AreaCollection = FeatureCollection<Geometry, AreaProperties>;
export type CentroidCollection = FeatureCollection<Point, AreaProperties>;

/**
 * Boundaries are public, static files (not data queries): fetched once per page from the geo
 * API and shared by every map. The browser's HTTP cache (ETag) keeps them across pages.
 */
const cache = new Map<string, Promise<unknown>>();

/** API root; the embed bundle sets it when the widget lives on another site. */
let apiBase = '';
export function setGeoApiBase(base: string): void {
  apiBase = base.replace(/\/$/, '');
}

/** MapLibre's workers need absolute URLs; `{z}/{x}/{y}` placeholders must survive (URL escapes braces). */
export function absoluteUrl(path: string): string {
  return new URL(`${apiBase}${path}`, globalThis.location?.href ?? 'http://localhost/').href
    .replaceAll('%7B', '{')
    .replaceAll('%7D', '}');
}

function getJson<T>(path: string): Promise<T> {
  let promise = cache.get(path) as Promise<T> | undefined;
  if (!promise) {
    promise = fetch(absoluteUrl(path), { headers: { accept: 'application/json' } }).then(async (response) => {
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(
          body?.error?.message ?? `Les contours n’ont pas pu être chargés (${response.status}).`,
        );
      }
      return response.json() as Promise<T>;
    });
    cache.set(path, promise);
    promise.catch(() => cache.delete(path));
  }
  return promise;
}

export const loadGeoConfig = () => getJson<GeoConfig>('/api/geo/config');

/** A whole level (région, département, EPCI). */
export const loadBoundaries = (level: Exclude<AreaLevel, 'commune'>) =>
  getJson<AreaCollection>(`/api/geo/${level}`);

export const loadCentroids = (level: AreaLevel) => getJson<CentroidCollection>(`/api/geo/${level}/centroids`);

export function byCode<G extends Geometry>(
  collection: FeatureCollection<G, AreaProperties>,
): Map<string, Feature<G, AreaProperties>> {
  return new Map(collection.features.map((f) => [f.properties.code, f]));
}
