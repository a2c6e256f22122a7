import { chorusLignes } from '../../catalogue/datasets/chorus-lignes.ts';
import type { DerivedTable } from '../../warehouse/types.ts';
import { derivedTables } from '../derived-tables.ts';
import { COG_VERSION } from '../geo-reference.ts';
import { PROGRAMMES_FILE, readProgrammes } from '../programmes.ts';
import { searchColumns } from '../search-columns.ts';
import type { SeedLoader } from '../types.ts';
import { CHORUS_COLUMNS, CHORUS_TABLE, generateChorusLines } from './generator.ts';

/** Fixed seed: every installation gets the same demo data. */
export const CHORUS_SEED = 20_260_101;

/** The generator's columns plus the catalogue's search columns, filled at load time. */
export const CHORUS_SEARCH = searchColumns(chorusLignes, CHORUS_COLUMNS);

/** Pre-aggregations and entity tables of chorus_lignes, rebuilt and swapped in with every load. */
export const CHORUS_ROLLUPS: readonly DerivedTable[] = derivedTables(chorusLignes);

function* withSearch(rows: Iterable<unknown[]>): Generator<unknown[]> {
  for (const row of rows) yield CHORUS_SEARCH.extend(row);
}

/**
 * Demo Chorus lines (synthetic). The size and seed are in `source`, hence in the
 * fingerprint: changing DATAETAT_CHORUS_LINES regenerates the table at the next start.
 */
export function chorusLoader(lines: number, seed = CHORUS_SEED): SeedLoader {
  return {
    dataset: CHORUS_TABLE,
    // 2: search columns (`<dimension>_search`); 3: beneficiaries' entity table.
    version: 3,
    source:
      `Données de démonstration : générateur déterministe (graine ${seed}, ${lines} lignes), ` +
      `programmes ${PROGRAMMES_FILE}, communes ${COG_VERSION}`,
    tables: [CHORUS_TABLE, ...CHORUS_ROLLUPS.map((r) => r.name)],
    inputs: async () => [PROGRAMMES_FILE],
    async load({ seedDir, warehouse, geo }) {
      const started = performance.now();
      const { beneficiaries, rows } = generateChorusLines({ lines, seed }, readProgrammes(seedDir), geo);
      const rowsLoaded = await warehouse.replaceTable(
        { name: CHORUS_TABLE, columns: CHORUS_SEARCH.columns },
        withSearch(rows),
        { derived: CHORUS_ROLLUPS },
      );
      return {
        rowsLoaded,
        rowsUnplaced: 0,
        rowsRejected: 0,
        report: {
          demo: true,
          seed,
          lines,
          beneficiaries: beneficiaries.length,
          ms: Math.round(performance.now() - started),
        },
      };
    },
  };
}
