import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.ts';

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export type MetadataDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface MetadataStore {
  readonly kind: 'pglite' | 'postgres';
  readonly db: MetadataDb;
  /** Applies the committed migrations (idempotent). */
  migrate(): Promise<void>;
  version(): Promise<string>;
  close(): Promise<void>;
}

/**
 * PostgreSQL when a URL is given, else PGlite (real Postgres in WASM) under `dataDir/metadata`.
 * Same schema and migrations for both.
 */
export async function openMetadataStore(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<MetadataStore> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, { max: 5, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    return {
      kind: 'postgres',
      db: db as unknown as MetadataDb,
      migrate: () => migratePostgres(db, { migrationsFolder }),
      version: () => serverVersion(db as unknown as MetadataDb),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const directory = path.join(options.dataDir, 'metadata');
  mkdirSync(directory, { recursive: true });
  const client = await PGlite.create(directory);
  const db = drizzlePglite(client, { schema });
  return {
    kind: 'pglite',
    db: db as unknown as MetadataDb,
    migrate: () => migratePglite(db, { migrationsFolder }),
    version: async () => `PGlite ${await serverVersion(db as unknown as MetadataDb)}`,
    close: () => client.close(),
  };
}

async function serverVersion(db: MetadataDb): Promise<string> {
  const rows = (await db.execute(sql`SHOW server_version`)) as unknown as
    | { rows: { server_version: string }[] }
    | { server_version: string }[];
  const list = Array.isArray(rows) ? rows : rows.rows;
  return `PostgreSQL ${list[0]?.server_version ?? '?'}`;
}
