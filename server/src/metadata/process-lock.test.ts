import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../testing/harness.ts';
import { DuckDbWarehouse } from '../warehouse/duckdb.ts';
import { METADATA_LOCK_FILE, openMetadataStore } from './store.ts';

/**
 * A second server on the same data folder, as an operator might start one by mistake: a real
 * second process, refused with a French message naming the first, the store left intact.
 */
const serverRoot = path.resolve(import.meta.dirname, '../..');
const dir = tempDir('dataetat-lock-');
afterAll(() => dir.remove());
// .mts: an ES module (top-level await) outside any package.
const script = path.join(dir.path, 'second.mts');
writeFileSync(
  script,
  `
  import { openMetadataStore } from '${path.join(serverRoot, 'src/metadata/store.ts')}';
  import { DuckDbWarehouse } from '${path.join(serverRoot, 'src/warehouse/duckdb.ts')}';
  try {
    if (process.env.WHAT === 'metadata') {
      const store = await openMetadataStore({ dataDir: process.env.DATA_DIR, databaseUrl: undefined });
      await store.migrate();
      await store.close();
    } else {
      const warehouse = await DuckDbWarehouse.open({ path: process.env.DUCKDB_PATH });
      await warehouse.close();
    }
    console.log('ouvert');
  } catch (error) {
    console.log(error instanceof Error ? error.message : String(error));
  }
`,
);

function second(env: Record<string, string>): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: serverRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return run.stdout.trim();
}

it('refuses a second process on an open PGlite store, then lets it in once the first has closed', async () => {
  const data = path.join(dir.path, 'pglite');
  const first = await openMetadataStore({ dataDir: data, databaseUrl: undefined });
  await first.migrate();
  const refused = second({ WHAT: 'metadata', DATA_DIR: data });
  expect(refused).toContain('est déjà ouvert par un autre processus');
  expect(refused).toContain(`(pid ${process.pid})`);
  expect(refused).toContain('DATABASE_URL');
  // The first process's store is untouched and still works.
  expect(await first.version()).toMatch(/PGlite/);
  await first.close();
  expect(existsSync(path.join(data, METADATA_LOCK_FILE))).toBe(false);
  expect(second({ WHAT: 'metadata', DATA_DIR: data })).toBe('ouvert');
}, 120_000);

it('takes over a lock left by a process that is gone (killed, machine restarted)', async () => {
  const data = path.join(dir.path, 'stale');
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  }).stdout;
  const first = await openMetadataStore({ dataDir: data, databaseUrl: undefined });
  await first.close();
  writeFileSync(path.join(data, METADATA_LOCK_FILE), gone);
  expect(second({ WHAT: 'metadata', DATA_DIR: data })).toBe('ouvert');
}, 120_000);

it('refuses a second process on an open DuckDB warehouse with a French message', async () => {
  const file = path.join(dir.path, 'warehouse.duckdb');
  const warehouse = await DuckDbWarehouse.open({ path: file });
  const refused = second({ WHAT: 'duckdb', DUCKDB_PATH: file });
  expect(refused).toContain('L’entrepôt DuckDB');
  expect(refused).toContain('est déjà ouvert par un autre processus');
  expect(refused).toContain(`(pid ${process.pid})`);
  await warehouse.close();
  expect(second({ WHAT: 'duckdb', DUCKDB_PATH: file })).toBe('ouvert');
}, 120_000);
