import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings } from './config.ts';

describe('loadSettings', () => {
  it('uses embedded defaults', () => {
    const settings = loadSettings({});
    expect(settings.port).toBe(3000);
    expect(settings.databaseUrl).toBeUndefined();
    expect(settings.dataDir).toMatch(/data$/);
    expect(settings.logLevel).toBe('info');
  });

  it('logs JSON unless told otherwise or on a terminal', () => {
    // Under vitest stdout is not a terminal: JSON, as a service manager or collector expects.
    expect(loadSettings({}).logFormat).toBe(process.stdout.isTTY ? 'pretty' : 'json');
    expect(loadSettings({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadSettings({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
  });

  it('reads the environment', () => {
    const settings = loadSettings({ PORT: '8080', LOG_LEVEL: 'warn', DATABASE_URL: 'postgres://u@h/db' });
    expect(settings).toMatchObject({ port: 8080, logLevel: 'warn', databaseUrl: 'postgres://u@h/db' });
  });

  it('lists every bad value in one French message', () => {
    let error: unknown;
    try {
      loadSettings({
        PORT: 'abc',
        LOG_LEVEL: 'bavard',
        LOG_FORMAT: 'xml',
        DATABASE_URL: 'mysql://x',
        DATAETAT_SEED_DIR: '/nulle/part',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT=« abc » : un entier entre 0 et 65535 est attendu.');
    expect(message).toContain('LOG_LEVEL=« bavard »');
    expect(message).toContain('LOG_FORMAT=« xml » : valeurs possibles pretty, json.');
    expect(message).toContain('DATABASE_URL doit commencer par postgres://');
    expect(message).toContain("DATAETAT_SEED_DIR=« /nulle/part » : ce dossier n'existe pas.");
    expect((error as ConfigError).problems).toHaveLength(5);
  });
});

describe('warehouse settings', () => {
  it('defaults to the embedded DuckDB file', () => {
    expect(loadSettings({})).toMatchObject({
      warehouse: 'duckdb',
      warehouseDatabaseUrl: undefined,
      warehouseSchema: 'dataetat',
      warehouseConcurrency: 4,
    });
  });

  it('selects PostgreSQL with its URL, schema and pool size', () => {
    const settings = loadSettings({
      DATAETAT_WAREHOUSE: 'postgres',
      WAREHOUSE_DATABASE_URL: 'postgres://u@h:5432/entrepot',
      DATAETAT_WAREHOUSE_SCHEMA: 'donnees',
      DATAETAT_WAREHOUSE_CONCURRENCY: '8',
    });
    expect(settings).toMatchObject({
      warehouse: 'postgres',
      warehouseDatabaseUrl: 'postgres://u@h:5432/entrepot',
      warehouseSchema: 'donnees',
      warehouseConcurrency: 8,
    });
  });

  it('requires the URL when PostgreSQL is chosen, in French', () => {
    expect(() => loadSettings({ DATAETAT_WAREHOUSE: 'postgres' })).toThrow(
      /WAREHOUSE_DATABASE_URL est requis quand DATAETAT_WAREHOUSE=postgres/,
    );
  });

  it('refuses an unknown engine, a bad URL and a bad schema together', () => {
    let error: unknown;
    try {
      loadSettings({
        DATAETAT_WAREHOUSE: 'oracle',
        WAREHOUSE_DATABASE_URL: 'mysql://x',
        DATAETAT_WAREHOUSE_SCHEMA: 'Données; DROP',
        DATAETAT_WAREHOUSE_CONCURRENCY: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toEqual([
      'DATAETAT_WAREHOUSE=« oracle » : valeurs possibles duckdb, postgres.',
      'WAREHOUSE_DATABASE_URL doit commencer par postgres:// ou postgresql://.',
      expect.stringContaining('DATAETAT_WAREHOUSE_SCHEMA=« Données; DROP »'),
      'DATAETAT_WAREHOUSE_CONCURRENCY=« 0 » : un entier entre 1 et 64 est attendu.',
    ]);
  });
});

describe('DATAETAT_DUCKDB_MEMORY_MB', () => {
  it('leaves DuckDB its default unless a limit in MiB is given, and refuses one too small', () => {
    expect(loadSettings({}).duckdbMemoryMb).toBeNull();
    expect(loadSettings({ DATAETAT_DUCKDB_MEMORY_MB: '1024' }).duckdbMemoryMb).toBe(1024);
    expect(() => loadSettings({ DATAETAT_DUCKDB_MEMORY_MB: '100' })).toThrow(
      'DATAETAT_DUCKDB_MEMORY_MB=« 100 » : un entier entre 256 et 1048576 est attendu.',
    );
  });
});

describe('DATAETAT_ROLLUPS', () => {
  it('routes to pre-aggregations by default, on or off', () => {
    expect(loadSettings({}).rollups).toBe(true);
    expect(loadSettings({ DATAETAT_ROLLUPS: 'on' }).rollups).toBe(true);
    expect(loadSettings({ DATAETAT_ROLLUPS: 'off' }).rollups).toBe(false);
    expect(() => loadSettings({ DATAETAT_ROLLUPS: 'oui' })).toThrow(
      'DATAETAT_ROLLUPS=« oui » : valeurs possibles on, off.',
    );
  });
});

describe('export settings', () => {
  it('caps exports at one million rows unless told otherwise', () => {
    expect(loadSettings({}).exportMaxRows).toBe(1_000_000);
    expect(loadSettings({ DATAETAT_EXPORT_MAX_ROWS: '2500' }).exportMaxRows).toBe(2500);
    expect(() => loadSettings({ DATAETAT_EXPORT_MAX_ROWS: '0' })).toThrow(
      'DATAETAT_EXPORT_MAX_ROWS=« 0 » : un entier entre 1 et 10000000 est attendu.',
    );
  });
});

describe('identity settings', () => {
  it('demo mode by default: demo accounts, 15-minute sessions, cookies without Secure', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      production: false,
      demoAccounts: true,
      sessionMinutes: 15,
      cookieSecure: false,
      loginRateLimit: 10,
      oidc: null,
      jwtSecret: undefined,
    });
  });

  it('production refuses the default secret and demo accounts, in French', () => {
    expect(() => loadSettings({ NODE_ENV: 'production' })).toThrow(
      'DATAETAT_JWT_SECRET est requis en production (NODE_ENV=production)',
    );
    expect(() =>
      loadSettings({
        NODE_ENV: 'production',
        DATAETAT_JWT_SECRET: 'x'.repeat(40),
        DATAETAT_DEMO_ACCOUNTS: 'on',
      }),
    ).toThrow('DATAETAT_DEMO_ACCOUNTS=on est interdit en production');
    expect(() => loadSettings({ DATAETAT_JWT_SECRET: 'court' })).toThrow('au moins 32 caractères');
    const production = loadSettings({ NODE_ENV: 'production', DATAETAT_JWT_SECRET: 'x'.repeat(40) });
    expect(production).toMatchObject({ demoAccounts: false, cookieSecure: true });
  });

  it('reads OIDC settings and requires the client id and redirect URI', () => {
    const settings = loadSettings({
      OIDC_ISSUER: 'https://sso.exemple.gouv.fr/realms/etat',
      OIDC_CLIENT_ID: 'data-etat',
      OIDC_CLIENT_SECRET: 's',
      OIDC_REDIRECT_URI: 'https://data-etat.exemple.gouv.fr/api/auth/oidc/callback',
      OIDC_ROLE_CLAIM: 'realm_access.roles',
    });
    expect(settings.oidc).toMatchObject({
      clientId: 'data-etat',
      roleClaim: 'realm_access.roles',
      scopeClaim: 'dataetat_scope',
    });
    expect(() => loadSettings({ OIDC_ISSUER: 'https://sso.exemple.gouv.fr' })).toThrow(
      /OIDC_CLIENT_ID est requis[\s\S]*OIDC_REDIRECT_URI est requis/,
    );
  });
});

describe('protection settings', () => {
  it('throttles logins per address and sheds load past defaults that fit the machine', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      loginRateLimit: 10,
      loginRateLimitPerAddress: 20,
      maxEventLoopDelayMs: 1_000,
    });
    expect(settings.maxHeapUsedMb).toBeGreaterThan(100);
    expect(
      loadSettings({
        DATAETAT_LOGIN_RATE_LIMIT_PER_ADDRESS: '100',
        DATAETAT_MAX_EVENT_LOOP_DELAY_MS: '250',
        DATAETAT_MAX_HEAP_MB: '512',
      }),
    ).toMatchObject({ loginRateLimitPerAddress: 100, maxEventLoopDelayMs: 250, maxHeapUsedMb: 512 });
  });

  it('trusts forwarded addresses only from the reverse proxies named', () => {
    expect(loadSettings({}).trustProxy).toBe(false);
    expect(loadSettings({ DATAETAT_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toBe(
      '127.0.0.1,10.0.0.0/8',
    );
    expect(() => loadSettings({ DATAETAT_TRUST_PROXY: '2' })).toThrow(
      /DATAETAT_TRUST_PROXY=« 2 » : off ou les adresses/,
    );
    expect(() => loadSettings({ DATAETAT_TRUST_PROXY: 'true' })).toThrow(/DATAETAT_TRUST_PROXY/);
  });

  it('refuses bad values in French', () => {
    expect(() =>
      loadSettings({
        DATAETAT_LOGIN_RATE_LIMIT_PER_ADDRESS: '0',
        DATAETAT_MAX_EVENT_LOOP_DELAY_MS: 'vite',
        DATAETAT_MAX_HEAP_MB: '2',
      }),
    ).toThrow(
      /DATAETAT_LOGIN_RATE_LIMIT_PER_ADDRESS=« 0 » : un entier entre 1 et 100000[\s\S]*DATAETAT_MAX_EVENT_LOOP_DELAY_MS=« vite » : 0 \(jamais\) ou un entier entre 10 et 60000[\s\S]*DATAETAT_MAX_HEAP_MB=« 2 » : 0 \(jamais\) ou un entier entre 16 et/,
    );
  });
});
