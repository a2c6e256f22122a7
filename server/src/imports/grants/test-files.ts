/**
 * Test helpers: the seed pack's grant samples, imported straight through the reader, the
 * staging pass and the swap (no job, no HTTP) into a warehouse.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GeoReference } from '../../seed/geo-reference.ts';
import { seedDir } from '../../testing/harness.ts';
import type { Warehouse } from '../../warehouse/types.ts';
import { chunked } from '../chorus/test-files.ts';
import { readImportFile } from '../read-file.ts';
import { applyGrantImport } from './apply.ts';
import { GrantPlacer } from './place.ts';
import { stageGrantLines } from './stage.ts';
import { ensureGrantTables } from './tables.ts';

export const GRANT_SAMPLES = {
  ademe: path.join(seedDir, 'formats/scdl/ademe.csv'),
  france2030: path.join(seedDir, 'formats/other/france_2030.csv'),
} as const;

/** Imports a grant file's valid lines as job `jobId` would; returns what the swap reports. */
export async function importGrantBytes(
  warehouse: Warehouse,
  geo: GeoReference,
  bytes: Buffer,
  jobId: number,
) {
  await ensureGrantTables(warehouse);
  const opened = await readImportFile(chunked(bytes));
  if (opened.family !== 'grants') throw new Error('not a grant file');
  await stageGrantLines({
    warehouse,
    jobId,
    dataset: opened.layout.dataset,
    items: opened.items,
    placer: await GrantPlacer.open(warehouse, geo),
    geo,
    onProblems: async () => {},
    onProgress: async () => {},
  });
  return applyGrantImport({ warehouse, jobId, dataset: opened.layout.dataset, onPhase: async () => {} });
}

/** Both samples of the seed pack, as imports 1 and 2. */
export async function importGrantSamples(warehouse: Warehouse, geo: GeoReference): Promise<void> {
  await importGrantBytes(warehouse, geo, readFileSync(GRANT_SAMPLES.ademe), 1);
  await importGrantBytes(warehouse, geo, readFileSync(GRANT_SAMPLES.france2030), 2);
}
