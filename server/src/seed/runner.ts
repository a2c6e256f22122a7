import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { DataLoadRepository } from '../metadata/data-loads.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { GeoReference } from './geo-reference.ts';
import type { SeedLoader } from './types.ts';

export interface SeedOutcome {
  readonly dataset: string;
  readonly status: 'loaded' | 'up-to-date' | 'failed';
  readonly rowsLoaded?: number;
  readonly rowsUnplaced?: number;
  readonly ms: number;
  readonly error?: string;
}

async function fingerprint(loader: SeedLoader, seedDir: string): Promise<string> {
  const hash = createHash('sha256').update(`${loader.dataset}@${loader.version}|${loader.source}`);
  for (const file of await loader.inputs(seedDir)) {
    hash.update(file).update(await readFile(path.join(seedDir, file)));
  }
  return hash.digest('hex');
}

/** Recorded on loads a previous process left `running` (it died mid-load). */
export const INTERRUPTED_LOAD_ERROR =
  'Chargement interrompu : le serveur s’est arrêté pendant le chargement (arrêt brutal, panne). Il est relancé au démarrage suivant.';

/**
 * Loads each dataset whose inputs changed since its last successful load, or whose last attempt
 * failed (idempotent: a second start with the same seed pack does nothing). A failed load keeps
 * the previous data. Loads left `running` by a process that died are first marked failed.
 */
export async function loadSeedPack(options: {
  seedDir: string;
  warehouse: Warehouse;
  loads: DataLoadRepository;
  loaders: readonly SeedLoader[];
  log: FastifyBaseLogger;
}): Promise<SeedOutcome[]> {
  const { seedDir, warehouse, loads, loaders, log } = options;
  let geo: GeoReference | undefined;
  const outcomes: SeedOutcome[] = [];
  for (const stale of await loads.failInterrupted(INTERRUPTED_LOAD_ERROR)) {
    log.warn(
      { dataset: stale.dataset, load: stale.id, startedAt: stale.startedAt },
      'chargement interrompu par un arrêt du serveur : marqué en échec',
    );
  }
  for (const loader of loaders) {
    const started = performance.now();
    const print = await fingerprint(loader, seedDir);
    const latest = await loads.latestSeedAttempt(loader.dataset);
    const tablesPresent = (await Promise.all(loader.tables.map((t) => warehouse.tableExists(t)))).every(
      Boolean,
    );
    if (latest?.status === 'success' && latest.fingerprint === print && tablesPresent) {
      outcomes.push({ dataset: loader.dataset, status: 'up-to-date', ms: performance.now() - started });
      continue;
    }
    geo ??= GeoReference.load();
    const id = await loads.start({
      dataset: loader.dataset,
      source: loader.source,
      fingerprint: print,
      engine: warehouse.dialect,
    });
    try {
      const result = await loader.load({ seedDir, warehouse, geo });
      await loads.succeed(id, result);
      const ms = performance.now() - started;
      log.info(
        {
          dataset: loader.dataset,
          rows: result.rowsLoaded,
          unplaced: result.rowsUnplaced,
          ms: Math.round(ms),
        },
        'jeu de données chargé',
      );
      outcomes.push({
        dataset: loader.dataset,
        status: 'loaded',
        rowsLoaded: result.rowsLoaded,
        rowsUnplaced: result.rowsUnplaced,
        ms,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await loads.fail(id, message);
      log.error(
        { dataset: loader.dataset, err: error },
        'échec du chargement : données précédentes conservées',
      );
      outcomes.push({
        dataset: loader.dataset,
        status: 'failed',
        ms: performance.now() - started,
        error: message,
      });
    }
  }
  return outcomes;
}
