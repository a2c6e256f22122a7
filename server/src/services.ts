import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Catalogue } from '@dataetat/widgets';
import type { FastifyBaseLogger } from 'fastify';
import { catalogue } from './catalogue/index.ts';
import type { Settings } from './config.ts';
import { DataLoadRepository } from './metadata/data-loads.ts';
import { type MetadataStore, openMetadataStore } from './metadata/store.ts';
import { dotationsLoader } from './seed/dotations-loader.ts';
import { referenceLoader } from './seed/reference-loader.ts';
import { loadSeedPack, type SeedOutcome } from './seed/runner.ts';
import type { SeedLoader } from './seed/types.ts';
import { DuckDbWarehouse } from './warehouse/duckdb.ts';
import type { Warehouse } from './warehouse/types.ts';

/** Everything the routes depend on, opened once at start and closed on shutdown. */
export interface Services {
  readonly settings: Settings;
  readonly warehouse: Warehouse;
  readonly metadata: MetadataStore;
  readonly loads: DataLoadRepository;
  readonly catalogue: Catalogue;
  readonly seedOutcomes: readonly SeedOutcome[];
  close(): Promise<void>;
}

export const seedLoaders: readonly SeedLoader[] = [referenceLoader, dotationsLoader];

export async function openServices(settings: Settings, log: FastifyBaseLogger): Promise<Services> {
  mkdirSync(settings.dataDir, { recursive: true });
  const metadata = await openMetadataStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  await metadata.migrate();
  const warehouse = await DuckDbWarehouse.open({ path: path.join(settings.dataDir, 'warehouse.duckdb') });
  const loads = new DataLoadRepository(metadata.db);
  let seedOutcomes: SeedOutcome[] = [];
  if (settings.seedDir) {
    seedOutcomes = await loadSeedPack({
      seedDir: settings.seedDir,
      warehouse,
      loads,
      loaders: seedLoaders,
      log,
    });
  } else {
    log.warn('aucun seed pack configuré (DATAETAT_SEED_DIR) : les jeux de données seront vides');
  }
  return {
    settings,
    warehouse,
    metadata,
    loads,
    catalogue,
    seedOutcomes,
    async close() {
      await warehouse.close();
      await metadata.close();
    },
  };
}
