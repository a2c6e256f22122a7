import path from 'node:path';
import { type RunningServer, type Settings, startServer } from '@dataetat/server';

export type Engine = 'duckdb' | 'postgres';

export interface BenchServerOptions {
  readonly engine: Engine;
  readonly lines: number;
  readonly dataRoot: string;
  /** PostgreSQL warehouse URL (engine postgres). */
  readonly pgUrl?: string | null;
  /** Result cache on (in-process LRU) or off. */
  readonly cache: boolean;
  /** DATAETAT_ROLLUPS: route specs to pre-aggregations. */
  readonly rollups: boolean;
  /** DATAETAT_GRANT_RATE_LIMIT (requests a minute per share link or embed token); the server's default when unset. */
  readonly grantRateLimit?: number;
}

/** Persistent data dir per engine and size: the seed pack and generator run only on first start. */
export function dataDirOf(options: Pick<BenchServerOptions, 'engine' | 'lines' | 'dataRoot'>): string {
  return path.join(options.dataRoot, `${options.engine}-${options.lines}`);
}

/** PostgreSQL schema per size, so two sizes never share tables under one fingerprint. */
export function pgSchemaOf(lines: number): string {
  return `bench_${lines}`;
}

/** A real listener on 127.0.0.1 (random port), quiet logs; the rest of the settings from the environment. */
export async function startBenchServer(options: BenchServerOptions): Promise<RunningServer> {
  const overrides: Partial<Settings> = {
    dataDir: dataDirOf(options),
    port: 0,
    host: '127.0.0.1',
    chorusLines: options.lines,
    logLevel: 'warn',
    warehouse: options.engine,
    cache: options.cache ? 'memory' : 'off',
    rollups: options.rollups,
    // Generous: a cold 10M-line query on PostgreSQL may take seconds.
    queryTimeoutMs: 600_000,
    ...(options.grantRateLimit !== undefined && { grantRateLimit: options.grantRateLimit }),
    ...(options.engine === 'postgres' && {
      warehouseDatabaseUrl: options.pgUrl ?? undefined,
      warehouseSchema: pgSchemaOf(options.lines),
    }),
  };
  return startServer(overrides, { logger: false });
}

/** True when the server really routes to rollups (the setting is on and rollup tables exist). */
export function hasRollups(server: RunningServer): boolean {
  return server.services.settings.rollups;
}
