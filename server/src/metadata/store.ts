import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { ConfigError, repoRoot } from '../config.ts';
import { acquireProcessLock } from './process-lock.ts';
import * as schema from './schema.ts';

// From the repository root: the compiled server (server/dist/main.js) sits elsewhere than this file.
const migrationsFolder = path.join(repoRoot, 'server/drizzle');

export type MetadataDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface MetadataStore {
  readonly kind: 'pglite' | 'postgres';
  readonly db: MetadataDb;
  /**
   * Embedded PGlite only (this process is its only writer): a number that changes after every
   * statement that may write and every transaction. A value read from the store and kept with
   * the generation it was read at is still the truth while the generation has not moved.
   * Undefined for PostgreSQL, which other instances may write.
   */
  readonly writeGeneration?: () => number;
  /**
   * Shared PostgreSQL only: tells the other instances on the same store what changed here
   * (LISTEN/NOTIFY), so they act at once instead of at their next poll. Undefined for PGlite,
   * whose single process knows everything already.
   */
  readonly changes?: ChangeFeed;
  /**
   * Shared PostgreSQL only: runs `work` while holding a store-wide lock named `name` (advisory
   * lock on a connection of its own), so one instance at a time does it — the others wait,
   * then find it done. Undefined for PGlite: its one process is the only writer.
   */
  readonly exclusive?: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  /** This process's name on the store, recorded on the work it owns (import jobs). */
  readonly instanceId: string;
  /**
   * Shared PostgreSQL only: whether the instance named `id` still runs. Each instance holds an
   * advisory lock named after it for as long as its connection lives, so a process that died
   * (even by `kill -9`) has let it go. Undefined for PGlite: any other owner is a dead process.
   */
  readonly isInstanceAlive?: (id: string) => Promise<boolean>;
  /** Applies the committed migrations (idempotent). */
  migrate(): Promise<void>;
  version(): Promise<string>;
  close(): Promise<void>;
}

/** What one instance tells the others: a user's row was written, or a data load succeeded. */
export type StoreChange = { readonly kind: 'user'; readonly id: number } | { readonly kind: 'data' };

export interface ChangeFeed {
  publish(change: StoreChange): Promise<void>;
  /** Changes published by the other instances (never this one's own). */
  subscribe(listener: (change: StoreChange) => void): Promise<void>;
}

const CHANGES_CHANNEL = 'dataetat_changes';

