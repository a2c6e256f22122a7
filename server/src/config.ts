import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

/** Repository root: two levels up from server/src/config.ts, and from the compiled server/dist/main.js alike. */
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
  /** `pretty` (readable lines, the default on a terminal) or `json` (LOG_FORMAT; the default otherwise). */
  readonly logFormat: 'pretty' | 'json';
  /** Built SPA served at `/` (web/dist). */
  readonly webDistDir: string;
  /** Highest row count a query may return. */
  readonly maxQueryRows: number;
  /** Engine time limit for one query. */
  readonly queryTimeoutMs: number;
  /** Highest row count of a CSV/XLSX export (DATAETAT_EXPORT_MAX_ROWS). */
  readonly exportMaxRows: number;
  /** Where uploaded files wait while they are imported (DATAETAT_IMPORT_DIR; default dataDir/imports). */
  readonly importDir: string;
  /** Largest file an import accepts, in MiB, enforced while it arrives (DATAETAT_IMPORT_MAX_MB). */
  readonly importMaxMb: number;
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
  /**
   * DuckDB's memory limit in MiB (its buffer pool; beyond it, it writes to disk), or null for
   * its default, 80 % of the machine's memory: an import's swap grows it with the file.
   */
  readonly duckdbMemoryMb: number | null;
  /** Query result cache: in-process LRU, Redis (several instances), or off (benchmarks). */
  readonly cache: CacheKind;
  readonly redisUrl: string | undefined;
  /** Memory cache budget in MiB and lifetime of a cached result. */
  readonly cacheMaxMb: number;
  readonly cacheTtlSeconds: number;
  /** Route specs to pre-aggregated tables when they answer them exactly (DATAETAT_ROLLUPS=on|off). */
  readonly rollups: boolean;
  /**
   * MapLibre style URL of an optional base map under the maps (DATAETAT_BASEMAP_STYLE_URL);
   * null = no remote tiles, a plain background (the default: nothing leaves the network).
   */
  readonly basemapStyleUrl: string | null;
  /** NODE_ENV=production: no demo accounts, no generated session secret, secure cookies. */
  readonly production: boolean;
  /** Secret signing session tokens (DATAETAT_JWT_SECRET); generated in dataDir when absent outside production. */
  readonly jwtSecret: string | undefined;
  /** Bearer token Prometheus presents at `/metrics` (DATAETAT_METRICS_TOKEN); none: `/metrics` is off. */
  readonly metricsToken: string | undefined;
  /** Lifetime of a session token; it is renewed on activity (DATAETAT_SESSION_MINUTES). */
  readonly sessionMinutes: number;
  /** Creates the three demo accounts at start (DATAETAT_DEMO_ACCOUNTS=on|off; off in production). */
  readonly demoAccounts: boolean;
  /** Cookies only over HTTPS (DATAETAT_COOKIE_SECURE=on|off; on in production). */
  readonly cookieSecure: boolean;
  /** Login attempts allowed per minute for one address and one e-mail (DATAETAT_LOGIN_RATE_LIMIT). */
  readonly loginRateLimit: number;
  /**
   * Login attempts allowed per minute from one address, whatever the e-mail
   * (DATAETAT_LOGIN_RATE_LIMIT_PER_ADDRESS): stops password spraying over many accounts.
   */
  readonly loginRateLimitPerAddress: number;
  /**
   * Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (DATAETAT_TRUST_PROXY):
   * false (none, the default) or their addresses / CIDR ranges. Behind a proxy without it,
   * every agent has the proxy's address (one login quota, audit entries alike).
   */
  readonly trustProxy: false | string;
  /**
   * Requests allowed per minute through one share link or embed token, all viewers together
   * (DATAETAT_GRANT_RATE_LIMIT): bounds what a leaked token can cost.
   */
  readonly grantRateLimit: number;
  /** Mean event-loop delay (ms) above which requests are refused with 503 (DATAETAT_MAX_EVENT_LOOP_DELAY_MS; 0: never). */
  readonly maxEventLoopDelayMs: number;
  /** V8 heap in use (MiB) above which requests are refused with 503 (DATAETAT_MAX_HEAP_MB; 0: never). */
  readonly maxHeapUsedMb: number;
  /** Single sign-on through an OpenID Connect provider (Keycloak…), or null when not configured. */
  readonly oidc: OidcSettings | null;
}

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly redirectUri: string;
  /** Claim holding the role (dotted path, e.g. `realm_access.roles`; string or array). */
  readonly roleClaim: string;
  /** Claim holding the territory: a région code or NAT. */
  readonly scopeClaim: string;
  /** Scopes asked for at the authorisation endpoint. */
  readonly scopes: string;
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

