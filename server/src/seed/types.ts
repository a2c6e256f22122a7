import type { Warehouse } from '../warehouse/types.ts';
import type { GeoReference } from './geo-reference.ts';

export interface LoadContext {
  readonly seedDir: string;
  readonly warehouse: Warehouse;
  readonly geo: GeoReference;
  /**
   * Rows written so far, of `total` when known, and the step under way when it is not writing
   * rows: the runner logs it every few seconds, and at once when the step changes.
   */
  progress?(rows: number, total: number | null, step?: string): void;
}

export interface LoadResult {
  readonly rowsLoaded: number;
  /** Kept rows whose territory could not be placed (reported, never dropped). */
  readonly rowsUnplaced: number;
  /** Rows refused for bad content (reported with line numbers). */
  readonly rowsRejected: number;
  readonly report: Record<string, unknown>;
}

/** Loads one dataset (or reference) from the seed pack into the warehouse. */
export interface SeedLoader {
  /** Dataset id recorded in `data_loads`. */
  readonly dataset: string;
  /** Bump when the loader's output changes, so existing data is reloaded. */
  readonly version: number;
  /** Tables the loader writes; a missing one forces a reload. */
  readonly tables: readonly string[];
  /** Seed files read, relative to the seed dir (their content is fingerprinted). */
  inputs(seedDir: string): Promise<string[]>;
  /** Human description of the source, stored in `data_loads.source`. */
  readonly source: string;
  load(context: LoadContext): Promise<LoadResult>;
}
