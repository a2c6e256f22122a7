import { AppError } from '../errors.ts';
import { GeoReference } from '../seed/geo-reference.ts';
import { type Boundary, boundaryFile, centroidsOf, featureCollection, loadBoundaries } from './boundaries.ts';
import { type GeoLevel, WHOLE_LEVELS, type WholeLevel } from './levels.ts';
import { makeLargePayload, type Payload } from './payload.ts';
import { CommuneTiles } from './tiles.ts';

const GEOJSON = 'application/geo+json; charset=utf-8';

const jsonPayload = (value: unknown): Promise<Payload> =>
  makeLargePayload(Buffer.from(JSON.stringify(value)), GEOJSON);

/**
 * Boundaries read from the seed pack on first use and kept in memory, compressed once. Every
 * getter shares one in-flight promise, so concurrent first requests parse the file once; a
 * failure is not remembered (a seed pack mounted later is picked up).
 */
export class GeoStore {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(private readonly seedDir: string | null) {}

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let promise = this.memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = make();
      this.memo.set(key, promise);
      promise.catch(() => this.memo.delete(key));
    }
    return promise;
  }

  /** Throws GEO_UNAVAILABLE (503) when the seed pack lacks the level's file. */
  assertAvailable(level: GeoLevel): void {
    boundaryFile(this.seedDir, level);
  }

  private reference(): Promise<GeoReference> {
    return this.once('reference', async () => GeoReference.load());
  }

  boundaries(level: GeoLevel): Promise<Boundary[]> {
    return this.once(`boundaries:${level}`, async () => {
      this.assertAvailable(level);
      return loadBoundaries(this.seedDir, level, await this.reference());
    });
  }

  /**
   * Communes that have at least one quartier prioritaire to draw (sorted COG codes): a map
   * drilled into another commune stays at the commune level. None without the QPV file.
   */
  qpvCommunes(): Promise<string[]> {
    return this.once('qpv-communes', async () => {
      let quartiers: Boundary[] = [];
      try {
        quartiers = await this.boundaries('qpv');
      } catch {
        return [];
      }
      const communes = quartiers.flatMap((q) => (q.properties.commune ? [q.properties.commune] : []));
      return [...new Set(communes)].sort();
    });
  }

  /** A whole level as one GeoJSON FeatureCollection. */
  level(level: WholeLevel): Promise<Payload> {
    return this.once(`level:${level}`, async () =>
      jsonPayload(featureCollection(await this.boundaries(level))),
    );
  }

  /** One point per area of a level, communes included (≈ 35 000 points). */
  centroids(level: GeoLevel): Promise<Payload> {
    return this.once(`centroids:${level}`, async () =>
      jsonPayload(featureCollection(centroidsOf(await this.boundaries(level)))),
    );
  }

  /** Communes of one département, or null when the code is unknown. */
  async communesOf(departement: string): Promise<Payload | null> {
    const communes = await this.boundaries('commune');
    const subset = communes.filter((c) => c.properties.dep === departement);
    if (subset.length === 0) return null;
    return this.once(`communes:${departement}`, async () => jsonPayload(featureCollection(subset)));
  }

  /**
   * Builds at once what the first map requests would otherwise build on the request path:
   * whole levels compressed, centroids and the commune tile index take seconds of CPU that
   * would stall every other request. A level missing from the seed pack is skipped (its
   * routes answer 503 GEO_UNAVAILABLE).
   */
  async warmUp(): Promise<void> {
    const steps: (() => Promise<unknown>)[] = [
      ...WHOLE_LEVELS.map((level) => () => this.level(level)),
      ...WHOLE_LEVELS.map((level) => () => this.centroids(level)),
      () => this.centroids('commune'),
      () => this.communeTiles(),
    ];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'GEO_UNAVAILABLE')) throw error;
      }
    }
  }

  communeTiles(): Promise<CommuneTiles> {
    return this.once('tiles', async () => new CommuneTiles(await this.boundaries('commune')));
  }
}