export function defaultSeedDir(): string | null {
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
  expected = `un entier entre ${min} et ${max}`,
): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}=« ${raw} » : ${expected} est attendu.`);
    return fallback;
  }
  return value;
}

/** A threshold where 0 turns the check off and other values keep their sensible range. */
function parseThreshold(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (raw !== undefined && raw.trim() !== '' && Number(raw) === 0) return 0;
  return parseInteger(
    name,
    raw,
    fallback,
    min,
    max,
    problems,
    `0 (jamais) ou un entier entre ${min} et ${max}`,
  );
}

/** An IPv4 or IPv6 address, with or without a CIDR prefix length. */
function isProxyAddress(text: string): boolean {
  const [address = '', prefix, ...rest] = text.split('/');
  if (rest.length > 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return false;
  return isIP(address) !== 0;
}

/** Addresses only: Fastify trusts no hop count (a client could send enough hops itself). */
function parseTrustProxy(raw: string | undefined, problems: string[]): false | string {
  if (raw === undefined || raw === '' || raw === 'off') return false;
  const addresses = raw.split(',').map((a) => a.trim());
  if (addresses.every(isProxyAddress)) return addresses.join(',');
  problems.push(
    `DATAETAT_TRUST_PROXY=« ${raw} » : off ou les adresses des mandataires inverses, séparées par des virgules (ex. 127.0.0.1,10.0.0.0/8) sont attendus.`,
  );
  return false;
}

function parseSwitch(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'on' || raw === 'off') return raw === 'on';
  problems.push(`${name}=« ${raw} » : valeurs possibles on, off.`);
  return fallback;
}

/** OIDC is on when OIDC_ISSUER is set; then the client id and redirect URI are required. */
function parseOidc(env: NodeJS.ProcessEnv, problems: string[]): OidcSettings | null {
  const issuer = env.OIDC_ISSUER || undefined;
  if (!issuer) return null;
  if (!/^https?:\/\//.test(issuer))
    problems.push(`OIDC_ISSUER=« ${issuer} » : une URL http(s) est attendue.`);
  const clientId = env.OIDC_CLIENT_ID || '';
  if (!clientId) problems.push('OIDC_CLIENT_ID est requis quand OIDC_ISSUER est défini.');
  const redirectUri = env.OIDC_REDIRECT_URI || '';
  if (!/^https?:\/\/.+\/api\/auth\/oidc\/callback$/.test(redirectUri)) {
    problems.push(
      'OIDC_REDIRECT_URI est requis quand OIDC_ISSUER est défini et doit finir par /api/auth/oidc/callback (ex. https://data-etat.exemple.gouv.fr/api/auth/oidc/callback).',
    );
  }
  return {
    issuer,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    redirectUri,
    roleClaim: env.OIDC_ROLE_CLAIM || 'dataetat_role',
    scopeClaim: env.OIDC_SCOPE_CLAIM || 'dataetat_scope',
    scopes: env.OIDC_SCOPES || 'openid email profile',
  };
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

  const exportMaxRows = parseInteger(
    'DATAETAT_EXPORT_MAX_ROWS',
    env.DATAETAT_EXPORT_MAX_ROWS,
    1_000_000,
    1,
    10_000_000,
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

  const importMaxMb = parseInteger(
    'DATAETAT_IMPORT_MAX_MB',
    env.DATAETAT_IMPORT_MAX_MB,
    2_048,
    1,
    1_048_576,
    problems,
  );

  const logLevel = (env.LOG_LEVEL ?? 'info') as Settings['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL=« ${env.LOG_LEVEL} » : valeurs possibles ${LOG_LEVELS.join(', ')}.`);
  }

  const logFormat = (env.LOG_FORMAT || (process.stdout.isTTY ? 'pretty' : 'json')) as Settings['logFormat'];
  if (logFormat !== 'pretty' && logFormat !== 'json') {
    problems.push(`LOG_FORMAT=« ${env.LOG_FORMAT} » : valeurs possibles pretty, json.`);
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
  const duckdbMemoryMb = env.DATAETAT_DUCKDB_MEMORY_MB
    ? parseInteger('DATAETAT_DUCKDB_MEMORY_MB', env.DATAETAT_DUCKDB_MEMORY_MB, 0, 256, 1_048_576, problems)
    : null;

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

  const basemapStyleUrl = env.DATAETAT_BASEMAP_STYLE_URL || null;
  if (basemapStyleUrl && !/^https?:\/\/[^\s]+$/.test(basemapStyleUrl)) {
    problems.push(
      `DATAETAT_BASEMAP_STYLE_URL=« ${basemapStyleUrl} » : une adresse http:// ou https:// de style MapLibre est attendue.`,
    );
  }

  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.DATAETAT_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push(
      'DATAETAT_JWT_SECRET doit contenir au moins 32 caractères (ex. `openssl rand -base64 48`).',
    );
  } else if (production && jwtSecret === undefined && overrides.jwtSecret === undefined) {
    problems.push(
      'DATAETAT_JWT_SECRET est requis en production (NODE_ENV=production) : le secret généré par défaut ne convient qu’au développement.',
    );
  }
  const metricsToken = env.DATAETAT_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 32) {
    problems.push(
      'DATAETAT_METRICS_TOKEN doit contenir au moins 32 caractères (ex. `openssl rand -hex 32`) : ce jeton ouvre /metrics.',
    );
  }
  const sessionMinutes = parseInteger(
    'DATAETAT_SESSION_MINUTES',
    env.DATAETAT_SESSION_MINUTES,
    15,
    2,
    24 * 60,
    problems,
  );
  const demoAccounts = parseSwitch(
    'DATAETAT_DEMO_ACCOUNTS',
    env.DATAETAT_DEMO_ACCOUNTS,
    !production,
    problems,
  );
  if (production && (demoAccounts || overrides.demoAccounts === true)) {
    problems.push(
      'DATAETAT_DEMO_ACCOUNTS=on est interdit en production : les comptes de démonstration ont un mot de passe public.',
    );
  }
  const cookieSecure = parseSwitch(
    'DATAETAT_COOKIE_SECURE',
    env.DATAETAT_COOKIE_SECURE,
    production,
    problems,
  );
  const loginRateLimit = parseInteger(
    'DATAETAT_LOGIN_RATE_LIMIT',
    env.DATAETAT_LOGIN_RATE_LIMIT,
    10,
    1,
    10_000,
    problems,
  );
  const grantRateLimit = parseInteger(
    'DATAETAT_GRANT_RATE_LIMIT',
    env.DATAETAT_GRANT_RATE_LIMIT,
    // 100 a second: a busy intranet page (each view asks its resource then its queries) without
    // letting one leaked token take the whole server.
    6_000,
    1,
    1_000_000,
    problems,
  );
  const loginRateLimitPerAddress = parseInteger(
    'DATAETAT_LOGIN_RATE_LIMIT_PER_ADDRESS',
    env.DATAETAT_LOGIN_RATE_LIMIT_PER_ADDRESS,
    20,
    1,
    100_000,
    problems,
  );
  const maxEventLoopDelayMs = parseThreshold(
    'DATAETAT_MAX_EVENT_LOOP_DELAY_MS',
    env.DATAETAT_MAX_EVENT_LOOP_DELAY_MS,
    1_000,
    10,
    60_000,
    problems,
  );
  // Default: 90 % of the heap V8 may use (set by --max-old-space-size or the machine's memory).
  const heapLimitMb = Math.floor(getHeapStatistics().heap_size_limit / 1024 / 1024);
  const maxHeapUsedMb = parseThreshold(
    'DATAETAT_MAX_HEAP_MB',
    env.DATAETAT_MAX_HEAP_MB,
    Math.floor(heapLimitMb * 0.9),
    16,
    1_048_576,
    problems,
  );
  const trustProxy = parseTrustProxy(env.DATAETAT_TRUST_PROXY, problems);
  const oidc = parseOidc(env, problems);

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
    logFormat,
    webDistDir: path.join(repoRoot, 'web/dist'),
    maxQueryRows,
    queryTimeoutMs,
    exportMaxRows,
    importDir: path.resolve(env.DATAETAT_IMPORT_DIR || path.join(overrides.dataDir ?? dataDir, 'imports')),
    importMaxMb,
    chorusLines,
    warehouse,
    warehouseDatabaseUrl,
    warehouseSchema,
    warehouseConcurrency,
    duckdbMemoryMb: duckdbMemoryMb || null,
    cache,
    redisUrl,
    cacheMaxMb,
    cacheTtlSeconds,
    rollups: rollupsSetting !== 'off',
    basemapStyleUrl,
    production,
    jwtSecret,
    metricsToken,
    sessionMinutes,
    demoAccounts,
    cookieSecure,
    loginRateLimit,
    loginRateLimitPerAddress,
    trustProxy,
    grantRateLimit,
    maxEventLoopDelayMs,
    maxHeapUsedMb,
    oidc,
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}
