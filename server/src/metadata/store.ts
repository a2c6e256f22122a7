import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
import { ConfigError } from '../config.ts';
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
  assertWritableFolder(directory);
  let client: PGlite;
  try {
    client = await PGlite.create(directory);
  } catch (error) {
    // PGlite only says « failed to initialize properly »: name the folder and the way out.
    throw new ConfigError([
      `Le magasin de métadonnées PGlite n’a pas pu s’ouvrir dans « ${directory} » (${error instanceof Error ? error.message : String(error)}). ${WAYS_OUT}`,
    ]);
  }
  const db = drizzlePglite(client, { schema });
  return {
    kind: 'pglite',
    db: db as unknown as MetadataDb,
    migrate: () => migratePglite(db, { migrationsFolder }),
    version: async () => `PGlite ${await serverVersion(db as unknown as MetadataDb)}`,
    close: () => client.close(),
  };
}

const WAYS_OUT =
  'Vérifiez que ce dossier appartient à l’utilisateur du serveur et n’est pas en lecture seule, que le disque n’est pas plein, ou choisissez un autre dossier (DATAETAT_DATA_DIR) ou un PostgreSQL (DATABASE_URL).';

const FOLDER_PROBLEMS: Record<string, string> = {
  EROFS: 'le volume est monté en lecture seule',
  EACCES: 'le serveur n’a pas le droit d’y écrire',
  EPERM: 'le serveur n’a pas le droit d’y écrire',
  ENOSPC: 'le disque est plein',
  EDQUOT: 'le quota disque est atteint',
  EEXIST: 'un fichier occupe la place de ce dossier',
  ENOTDIR: 'un fichier occupe la place de ce dossier ou d’un dossier parent',
};

function makeFolder(directory: string): void {
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    // A recursive mkdir reports a read-only parent as ENOENT: one plain mkdir gives the real cause.
    if (existsSync(path.dirname(directory)) && !existsSync(directory)) mkdirSync(directory);
    throw error;
  }
}

/**
 * Creates the PGlite folder and writes a probe file in it, so a read-only, full or misplaced
 * folder is reported by name at start instead of by PGlite's WASM file system.
 */
function assertWritableFolder(directory: string): void {
  const probe = path.join(directory, `.ecriture-${process.pid}`);
  try {
    makeFolder(directory);
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const problem = FOLDER_PROBLEMS[code] ?? (error as Error).message;
    throw new ConfigError([
      `Le dossier du magasin de métadonnées PGlite « ${directory} » n’est pas utilisable : ${problem}${code ? ` (${code})` : ''}. ${WAYS_OUT}`,
    ]);
  }
}

async function serverVersion(db: MetadataDb): Promise<string> {
  const rows = (await db.execute(sql`SHOW server_version`)) as unknown as
    | { rows: { server_version: string }[] }
    | { server_version: string }[];
  const list = Array.isArray(rows) ? rows : rows.rows;
  return `PostgreSQL ${list[0]?.server_version ?? '?'}`;
}