/** LISTEN/NOTIFY on the shared store; each message carries its instance so echoes are dropped. */
function postgresChangeFeed(client: postgres.Sql, instance: string): ChangeFeed {
  return {
    async publish(change) {
      await client.notify(CHANGES_CHANNEL, JSON.stringify({ instance, ...change }));
    },
    async subscribe(listener) {
      await client.listen(CHANGES_CHANNEL, (payload) => {
        let message: { instance?: unknown } & Partial<StoreChange>;
        try {
          message = JSON.parse(payload);
        } catch {
          return;
        }
        if (message.instance === instance) return;
        if (message.kind === 'user' && Number.isInteger(message.id))
          listener({ kind: 'user', id: message.id as number });
        else if (message.kind === 'data') listener({ kind: 'data' });
      });
    },
  };
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
    // One more than the pool's usual 5: the liveness lock keeps a connection for itself.
    const client = postgres(options.databaseUrl, { max: 6, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    const instanceId = randomUUID();
    const instanceKey = (id: string) => `dataetat:instance:${id}`;
    const liveness = await client.reserve();
    await liveness`SELECT pg_advisory_lock(hashtextextended(${instanceKey(instanceId)}, 0))`;
    const isInstanceAlive = async (id: string): Promise<boolean> => {
      if (id === instanceId) return true;
      // Taken at once means nobody holds it: the instance is gone (give it back straight away).
      const probe = await client.reserve();
      try {
        const [row] =
          await probe`SELECT pg_try_advisory_lock(hashtextextended(${instanceKey(id)}, 0)) AS free`;
        if (!row?.free) return true;
        await probe`SELECT pg_advisory_unlock(hashtextextended(${instanceKey(id)}, 0))`;
        return false;
      } finally {
        probe.release();
      }
    };
    const exclusive = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const connection = await client.reserve();
      const key = `dataetat:${name}`;
      try {
        await connection`SELECT pg_advisory_lock(hashtextextended(${key}, 0))`;
        try {
          return await work();
        } finally {
          await connection`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`;
        }
      } finally {
        connection.release();
      }
    };
    return {
      kind: 'postgres',
      db: db as unknown as MetadataDb,
      changes: postgresChangeFeed(client, instanceId),
      exclusive,
      instanceId,
      isInstanceAlive,
      // Instances starting together would race on creating the same tables.
      migrate: () => exclusive('migrations', () => migratePostgres(db, { migrationsFolder })),
      version: () => serverVersion(db as unknown as MetadataDb),
      close: async () => {
        liveness.release();
        await client.end({ timeout: 5 });
      },
    };
  }
  const directory = path.join(options.dataDir, 'metadata');
  assertWritableFolder(directory);
  const lock = acquireProcessLock(path.join(options.dataDir, METADATA_LOCK_FILE));
  if ('heldBy' in lock) {
    throw new ConfigError([
      `Le magasin de métadonnées PGlite « ${directory} » est déjà ouvert par un autre processus${lock.heldBy > 0 ? ` (pid ${lock.heldBy})` : ''}, sans doute un autre serveur Data-État. PGlite n’accepte qu’un processus à la fois : arrêtez l’autre serveur, choisissez un autre dossier (DATAETAT_DATA_DIR), ou, pour plusieurs instances, passez à PostgreSQL (DATABASE_URL, voir docs/deploiement.md).`,
    ]);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(directory);
  } catch (error) {
    lock.release();
    // PGlite only says « failed to initialize properly »: name the folder and the way out.
    throw new ConfigError([
      `Le magasin de métadonnées PGlite n’a pas pu s’ouvrir dans « ${directory} » (${error instanceof Error ? error.message : String(error)}). ${WAYS_OUT}`,
    ]);
  }
  const writes = countWrites(client);
  const db = drizzlePglite(client, { schema });
  return {
    kind: 'pglite',
    db: db as unknown as MetadataDb,
    instanceId: randomUUID(),
    writeGeneration: () => writes.generation,
    migrate: () => migratePglite(db, { migrationsFolder }),
    version: async () => `PGlite ${await serverVersion(db as unknown as MetadataDb)}`,
    close: async () => {
      await client.close();
      lock.release();
    },
  };
}

/**
 * Counts what may write on a PGlite client: every statement but a plain SELECT, and every
 * transaction, each when it starts and again once it has ended (committed or not).
 */
function countWrites(client: PGlite): { generation: number } {
  const writes = { generation: 0 };
  const mayWrite = (text: unknown) => typeof text !== 'string' || !/^\s*select\b/i.test(text);
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  // Counted before and after: a read kept with the generation seen before it started is stale
  // whether the write ran before, during or after it.
  const counted = async <T>(run: () => Promise<T>): Promise<T> => {
    writes.generation++;
    try {
      return await run();
    } finally {
      writes.generation++;
    }
  };
  client.query = ((text: string, ...rest: unknown[]) => {
    const run = () => (query as (...args: unknown[]) => Promise<unknown>)(text, ...rest);
    return mayWrite(text) ? counted(run) : run();
  }) as typeof client.query;
  client.exec = ((text: string, ...rest: unknown[]) =>
    counted(() => (exec as (...args: unknown[]) => Promise<unknown>)(text, ...rest))) as typeof client.exec;
  client.transaction = ((callback: Parameters<typeof client.transaction>[0]) =>
    counted(() => transaction(callback))) as typeof client.transaction;
  return writes;
}

/** Beside the PGlite folder: the pid of the one process that has it open. */
export const METADATA_LOCK_FILE = 'metadata.lock';

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
