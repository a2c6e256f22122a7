import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (server/src/config.ts → ../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Settings {
  readonly port: number;
  readonly host: string;
  /** DuckDB file and PGlite directory live here. */
  readonly dataDir: string;
  /** Seed pack of real public data (read-only), or null when none is configured. */
  readonly seedDir: string | null;
  /** PostgreSQL URL for the metadata store; PGlite in dataDir when absent. */
  readonly databaseUrl: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Built SPA served at `/` (web/dist). */
  readonly webDistDir: string;
  /** Highest row count a query may return. */
  readonly maxQueryRows: number;
  /** Engine time limit for one query. */
  readonly queryTimeoutMs: number;
  /** Lines of the synthetic Chorus demo dataset (DATAETAT_CHORUS_LINES; 0 = empty table). */
  readonly chorusLines: number;
  /** Analytical engine: DuckDB file in dataDir (default) or a PostgreSQL server. */
  readonly warehouse: WarehouseEngine;
  /** PostgreSQL URL of the warehouse (required when `warehouse` is postgres). */
  readonly warehouseDatabaseUrl: string | undefined;
  /** PostgreSQL schema of the warehouse tables, apart from the metadata tables. */
  readonly warehouseSchema: string;
  /** Engine queries running at once (PostgreSQL: the pool size); the rest wait. */
  readonly warehouseConcurrency: number;
  /** Query result cache: in-process LRU, Redis (several instances), or off (benchmarks). */
  readonly cache: CacheKind;
  readonly redisUrl: string | undefined;
  /** Memory cache budget in MiB and lifetime of a cached result. */
  readonly cacheMaxMb: number;
  readonly cacheTtlSeconds: number;
  /** Route specs to pre-aggregated tables when they answer them exactly (DATAETAT_ROLLUPS=on|off). */
  readonly rollups: boolean;
}

export const CACHE_KINDS = ['memory', 'redis', 'off'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

export const WAREHOUSE_ENGINES = ['duckdb', 'postgres'] as const;
export type WarehouseEngine = (typeof WAREHOUSE_ENGINES)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function defaultSeedDir(): string | null {
  const candidate = path.resolve(repoRoot, '../shared/data');
  return existsSync(candidate) ? candidate : null;
}

function parseInteger(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}=« ${raw} » : un entier entre ${min} et ${max} est attendu.`);
    return fallback;
  }
  return value;
}

/**
 * Reads settings from the environment (and explicit overrides, used by tests) and validates
 * them all at once, so a bad start lists every problem in one French message.
 */
export function loadSettings(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Settings> = {},
): Settings {
  const problems: string[] = [];
  const port = parseInteger('PORT', env.PORT, 3000, 0, 65535, problems);
  const maxQueryRows = parseInteger(
    'DATAETAT_MAX_ROWS',
    env.DATAETAT_MAX_ROWS,
    50_000,
    1,
    10_000_000,
    problems,
  );
  const queryTimeoutMs = parseInteger(
    'DATAETAT_QUERY_TIMEOUT_MS',
    env.DATAETAT_QUERY_TIMEOUT_MS,
    30_000,
    100,
    600_000,
    problems,
  );

  const chorusLines = parseInteger(
    'DATAETAT_CHORUS_LINES',
    env.DATAETAT_CHORUS_LINES,
    1_000_000,
    0,
    50_000_000,
    problems,
  );

  const logLevel = (env.LOG_LEVEL ?? 'info') as Settings['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL=« ${env.LOG_LEVEL} » : valeurs possibles ${LOG_LEVELS.join(', ')}.`);
  }

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL doit commencer par postgres:// ou postgresql://.');
  }

  const warehouse = (env.DATAETAT_WAREHOUSE || 'duckdb') as WarehouseEngine;
  if (!WAREHOUSE_ENGINES.includes(warehouse)) {
    problems.push(
      `DATAETAT_WAREHOUSE=« ${env.DATAETAT_WAREHOUSE} » : valeurs possibles ${WAREHOUSE_ENGINES.join(', ')}.`,
    );
  }
  const warehouseDatabaseUrl = env.WAREHOUSE_DATABASE_URL || undefined;
  if (warehouseDatabaseUrl && !/^postgres(ql)?:\/\//.test(warehouseDatabaseUrl)) {
    problems.push('WAREHOUSE_DATABASE_URL doit commencer par postgres:// ou postgresql://.');
  } else if (warehouse === 'postgres' && !warehouseDatabaseUrl) {
    problems.push(
      'WAREHOUSE_DATABASE_URL est requis quand DATAETAT_WAREHOUSE=postgres (ex. postgres://utilisateur@hote:5432/base).',
    );
  }
  const warehouseSchema = env.DATAETAT_WAREHOUSE_SCHEMA || 'dataetat';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(warehouseSchema)) {
    problems.push(
      `DATAETAT_WAREHOUSE_SCHEMA=« ${warehouseSchema} » : minuscules, chiffres et _ seulement, sans commencer par un chiffre.`,
    );
  }
  const warehouseConcurrency = parseInteger(
    'DATAETAT_WAREHOUSE_CONCURRENCY',
    env.DATAETAT_WAREHOUSE_CONCURRENCY,
    4,
    1,
    64,
    problems,
  );

  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push('REDIS_URL doit commencer par redis:// ou rediss://.');
  }
  // Redis when a URL is given, else the in-process cache.
  const cache = (env.DATAETAT_CACHE || (redisUrl ? 'redis' : 'memory')) as CacheKind;
  if (!CACHE_KINDS.includes(cache)) {
    problems.push(`DATAETAT_CACHE=« ${env.DATAETAT_CACHE} » : valeurs possibles ${CACHE_KINDS.join(', ')}.`);
  } else if (cache === 'redis' && !redisUrl) {
    problems.push('REDIS_URL est requis quand DATAETAT_CACHE=redis (ex. redis://127.0.0.1:6379).');
  }
  const cacheMaxMb = parseInteger(
    'DATAETAT_CACHE_MAX_MB',
    env.DATAETAT_CACHE_MAX_MB,
    128,
    1,
    65_536,
    problems,
  );
  const cacheTtlSeconds = parseInteger(
    'DATAETAT_CACHE_TTL_SECONDS',
    env.DATAETAT_CACHE_TTL_SECONDS,
    3600,
    1,
    30 * 86_400,
    problems,
  );

  const rollupsSetting = env.DATAETAT_ROLLUPS || 'on';
  if (rollupsSetting !== 'on' && rollupsSetting !== 'off') {
    problems.push(`DATAETAT_ROLLUPS=« ${rollupsSetting} » : valeurs possibles on, off.`);
  }

  const dataDir = path.resolve(env.DATAETAT_DATA_DIR || path.join(repoRoot, 'data'));
  let seedDir: string | null = env.DATAETAT_SEED_DIR ? path.resolve(env.DATAETAT_SEED_DIR) : defaultSeedDir();
  if (overrides.seedDir !== undefined) seedDir = overrides.seedDir;
  if (seedDir && !existsSync(seedDir)) {
    problems.push(`DATAETAT_SEED_DIR=« ${seedDir} » : ce dossier n'existe pas.`);
  }

  const settings: Settings = {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir,
    seedDir,
    databaseUrl,
    logLevel,
    webDistDir: path.join(repoRoot, 'web/dist'),
    maxQueryRows,
    queryTimeoutMs,
    chorusLines,
    warehouse,
    warehouseDatabaseUrl,
    warehouseSchema,
    warehouseConcurrency,
    cache,
    redisUrl,
    cacheMaxMb,
    cacheTtlSeconds,
    rollups: rollupsSetting !== 'off',
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}
