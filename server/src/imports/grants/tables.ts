import { france2030Laureats } from '../../catalogue/datasets/france-2030-laureats.ts';
import { subventionsOperateurs } from '../../catalogue/datasets/subventions-operateurs.ts';
import { searchColumns } from '../../seed/search-columns.ts';
import { TAG_COLUMNS } from '../../tags/sql.ts';
import {
  type ColumnDefinition,
  quoteIdentifier,
  type TableDefinition,
  type Warehouse,
} from '../../warehouse/types.ts';

/**
 * Warehouse tables of the grant datasets (SCDL subventions, France 2030). Imports are their only
 * source: each row keeps the import that brought it, its line in the file and its replacement
 * key (`source_cle`: the attribuant of an SCDL file, `france_2030` for the winners' list), so a
 * new file replaces exactly the lines of the same source.
 */

const text = (name: string): ColumnDefinition => ({ name, type: 'text' });

/** What every grant table starts with. */
const ORIGIN: readonly ColumnDefinition[] = [
  { name: 'import_id', type: 'integer' },
  { name: 'ligne_fichier', type: 'integer' },
  text('source_cle'),
];

/** Territory columns (COG 2026 codes and labels) and how precisely the line was placed. */
export const PLACE_COLUMNS: readonly ColumnDefinition[] = [
  'commune',
  'commune_label',
  'epci',
  'epci_label',
  'departement',
  'departement_label',
  'region',
  'region_label',
  'niveau_localisation',
].map(text);

/** A line of `subventions_operateurs` as the import writes it, before its search columns. */
export const SUBVENTIONS_COLUMNS: readonly ColumnDefinition[] = [
  ...ORIGIN,
  text('attribuant'),
  text('attribuant_label'),
  text('beneficiaire'),
  text('beneficiaire_label'),
  text('type_beneficiaire'),
  text('type_beneficiaire_label'),
  text('objet'),
  text('nature'),
  text('reference_decision'),
  text('conditions_versement'),
  text('dates_periode_versement'),
  text('notification_ue'),
  { name: 'pourcentage_subvention', type: 'double' },
  { name: 'date_convention', type: 'date' },
  { name: 'annee', type: 'integer' },
  { name: 'montant', type: 'amount' },
  ...PLACE_COLUMNS,
];

/** A line of `france_2030_laureats` as the import writes it, before its search columns. */
export const FRANCE_2030_COLUMNS: readonly ColumnDefinition[] = [
  ...ORIGIN,
  text('operateur'),
  text('procedure'),
  text('projet'),
  text('beneficiaire'),
  text('beneficiaire_label'),
  text('typologie'),
  text('strategie'),
  text('objectif'),
  text('objectif_label'),
  text('acteur_emergent'),
  text('regions_fichier'),
  text('localisation_fichier'),
  { name: 'date_decision', type: 'date' },
  { name: 'annee', type: 'integer' },
  { name: 'montant_subvention', type: 'amount' },
  { name: 'montant_avance_remboursable', type: 'amount' },
  { name: 'montant_aide', type: 'amount' },
  ...PLACE_COLUMNS,
];

export const SUBVENTIONS_SEARCH = searchColumns(subventionsOperateurs, SUBVENTIONS_COLUMNS);
export const FRANCE_2030_SEARCH = searchColumns(france2030Laureats, FRANCE_2030_COLUMNS);

export const SUBVENTIONS_TABLE: TableDefinition = {
  name: subventionsOperateurs.table,
  columns: SUBVENTIONS_SEARCH.columns,
};
export const FRANCE_2030_TABLE: TableDefinition = {
  name: france2030Laureats.table,
  columns: FRANCE_2030_SEARCH.columns,
};

export const GRANT_TABLES: readonly TableDefinition[] = [SUBVENTIONS_TABLE, FRANCE_2030_TABLE];

/**
 * Creates the grant tables, empty, when they do not exist yet: the catalogue lists these datasets
 * and answers (no rows, « pas encore chargé ») before any import. Never touches existing rows.
 */
export async function ensureGrantTables(warehouse: Warehouse): Promise<boolean> {
  let added = false;
  for (const table of GRANT_TABLES) {
    if (!(await warehouse.tableExists(table.name))) {
      await warehouse.replaceTable({ ...table, columns: [...table.columns, ...TAG_COLUMNS] }, []);
      continue;
    }
    // Lines imported before tags were lists get the columns, empty, and `true` asks for the
    // rules to be applied.
    const { rows } = await warehouse.query(
      `SELECT count(*) FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
      [table.name, TAG_COLUMNS[0]?.name ?? 'tags'],
    );
    if (Number(rows[0]?.[0]) > 0) continue;
    const list = warehouse.dialect === 'postgres' ? 'text[]' : 'VARCHAR[]';
    for (const column of TAG_COLUMNS) {
      await warehouse.query(
        `ALTER TABLE ${quoteIdentifier(table.name)} ADD COLUMN ${quoteIdentifier(column.name)} ${list}`,
      );
    }
    added = true;
  }
  return added;
}
