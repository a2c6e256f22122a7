import { chorusLignes } from '../catalogue/datasets/chorus-lignes.ts';
import { derivedTables } from '../seed/derived-tables.ts';
import { searchColumns } from '../seed/search-columns.ts';
import type { ColumnDefinition, DerivedTable, TableDefinition } from '../warehouse/types.ts';

/**
 * The Chorus warehouse in three parts, so neither a seed load nor an import destroys the other:
 * - `chorus_demo`: the synthetic lines (seed loader);
 * - `chorus_import_lignes`: what imports brought, one row per (import, AE or CP, EJ, poste), kept
 *   by (kind, année, région) slice so a new file replaces only the slices it covers;
 * - `chorus_lignes`: what the catalogue and its rollups read, rebuilt in the engine from the two
 *   (composition.ts), with `origine` saying which lines are demo, imported or orphan CP.
 */

export const CHORUS_TABLE = 'chorus_lignes';
export const CHORUS_DEMO_TABLE = 'chorus_demo';
export const CHORUS_IMPORT_TABLE = 'chorus_import_lignes';

/** A line's columns as the generator yields them and as `chorus_lignes` begins. */
export const CHORUS_LINE_COLUMNS: readonly ColumnDefinition[] = [
  { name: 'ej', type: 'text' },
  { name: 'poste_ej', type: 'integer' },
  { name: 'annee', type: 'integer' },
  { name: 'date_engagement', type: 'date' },
  { name: 'programme', type: 'text' },
  { name: 'programme_label', type: 'text' },
  { name: 'theme', type: 'text' },
  { name: 'domaine_fonctionnel', type: 'text' },
  { name: 'referentiel_programmation', type: 'text' },
  { name: 'centre_couts', type: 'text' },
  { name: 'beneficiaire', type: 'text' },
  { name: 'beneficiaire_label', type: 'text' },
  { name: 'type_beneficiaire', type: 'text' },
  { name: 'type_beneficiaire_label', type: 'text' },
  { name: 'montant_ae', type: 'amount' },
  { name: 'montant_cp', type: 'amount' },
  { name: 'commune', type: 'text' },
  { name: 'commune_label', type: 'text' },
  { name: 'epci', type: 'text' },
  { name: 'epci_label', type: 'text' },
  { name: 'departement', type: 'text' },
  { name: 'departement_label', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'region_label', type: 'text' },
];

/** Where a line of `chorus_lignes` comes from (the `origine` dimension). */
export const CHORUS_ORIGINS = {
  demo: 'Données de démonstration',
  importe: 'Chorus importé',
  cp_orphelin: 'CP orphelin (paiement sans engagement importé)',
} as const;
export type ChorusOrigin = keyof typeof CHORUS_ORIGINS;

const ORIGIN_COLUMNS: readonly ColumnDefinition[] = [
  { name: 'origine', type: 'text' },
  { name: 'origine_label', type: 'text' },
];

/**
 * The quartier prioritaire of a line (the `qpv` dimension). Demo lines get theirs from the
 * generator; imported lines have none (null): Chorus extracts do not carry it.
 */
export const QPV_COLUMNS: readonly ColumnDefinition[] = [
  { name: 'qpv', type: 'text' },
  { name: 'qpv_label', type: 'text' },
];

/** A demo line as the generator yields it: a line, then its quartier. */
export const CHORUS_DEMO_LINE_COLUMNS: readonly ColumnDefinition[] = [...CHORUS_LINE_COLUMNS, ...QPV_COLUMNS];

/** The generator's columns plus the catalogue's search columns, filled at load time. */
export const CHORUS_SEARCH = searchColumns(chorusLignes, CHORUS_DEMO_LINE_COLUMNS);
const SEARCH_COLUMNS = CHORUS_SEARCH.columns.slice(CHORUS_DEMO_LINE_COLUMNS.length);
const QPV_NAMES = new Set([...QPV_COLUMNS.map((c) => c.name), 'qpv_search']);
/** The quartier's columns, search text included: null on imported lines (composition.ts). */
export const QPV_ALL_COLUMNS: readonly ColumnDefinition[] = [
  ...QPV_COLUMNS,
  ...SEARCH_COLUMNS.filter((c) => QPV_NAMES.has(c.name)),
];
/** Search columns an imported line has. */
const IMPORT_SEARCH_COLUMNS = SEARCH_COLUMNS.filter((c) => !QPV_NAMES.has(c.name));

/** `chorus_demo`: the synthetic lines with their search columns. */
export const CHORUS_DEMO: TableDefinition = { name: CHORUS_DEMO_TABLE, columns: CHORUS_SEARCH.columns };

/**
 * Labels (and the ministère of the programme) from the imported Chorus « Calculette »
 * (`ref_chorus_libelles`, referentials.ts), joined when `chorus_lignes` is recomposed: null
 * until the workbook is imported, or for a code it does not list.
 */
export const REFERENCE_LABEL_COLUMNS: readonly ColumnDefinition[] = [
  { name: 'domaine_fonctionnel_label', type: 'text' },
  { name: 'centre_couts_label', type: 'text' },
  { name: 'ministere', type: 'text' },
  { name: 'ministere_label', type: 'text' },
  { name: 'groupe_marchandise_label', type: 'text' },
];

/**
 * Columns only imported lines have (the demo generator has none of them): null on demo lines.
 * `chorus_import_lignes` tables made before a column was added get it at the next recomposition
 * (`ensureChorusParts`).
 */
export const IMPORT_ONLY_COLUMNS: readonly ColumnDefinition[] = [
  { name: 'groupe_marchandise', type: 'text' },
];

/**
 * `chorus_lignes` as composed, before its tags (the rules add `tags` and `tags_label`, tags/):
 * a line, its origin, its search columns, its labels from the Calculette.
 */
export const CHORUS_LIGNES_COLUMNS: readonly ColumnDefinition[] = [
  ...CHORUS_LINE_COLUMNS,
  ...QPV_COLUMNS,
  ...ORIGIN_COLUMNS,
  ...SEARCH_COLUMNS,
  ...IMPORT_ONLY_COLUMNS,
  ...REFERENCE_LABEL_COLUMNS,
];

/**
 * `chorus_import_lignes`: a line as `chorus_lignes` holds it (AE rows have `montant_cp` 0, CP rows
 * `montant_ae` 0), plus the import that brought it, its kind, its first line in the file, and for
 * a CP without EJ its payment request (its own line, « CP orphelin »).
 */
export const CHORUS_IMPORT: TableDefinition = {
  name: CHORUS_IMPORT_TABLE,
  columns: [
    { name: 'import_id', type: 'integer' },
    { name: 'kind', type: 'text' },
    { name: 'ligne_fichier', type: 'integer' },
    { name: 'dp', type: 'text' },
    ...CHORUS_LINE_COLUMNS,
    ...IMPORT_SEARCH_COLUMNS,
    ...IMPORT_ONLY_COLUMNS,
  ],
};

/** Pre-aggregations and entity tables of chorus_lignes, rebuilt and swapped in with it. */
export const CHORUS_ROLLUPS: readonly DerivedTable[] = derivedTables(chorusLignes);
