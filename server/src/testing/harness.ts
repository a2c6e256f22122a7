import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { loadSettings, repoRoot, type Settings } from '../config.ts';
import { METADATA_LOCK_FILE } from '../metadata/store.ts';
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
  await copySeededTemplate(dir.path, overrides);
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

/** Settings that change what the seed load writes: a test setting any other way gets its own load. */
const OWN_LOAD_SETTINGS: readonly (keyof Settings)[] = [
  'dataDir',
  'seedDir',
  'warehouse',
  'warehouseDatabaseUrl',
  'warehouseSchema',
  'databaseUrl',
];

/**
 * One seed-pack load per Chorus size and test run, not one per test file: the first file to
 * need a size loads it into a template folder (DuckDB file, PGlite store), the others copy it
 * (≈ 0.1 s instead of 5–10 s). The loads recorded in the copy have the same fingerprints, so
 * the services opened on it find their data up to date. The folder lives for the run
 * (DATAETAT_TEST_TEMPLATES, set by the global setup); without it every file loads its own.
 * A template costs a whole seed-pack load whatever its Chorus size (≈ 30 s on a loaded
 * 2-core machine for 0 as for 20 000 lines): files that need no particular size use 2 000
 * lines, or the default, so that they share one.
 */
async function copySeededTemplate(target: string, overrides: Partial<Settings>): Promise<void> {
  const root = process.env.DATAETAT_TEST_TEMPLATES;
  if (!root || OWN_LOAD_SETTINGS.some((key) => overrides[key] !== undefined)) return;
  const template = path.join(root, `chorus-${overrides.chorusLines ?? testSettings().chorusLines}`);
  const ready = path.join(template, '.ready');
  const lock = `${template}.lock`;
  const deadline = Date.now() + 300_000;
  while (!existsSync(ready)) {
    let building = false;
    try {
      mkdirSync(lock);
      building = true;
    } catch {
      // Another worker builds it: wait for its marker.
    }
    if (building) {
      try {
        if (!existsSync(ready)) {
          const services = await openServices(
            testSettings({
              dataDir: template,
              chorusLines: overrides.chorusLines ?? testSettings().chorusLines,
            }),
            pino({ level: 'silent' }),
          );
          await services.close();
          writeFileSync(ready, '');
        }
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    } else {
      if (Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  cpSync(template, target, {
    recursive: true,
    filter: (source) => !source.endsWith('.ready') && !source.endsWith(METADATA_LOCK_FILE),
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
