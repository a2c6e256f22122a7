import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDir } from '../testing/harness.ts';
import { GeoStore } from './store.ts';

/** Whether a promise has already settled: a settled one wins the race against a fresh tick. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([promise.then(() => true), Promise.resolve().then(() => false)]);
}

describe('GeoStore.warmUp', () => {
  it('builds levels, centroids and the commune tile index before any request asks', async () => {
    const store = new GeoStore(seedDir);
    expect(await isSettled(store.communeTiles())).toBe(false);

    const warm = new GeoStore(seedDir);
    await warm.warmUp();
    expect(await isSettled(warm.communeTiles())).toBe(true);
    expect(await isSettled(warm.level('epci'))).toBe(true);
    expect(await isSettled(warm.centroids('commune'))).toBe(true);
    // A warm index answers a national tile without building anything.
    expect((await warm.communeTiles()).tile(5, 15, 11)).not.toBeNull();
  }, 60_000);

  it('skips what the seed pack lacks instead of failing the start', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'dataetat-geo-'));
    try {
      await expect(new GeoStore(empty).warmUp()).resolves.toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
