import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetadataStore, openMetadataStore } from '../metadata/store.ts';
import { tempDir } from '../testing/harness.ts';
import { OpenedGrants } from './opened-grants.ts';

const dir = tempDir();
let store: MetadataStore;

beforeAll(async () => {
  store = await openMetadataStore({ dataDir: dir.path, databaseUrl: undefined });
  await store.migrate();
});
afterAll(async () => {
  await store.close();
  dir.remove();
});

const generation = () => store.writeGeneration?.() ?? Number.NaN;

describe('PGlite write generation', () => {
  it('stays put on reads and moves on every write and transaction', async () => {
    const start = generation();
    await store.db.execute(sql`SELECT count(*) FROM users`);
    expect(generation()).toBe(start);
    await store.db.execute(sql`UPDATE users SET name = name WHERE id = -1`);
    const afterUpdate = generation();
    expect(afterUpdate).toBeGreaterThan(start);
    await store.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1`);
    });
    expect(generation()).toBeGreaterThan(afterUpdate);
  });
});

describe('OpenedGrants', () => {
  it('keeps a value while the store is not written, and reads again after any write', async () => {
    const opened = new OpenedGrants(generation);
    let reads = 0;
    const load = async () => {
      reads++;
      await store.db.execute(sql`SELECT count(*) AS n FROM users`);
      return reads;
    };
    await opened.get('k', load);
    await opened.get('k', load);
    expect(reads).toBe(1);
    await store.db.execute(sql`UPDATE users SET name = name WHERE id = -1`);
    await opened.get('k', load);
    expect(reads).toBe(2);
  });

  it('keeps nothing read while a write ran, nothing undefined, and nothing without a generation', async () => {
    const opened = new OpenedGrants(generation);
    let reads = 0;
    // A write lands while the value is read: the value may be from before it.
    const racing = async () => {
      reads++;
      await store.db.execute(sql`UPDATE users SET name = name WHERE id = -1`);
      return 'avant';
    };
    await opened.get('r', racing);
    await opened.get('r', async () => {
      reads++;
      return 'après';
    });
    expect(reads).toBe(2);
    let missing = 0;
    const absent = async () => {
      missing++;
      return undefined;
    };
    await opened.get('x', absent);
    await opened.get('x', absent);
    expect(missing).toBe(2);
    const postgres = new OpenedGrants(undefined);
    let direct = 0;
    const count = async () => ++direct;
    await postgres.get('p', count);
    await postgres.get('p', count);
    expect(direct).toBe(2);
  });
});
