import { existsSync } from 'node:fs';
import path from 'node:path';
import { chorusLignesRebuild, ensureChorusParts, withChorusLock } from '../../chorus/composition.ts';
import {
  CHORUS_DEMO,
  CHORUS_DEMO_TABLE,
  CHORUS_IMPORT_TABLE,
  CHORUS_ROLLUPS,
  CHORUS_SEARCH,
  CHORUS_TABLE,
} from '../../chorus/tables.ts';
import { QPV_FILE, qpvsByCommune, readQpvs } from '../../geo/qpv.ts';
import { COG_VERSION } from '../geo-reference.ts';
import { PROGRAMMES_FILE, readProgrammes } from '../programmes.ts';
import type { SeedLoader } from '../types.ts';
import { generateChorusLines } from './generator.ts';

export { CHORUS_ROLLUPS, CHORUS_SEARCH } from '../../chorus/tables.ts';

/** Fixed seed: every installation gets the same demo data. */
export const CHORUS_SEED = 20_260_101;

function* withSearch(rows: Iterable<unknown[]>, progress: (rows: number) => void): Generator<unknown[]> {
  let count = 0;
  for (const row of rows) {
    yield CHORUS_SEARCH.extend(row);
    if ((++count & 0x3fff) === 0) progress(count);
  }
}

/**
 * Demo Chorus lines (synthetic) into `chorus_demo`, then `chorus_lignes` recomposed from them and
 * the imported lines (chorus/composition.ts): a demo reload never touches what imports brought.
 * The size and seed are in `source`, hence in the fingerprint: changing DATAETAT_CHORUS_LINES
 * regenerates the demo at the next start.
 */
export function chorusLoader(lines: number, seed = CHORUS_SEED): SeedLoader {
  return {
    dataset: CHORUS_TABLE,
    // 2: search columns (`<dimension>_search`); 3: beneficiaries' entity table; 4: demo lines
    // apart from imported ones, `origine`; 5: labels and ministère from the imported Calculette;
    // 6: groupe de marchandises of imported lines; 7: quartier prioritaire (QPV) of demo lines;
    // 8: tags from the rules, a list per line.
    version: 8,
    source:
      `Données de démonstration : générateur déterministe (graine ${seed}, ${lines} lignes), ` +
      `programmes ${PROGRAMMES_FILE}, communes ${COG_VERSION}, quartiers prioritaires ${QPV_FILE}`,
    tables: [CHORUS_DEMO_TABLE, CHORUS_IMPORT_TABLE, CHORUS_TABLE, ...CHORUS_ROLLUPS.map((r) => r.name)],
    // The QPV file is optional: without it no demo line is in a quartier.
    inputs: async (seedDir) =>
      existsSync(path.join(seedDir, QPV_FILE)) ? [PROGRAMMES_FILE, QPV_FILE] : [PROGRAMMES_FILE],
    async load({ seedDir, warehouse, geo, progress }) {
      const started = performance.now();
      const quartiers = qpvsByCommune(readQpvs(seedDir));
      const { beneficiaries, rows } = generateChorusLines(
        { lines, seed },
        readProgrammes(seedDir),
        geo,
        quartiers,
      );
      const demoLines = await warehouse.replaceTable(
        CHORUS_DEMO,
        withSearch(rows, (count) => progress?.(count, lines)),
      );
      progress?.(demoLines, lines, 'recomposition et pré-agrégations');
      const counts = await withChorusLock(warehouse, async () => {
        await ensureChorusParts(warehouse);
        return warehouse.rebuildTables([await chorusLignesRebuild(warehouse)]);
      });
      return {
        rowsLoaded: counts[CHORUS_TABLE] ?? 0,
        rowsUnplaced: 0,
        rowsRejected: 0,
        report: {
          demo: true,
          seed,
          lines,
          demoLines,
          beneficiaries: beneficiaries.length,
          qpvCommunes: quartiers.size,
          ms: Math.round(performance.now() - started),
        },
      };
    },
  };
}
