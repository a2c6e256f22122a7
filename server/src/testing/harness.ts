import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { loadSettings, repoRoot, type Settings } from '../config.ts';
import { openServices, type Services } from '../services.ts';

export const seedDir = path.resolve(repoRoot, '../shared/data');

export function tempDir(prefix = 'dataetat-test-'): { path: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testSettings(overrides: Partial<Settings> = {}): Settings {
  // A small Chorus demo keeps test start-up fast (the default is 1 000 000 lines). No load
  // shedding: a busy test machine must not turn answers into 503s (the shedding test sets its
  // own thresholds). A minute-long threshold was not enough: a sample interval in which a paused
  // process recorded no event-loop delay counts as infinite (see load-shedding.ts), and the
  // authorisation matrix got 503 SERVER_BUSY for a run of routes on a loaded CI machine.
  return loadSettings(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      seedDir,
      logLevel: 'silent',
      chorusLines: 20_000,
      maxEventLoopDelayMs: 0,
      maxHeapUsedMb: 0,
      // Tests sign in many times from one address; the per-address limit has its own test.
      loginRateLimitPerAddress: 10_000,
      ...overrides,
    },
  );
}

/** Real services (DuckDB file + PGlite) in a temporary data dir, seed pack loaded. */
export async function openTestServices(
  overrides: Partial<Settings> = {},
): Promise<Services & { cleanup(): Promise<void> }> {
  const dir = tempDir();
  const services = await openServices(
    testSettings({ dataDir: dir.path, ...overrides }),
    pino({ level: 'silent' }),
  );
  return Object.assign(services, {
    async cleanup() {
      await services.close();
      dir.remove();
    },
  });
}

/**
 * A fresh PostgreSQL database on the server named by TEST_DATABASE_URL, dropped afterwards,
 * so metadata tests never see each other's rows.
 */
export async function createTestDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `dataetat_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleaner = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await cleaner.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}
