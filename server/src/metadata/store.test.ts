import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempDir } from '../testing/harness.ts';
import { DataLoadRepository } from './data-loads.ts';
import { openMetadataStore } from './store.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function pgliteOptions() {
  const dir = tempDir();
  cleanups.push(async () => dir.remove());
  return { dataDir: dir.path, databaseUrl: undefined };
}
async function postgresOptions() {
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL not set');
  const database = await createTestDatabase(postgresUrl);
  cleanups.push(database.drop);
  return { dataDir: '/unused', databaseUrl: database.url };
}

const backends = [
  { name: 'PGlite', options: pgliteOptions, kind: 'pglite' },
  ...(postgresUrl ? [{ name: 'PostgreSQL', options: postgresOptions, kind: 'postgres' }] : []),
];

describe.each(backends)('metadata store on $name', ({ options, kind }) => {
  it('migrates idempotently and records data loads', async () => {
    const store = await openMetadataStore(await options());
    cleanups.push(() => store.close());
    expect(store.kind).toBe(kind);
    await store.migrate();
    await store.migrate();
    expect(await store.version()).toMatch(/PostgreSQL \d+/);

    const loads = new DataLoadRepository(store.db);
    expect(await loads.lastSuccess('demo')).toBeUndefined();
    const first = await loads.start({ dataset: 'demo', source: 'test', fingerprint: 'a', engine: 'duckdb' });
    await loads.succeed(first, { rowsLoaded: 10, rowsUnplaced: 1, rowsRejected: 0, report: { note: 'ok' } });
    const failed = await loads.start({ dataset: 'demo', source: 'test', fingerprint: 'b', engine: 'duckdb' });
    await loads.fail(failed, 'boom');

    // A failed attempt never hides the last good load.
    const last = await loads.lastSuccess('demo');
    expect(last).toMatchObject({
      id: first,
      fingerprint: 'a',
      rowsLoaded: 10,
      rowsUnplaced: 1,
      report: { note: 'ok' },
    });
    expect(last?.finishedAt).toBeInstanceOf(Date);
    expect((await loads.latestPerDataset()).map((l) => l.id)).toEqual([first]);
  });
});

/**
 * A folder the server really cannot write: `chmod` for a normal user; as root (who ignores
 * permissions) a read-only tmpfs mounted over it. Null when neither is possible here.
 */
function readOnlyFolder(): { path: string; release(): void } | null {
  const dir = tempDir('dataetat-ro-');
  const probe = path.join(dir.path, 'essai');
  chmodSync(dir.path, 0o555);
  const release = () => {
    chmodSync(dir.path, 0o755);
    dir.remove();
  };
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch {
    return { path: dir.path, release };
  }
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro', 'tmpfs', dir.path]).status !== 0) {
    release();
    return null;
  }
  return {
    path: dir.path,
    release() {
      spawnSync('umount', [dir.path]);
      release();
    },
  };
}

describe('PGlite folder that cannot be written', () => {
  it('names the folder and the way out when a file stands where the folder should be', async () => {
    const dir = tempDir();
    cleanups.push(async () => dir.remove());
    writeFileSync(path.join(dir.path, 'metadata'), 'pas un dossier');
    await expect(openMetadataStore({ dataDir: dir.path, databaseUrl: undefined })).rejects.toThrow(
      `Le dossier du magasin de métadonnées PGlite « ${path.join(dir.path, 'metadata')} » n’est pas utilisable : un fichier occupe la place de ce dossier (EEXIST).`,
    );
  });

  const readOnly = readOnlyFolder();
  it.runIf(readOnly)(
    'names the folder and says it is read-only instead of « PGlite failed to initialize »',
    async () => {
      if (!readOnly) return;
      cleanups.push(async () => readOnly.release());
      const error = await openMetadataStore({ dataDir: readOnly.path, databaseUrl: undefined }).catch(
        (e) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toContain(`« ${path.join(readOnly.path, 'metadata')} »`);
      expect(error.message).toMatch(/lecture seule \(EROFS\)|pas le droit d’y écrire \(EACCES\)/);
      expect(error.message).toContain('DATAETAT_DATA_DIR');
      expect(error.message).not.toContain('failed to initialize');
    },
  );

  it('still opens an existing database folder', async () => {
    const dir = tempDir();
    cleanups.push(async () => dir.remove());
    mkdirSync(path.join(dir.path, 'metadata'));
    const store = await openMetadataStore({ dataDir: dir.path, databaseUrl: undefined });
    await store.close();
    const again = await openMetadataStore({ dataDir: dir.path, databaseUrl: undefined });
    expect(await again.version()).toMatch(/^PGlite PostgreSQL/);
    await again.close();
  });
});

describe('TEST_DATABASE_URL', () => {
  it.runIf(process.env.CI)('is set in CI so PostgreSQL is really tested', () => {
    expect(postgresUrl, 'CI must set TEST_DATABASE_URL').toBeTruthy();
  });
});
