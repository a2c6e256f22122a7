import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { GeoConfig } from '../api/geo.ts';
import type { AreaLevel } from './mapData.ts';

export type { GeoConfig };

export interface AreaProperties {
  readonly code: string;
  readonly nom: string;
  readonly dep?: string;
  /** Parents of a quartier prioritaire (`/api/geo/qpv`), for drill scopes. */
  readonly reg?: string;
  readonly epci?: string;
  readonly commune?: string;
}
export type AreaCollection = FeatureCollection<Geometry, AreaProperties>;
export type CentroidCollection = FeatureCollection<Point, AreaProperties>;
/** Levels served as whole GeoJSON files (communes come as vector tiles); QPV included. */
export type BoundaryLevel = Exclude<AreaLevel, 'commune'>;

/** The geo files of one host (see `WidgetHost.geo`). */
export interface GeoSource {
  loadConfig(): Promise<GeoConfig>;
  /** A whole level (région, département, EPCI, quartiers prioritaires). */
  loadBoundaries(level: BoundaryLevel): Promise<AreaCollection>;
  loadCentroids(level: AreaLevel): Promise<CentroidCollection>;
  /** Absolute URL of a geo path (MapLibre's workers need absolute tile URLs). */
  url(path: string): string;
}

/**
 * Boundaries are public, static files (not data queries): fetched once per host and shared by
 * every map it shows. The browser's HTTP cache (ETag) keeps them across pages.
 */
export function createGeoSource(
  fetchPath: (path: string, init?: RequestInit) => Promise<Response>,
  url: (path: string) => string,
  base: string,
): GeoSource {
  const cache = new Map<string, Promise<unknown>>();
  function getJson<T>(path: string): Promise<T> {
    let promise = cache.get(path) as Promise<T> | undefined;
    if (!promise) {
      promise = fetchPath(`${base}${path}`).then(async (response) => {
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
  return {
    loadConfig: () => getJson<GeoConfig>('/config'),
    loadBoundaries: (level) => getJson<AreaCollection>(`/${level}`),
    loadCentroids: (level) => getJson<CentroidCollection>(`/${level}/centroids`),
    // The server gives tile URLs from the API root (`/api/geo/tiles/…`).
    url,
  };
}

export function byCode<G extends Geometry>(
  collection: FeatureCollection<G, AreaProperties>,
): Map<string, Feature<G, AreaProperties>> {
  return new Map(collection.features.map((f) => [f.properties.code, f]));
}
