import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { DataLoadRepository } from '../metadata/data-loads.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { GeoReference } from './geo-reference.ts';
import type { LoadContext, SeedLoader } from './types.ts';

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

/** Every few seconds at most: « chorus_lignes : 420 000 / 1 000 000 lignes (42 %), 8 s ». */
const PROGRESS_LOG_MS = 3_000;

function progressLog(
  log: FastifyBaseLogger,
  dataset: string,
  started: number,
): NonNullable<LoadContext['progress']> {
  let logged = started;
  let lastStep: string | undefined;
  return (rows, total, step) => {
    const now = performance.now();
    if (now - logged < PROGRESS_LOG_MS && step === lastStep) return;
    logged = now;
    lastStep = step;
    const percent = total ? Math.floor((rows / total) * 100) : null;
    const seconds = Math.round((now - started) / 1000);
    log.info(
      { dataset, rows, total, percent, seconds, step },
      `${dataset} : ${rows.toLocaleString('fr-FR')}${total ? ` / ${total.toLocaleString('fr-FR')}` : ''} lignes` +
        `${percent === null ? '' : ` (${percent} %)`}, ${seconds} s${step ? ` — ${step}` : ''}`,
    );
  };
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
  /** Called after each dataset's successful load (a server already listening serves it at once). */
  onLoaded?: (dataset: string) => Promise<void>;
}): Promise<SeedOutcome[]> {
  const { seedDir, warehouse, loads, loaders, log, onLoaded } = options;
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
    log.info({ dataset: loader.dataset }, `${loader.dataset} : chargement…`);
    try {
      const result = await loader.load({
        seedDir,
        warehouse,
        geo,
        progress: progressLog(log, loader.dataset, started),
      });
      await loads.succeed(id, result);
      await onLoaded?.(loader.dataset);
      const ms = performance.now() - started;
      log.info(
        {
          dataset: loader.dataset,
          rows: result.rowsLoaded,
          unplaced: result.rowsUnplaced,
          ms: Math.round(ms),
        },
        `${loader.dataset} : chargé, ${result.rowsLoaded.toLocaleString('fr-FR')} lignes` +
          `${result.rowsUnplaced ? ` (${result.rowsUnplaced.toLocaleString('fr-FR')} non localisées)` : ''}` +
          ` en ${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`,
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
        `${loader.dataset} : échec du chargement, données précédentes conservées`,
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
