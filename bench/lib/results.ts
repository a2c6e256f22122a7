import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IdleGapResults } from './idle-gap.ts';
import type { LoadOutcome } from './load.ts';
import type { MachineInfo } from './machine.ts';
import type { Summary } from './stats.ts';

export type EngineResult =
  | {
      readonly timedOut: false;
      readonly raw: Summary;
      readonly http: Summary;
      /** HTTP median − raw median, ms. */
      readonly overheadMs: number;
      /** Per request HTTP − server engineMs, ms. */
      readonly pairedOverhead: Summary;
      readonly rowCount: number;
    }
  /** The first engine run exceeded the per-spec budget and was cancelled: nothing else measured. */
  | { readonly timedOut: true; readonly timeoutMs: number };

/** A spec answered through a rollup (cache off): the engine alone on the rollup's SQL, HTTP, and their paired difference. */
export interface RollupResult {
  readonly raw: Summary;
  readonly http: Summary;
  /** Per request HTTP − server engineMs, ms. */
  readonly pairedOverhead: Summary;
}

export interface SpecResult {
  readonly id: string;
  readonly title: string;
  /** compileQuery (DuckDB dialect), µs. */
  readonly compileUs: Summary;
  readonly duckdb: EngineResult;
  /** Cache off, DATAETAT_ROLLUPS=on; null when the server has no rollups or answered from the base table. */
  readonly rollup: RollupResult | null;
  /** Rollup table that answered (DATAETAT_ROLLUPS=on), null for the base table or no rollups. */
  readonly rollupTable: string | null;
  /** HTTP, cache on, same spec repeated; null when the engine run timed out. */
  readonly cached: Summary | null;
  readonly postgres: EngineResult | null;
  /** Cache off, DATAETAT_ROLLUPS=on, PostgreSQL warehouse (indexed rollups). */
  readonly pgRollup: RollupResult | null;
  /** The first such request on a fresh PostgreSQL-backed server (cold), ms. */
  readonly pgRollupFirstMs: number | null;
  /** DuckDB raw median / PostgreSQL raw median (below 1: DuckDB is faster). */
  readonly duckdbOverPostgres: number | null;
}

export interface BenchResults {
  readonly startedAt: string;
  readonly seconds: number;
  readonly machine: MachineInfo;
  readonly versions: { readonly duckdb: string; readonly postgres: string | null };
  readonly lines: number;
  /** Size of the PostgreSQL dataset (may be smaller than `lines`). */
  readonly pgLines: number | null;
  /** Cache kind the cache-off servers really had (`off`, or `memory` cleared before each run). */
  readonly cacheOffKind: string;
  readonly rollupsAvailable: boolean;
  readonly specs: readonly SpecResult[];
  readonly load: LoadOutcome;
  /** The idle-gap phase; null when skipped (BENCH_IDLE_ROUNDS=0). */
  readonly idleGap: IdleGapResults | null;
  readonly notes: readonly string[];
}

/** bench/results/<timestamp>.json; returns the path. */
export function writeResults(dir: string, results: BenchResults): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${results.startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
