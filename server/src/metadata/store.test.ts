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

describe('TEST_DATABASE_URL', () => {
  it.runIf(process.env.CI)('is set in CI so PostgreSQL is really tested', () => {
    expect(postgresUrl, 'CI must set TEST_DATABASE_URL').toBeTruthy();
  });
});
