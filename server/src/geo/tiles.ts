import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { LRUCache } from 'lru-cache';
import { type Boundary, featureCollection } from './boundaries.ts';
import { makePayload, type Payload } from './payload.ts';

/** Highest zoom served; MapLibre over-zooms beyond it (the source data is ≈10 m precise). */
export const MAX_TILE_ZOOM = 11;
/** Source-layer name inside each tile. */
export const COMMUNES_LAYER = 'communes';

const EXTENT = 4096;
/**
 * Simplification in tile pixels. geojson-vt drops rings smaller than the tolerance: at 3 (its
 * default) 2 % of communes vanish from a z4 national view; at 2 fewer than 0,5 % do, for
 * tiles about 7 % larger. Measured on the 34 868 communes, see server/src/geo/README.md.
 */
const TOLERANCE = 2;

/**
 * Commune vector tiles: one geojson-vt index over every commune, built on first use and kept,
 * and an LRU of encoded (pbf + gzip) tiles. Codes stay a string property (`code`): promoting
 * them to feature ids here would turn `35238` into a number and lose `2A041`.
 */
export class CommuneTiles {
  private readonly index: GeoJSONVT;
  private readonly cache = new LRUCache<string, Payload | 'empty'>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (value) => (value === 'empty' ? 16 : value.identity.length + value.gzip.length),
  });

  constructor(communes: readonly Boundary[]) {
    // Only what the map joins and shows: code, name, département (EPCI and région codes would
    // add ≈15 bytes per commune to every tile).
    const slim = communes.map((c) => ({
      ...c,
      properties: { code: c.properties.code, nom: c.properties.nom, dep: c.properties.dep ?? '' },
    }));
    this.index = new GeoJSONVT(featureCollection(slim), {
      maxZoom: MAX_TILE_ZOOM,
      indexMaxZoom: 5,
      tolerance: TOLERANCE,
      extent: EXTENT,
      buffer: 64,
    });
  }

  /** Whether z/x/y names a tile of the served pyramid. */
  static isValid(z: number, x: number, y: number): boolean {
    const size = 2 ** z;
    return (
      [z, x, y].every(Number.isInteger) &&
      z >= 0 &&
      z <= MAX_TILE_ZOOM &&
      x >= 0 &&
      y >= 0 &&
      x < size &&
      y < size
    );
  }

  /** The encoded tile, or null when no commune touches it (the route answers 204). */
  tile(z: number, x: number, y: number): Payload | null {
    const key = `${z}/${x}/${y}`;
    const cached = this.cache.get(key);
    if (cached) return cached === 'empty' ? null : cached;
    const tile = this.index.getTile(z, x, y);
    if (!tile || tile.features.length === 0) {
      this.cache.set(key, 'empty');
      return null;
    }
    const pbf = fromGeojsonVt({ [COMMUNES_LAYER]: tile }, { version: 2, extent: EXTENT });
    const payload = makePayload(Buffer.from(pbf), 'application/vnd.mapbox-vector-tile', { gzipLevel: 6 });
    this.cache.set(key, payload);
    return payload;
  }
}
