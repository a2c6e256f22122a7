import type { TableDefinition, Warehouse } from '../warehouse/types.ts';

/**
 * The Chorus referentials an administrator imports (imports/reference/), one warehouse table
 * each, replaced whole by each import (`import_id` says which):
 * - `ref_chorus_libelles`: the « Calculette » workbook's labels, one row per (kind, code):
 *   ministères, programmes (with their ministère), domaines fonctionnels, centres de coûts,
 *   groupes de marchandises. `chorus_lignes` takes its labels from it when it is recomposed
 *   (composition.ts), so an import of the workbook recomposes it in the same swap. The
 *   département of a centre de coûts places a Chorus line the other referentials cannot;
 * - `ref_centres_couts_lieux`: `centre_cout.xlsx`, postcode and town of each centre de coûts,
 *   where an imported Chorus line is placed (imports/chorus/placement.ts); before any import,
 *   the seed pack's file;
 * - `ref_localisations`: the localisation interministérielle file (`LOC_INTERMIN_*.csv`),
 *   département and town of each code, the first placement of an imported Chorus line;
 * - `ref_qpv_lieu_action`: the `qpv_lieu_action` file, the quartiers prioritaires where each EJ's
 *   action takes place, with their share of its amount. `chorus_lignes` is split by it when it is
 *   recomposed (composition.ts), so an import of the file recomposes it in the same swap.
 */

export const LABELS_TABLE = 'ref_chorus_libelles';
export const CENTRES_TABLE = 'ref_centres_couts_lieux';
export const LOCALISATIONS_TABLE = 'ref_localisations';
export const QPV_LIEU_TABLE = 'ref_qpv_lieu_action';

/** Shares of an EJ are in hundredths of a percent: 10 000 is the whole EJ (docs/quartiers-prioritaires.md). */
export const WHOLE_EJ = 10_000;

const text = (name: string) => ({ name, type: 'text' }) as const;

export const REFERENTIAL_TABLES = {
  [LABELS_TABLE]: {
    name: LABELS_TABLE,
    columns: [
      { name: 'import_id', type: 'integer' },
      ...['kind', 'code', 'label', 'ministere', 'departement'].map(text),
    ],
  },
  [CENTRES_TABLE]: {
    name: CENTRES_TABLE,
    columns: [
      { name: 'import_id', type: 'integer' },
      ...['code', 'code_postal', 'ville', 'libelle'].map(text),
    ],
  },
  [LOCALISATIONS_TABLE]: {
    name: LOCALISATIONS_TABLE,
    columns: [
      { name: 'import_id', type: 'integer' },
      ...['code', 'niveau', 'departement', 'commune', 'libelle'].map(text),
    ],
  },
  [QPV_LIEU_TABLE]: {
    name: QPV_LIEU_TABLE,
    columns: [
      { name: 'import_id', type: 'integer' },
      /** Line of the file (import report, preview). */
      { name: 'ligne', type: 'integer' },
      text('reference'),
      /** Null: every year of the EJ. */
      { name: 'annee', type: 'integer' },
      text('ej'),
      /** As the file gives them: 2015 code (or « NR »), 2024 code. */
      text('code_qpv'),
      text('code_qp2024'),
      /**
       * The quartier the `qpv` dimension shows: the 2015 code when the file gives one (or links
       * the 2024 code to a single 2015 code), else the 2024 code; null = not in a quartier (NR).
       */
      text('qpv'),
      text('qpv_label'),
      text('qpv_search'),
      /** Share of the EJ, 1 to `WHOLE_EJ`. */
      { name: 'part', type: 'integer' },
    ],
  },
} as const satisfies Record<string, TableDefinition>;
export type ReferentialTable = keyof typeof REFERENTIAL_TABLES;

/** Creates the labels table, empty, when missing: `chorus_lignes` is composed with it. */
export async function ensureLabelsTable(warehouse: Warehouse): Promise<void> {
  if (!(await warehouse.tableExists(LABELS_TABLE))) {
    await warehouse.replaceTable(REFERENTIAL_TABLES[LABELS_TABLE], []);
  }
}
