import { financementsPublics } from '../catalogue/datasets/financements-publics.ts';
import { derivedTables } from '../seed/derived-tables.ts';
import { TAG_COLUMNS } from '../tags/sql.ts';
import type { ColumnDefinition, ColumnType, RebuiltTable } from '../warehouse/types.ts';
import { COUNTED_CODES, OVERLAP_LABELS } from './overlaps.ts';
import { CROSS_SOURCES, type Expressions, overlapExpression, sqlString } from './sources.ts';

export const FINANCEMENTS_TABLE = financementsPublics.table;

const text = (name: string): ColumnDefinition => ({ name, type: 'text' });

/** The tags columns keep the type the sources give them: lists (tags/sql.ts). */
const tagsType = (name: string): ColumnType => TAG_COLUMNS.find((c) => c.name === name)?.type ?? 'text';

/** What every branch of the union gives, by name (the engine casts each to its type). */
const BRANCH_COLUMNS: readonly ColumnDefinition[] = [
  text('source'),
  text('source_label'),
  { name: 'annee', type: 'integer' },
  ...['region', 'departement', 'epci', 'commune', 'qpv'].flatMap((level) =>
    [level, `${level}_label`, `${level}_search`].map(text),
  ),
  text('beneficiaire'),
  text('beneficiaire_label'),
  text('beneficiaire_search'),
  text('siren'),
  text('type_beneficiaire'),
  text('type_beneficiaire_label'),
  text('programme'),
  text('programme_label'),
  text('objet'),
  text('nature_montant'),
  text('nature_montant_label'),
  text('recoupement'),
  text('origine'),
  text('origine_label'),
  { name: 'tags', type: tagsType('tags') },
  { name: 'tags_label', type: tagsType('tags_label') },
  { name: 'montant', type: 'amount' },
];

/** `financements_publics`: the branches' columns, the overlap's label and the counted amount. */
export const FINANCEMENTS_COLUMNS: readonly ColumnDefinition[] = [
  ...BRANCH_COLUMNS,
  text('recoupement_label'),
  { name: 'montant_compte', type: 'amount' },
];

/** Source tables read (the build waits until each exists) — the communes' SIRENs among them. */
export const FINANCEMENTS_INPUT_TABLES: readonly string[] = [
  ...CROSS_SOURCES.map((s) => s.dataset.table),
  'ref_communes',
];

function branch(expressions: Expressions, from: string): string {
  const list = BRANCH_COLUMNS.map((c) => `${expressions[c.name] ?? 'NULL'} AS ${c.name}`).join(',\n    ');
  return `SELECT\n    ${list}\n  ${from}`;
}

function caseOf(column: string, labels: Readonly<Record<string, string>>): string {
  const whens = Object.entries(labels)
    .map(([code, label]) => `WHEN ${sqlString(code)} THEN ${sqlString(label)}`)
    .join(' ');
  return `CASE ${column} ${whens} END`;
}

/**
 * One `CREATE TABLE … AS SELECT` over every source (rebuildTables: one transaction with its
 * entity table, both engines): each source's lines as a branch of a UNION ALL, then the
 * overlap's label and the counted amount. `table(name)` quotes the tables read.
 */
export function financementsSelect(table: (name: string) => string): string {
  const union = CROSS_SOURCES.map((source) =>
    branch({ ...source.expressions, recoupement: overlapExpression(source, table) }, source.from(table)),
  ).join('\n  UNION ALL\n  ');
  const counted = COUNTED_CODES.map(sqlString).join(', ');
  return `SELECT lignes.*,
    ${caseOf('lignes.recoupement', OVERLAP_LABELS)} AS recoupement_label,
    CASE WHEN lignes.recoupement IN (${counted}) THEN lignes.montant ELSE 0 END AS montant_compte
  FROM (\n  ${union}\n  ) AS lignes`;
}

export const FINANCEMENTS: RebuiltTable = {
  name: FINANCEMENTS_TABLE,
  columns: FINANCEMENTS_COLUMNS,
  select: financementsSelect,
  derived: derivedTables(financementsPublics),
};
