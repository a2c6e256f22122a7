import type { Catalogue, DatasetDefinition } from '@dataetat/widgets';
import type { ColumnDefinition, SqlParam, WarehouseDialect } from '../warehouse/types.ts';
import { quoteIdentifier } from '../warehouse/types.ts';
import type { TagCondition, TagRule } from './rules.ts';

/**
 * The tag columns of a dataset's lines, computed in the engine from the rules: `tags` (codes)
 * and `tags_label` (their labels, in the same order), both NULL on a line no rule tags. Values,
 * codes and labels are bind parameters; identifiers come from the catalogue. Rules are taken in
 * code order, so a line's list (and a rollup's grouping on it) does not depend on rule ids.
 */

export const TAGS_COLUMN = 'tags';
export const TAGS_LABEL_COLUMN = 'tags_label';

export const TAG_COLUMNS: readonly ColumnDefinition[] = [
  { name: TAGS_COLUMN, type: 'text_list' },
  { name: TAGS_LABEL_COLUMN, type: 'text_list' },
];

export interface TagSql {
  /** `… AS "tags", … AS "tags_label"`, reading the line's columns through `alias`. */
  readonly select: string;
  readonly params: SqlParam[];
}

/** Bind parameters of generated SQL, numbered `$n` after `offset`. */
export class Params {
  readonly values: SqlParam[] = [];
  constructor(private readonly offset: number) {}
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}`;
  }
}

function conditionSql(
  dataset: DatasetDefinition,
  condition: TagCondition,
  alias: string,
  dialect: WarehouseDialect,
  params: Params,
): string {
  const dimension = dataset.dimensions.find((d) => d.id === condition.field);
  // Validated on save (rules.ts); a rule outliving a catalogue change tags nothing here.
  if (!dimension) return 'FALSE';
  const column = `${quoteIdentifier(alias)}.${quoteIdentifier(dimension.column)}`;
  const text = (value: string) =>
    dialect === 'postgres' ? `${params.add(value)}::text` : `CAST(${params.add(value)} AS VARCHAR)`;
  switch (condition.op) {
    case 'in':
      return `${column} IN (${condition.values.map(text).join(', ')})`;
    case 'starts_with':
      return `(${condition.values.map((v) => `starts_with(${column}, ${text(v)})`).join(' OR ')})`;
    case 'between': {
      // Byte order on both engines (PostgreSQL's database collation may be a locale's).
      const collate = dialect === 'postgres' ? ' COLLATE "C"' : '';
      const [low, high] = condition.values as [string, string];
      return `${column}${collate} BETWEEN ${text(low)} AND ${text(high)}`;
    }
  }
}

/** Whether a rule's target on `dataset` holds for the line read through `alias`. */
export function ruleMatchSql(
  dataset: DatasetDefinition,
  rule: TagRule,
  alias: string,
  dialect: WarehouseDialect,
  params: Params,
): string | null {
  const target = rule.targets.find((t) => t.dataset === dataset.id);
  if (!target) return null;
  if (target.conditions.length === 0) return 'TRUE';
  return target.conditions.map((c) => `(${conditionSql(dataset, c, alias, dialect, params)})`).join(' AND ');
}

function listSql(items: readonly string[], dialect: WarehouseDialect): string {
  if (items.length === 0) return dialect === 'postgres' ? 'CAST(NULL AS text[])' : 'CAST(NULL AS VARCHAR[])';
  return dialect === 'postgres'
    ? `NULLIF(array_remove(ARRAY[${items.join(', ')}]::text[], NULL), '{}'::text[])`
    : `NULLIF(list_filter([${items.join(', ')}], x -> x IS NOT NULL), CAST([] AS VARCHAR[]))`;
}

export function sortedRules(rules: readonly TagRule[]): TagRule[] {
  return [...rules].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id - b.id));
}

/** The tag columns of `dataset`'s lines read through `alias`; parameters numbered after `offset`. */
export function tagColumnsSql(
  dataset: DatasetDefinition,
  rules: readonly TagRule[],
  alias: string,
  dialect: WarehouseDialect,
  offset = 0,
): TagSql {
  const params = new Params(offset);
  const codes: string[] = [];
  const labels: string[] = [];
  const param = (value: string) =>
    dialect === 'postgres' ? `${params.add(value)}::text` : `CAST(${params.add(value)} AS VARCHAR)`;
  for (const rule of sortedRules(rules)) {
    const match = ruleMatchSql(dataset, rule, alias, dialect, params);
    if (match === null) continue;
    codes.push(`CASE WHEN ${match} THEN ${param(rule.code)} END`);
    // The same condition again, its values bound again: simpler than a lateral and as fast.
    const again = ruleMatchSql(dataset, rule, alias, dialect, params) as string;
    labels.push(`CASE WHEN ${again} THEN ${param(rule.label)} END`);
  }
  return {
    select: `${listSql(codes, dialect)} AS ${quoteIdentifier(TAGS_COLUMN)}, ${listSql(labels, dialect)} AS ${quoteIdentifier(TAGS_LABEL_COLUMN)}`,
    params: params.values,
  };
}

/** Datasets of the catalogue with a tags dimension (the ones rules can tag). */
export function taggedDatasets(catalogue: Catalogue): DatasetDefinition[] {
  return [...catalogue.values()].filter((d) => d.dimensions.some((x) => x.type === 'tags'));
}
