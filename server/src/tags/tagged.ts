import type { DatasetDefinition } from '@dataetat/widgets';
import {
  quoteIdentifier,
  type RebuiltTable,
  type Warehouse,
  type WarehouseDialect,
} from '../warehouse/types.ts';
import { currentTagRules } from './current.ts';
import type { TagRule } from './rules.ts';
import { TAG_COLUMNS, TAGS_COLUMN, TAGS_LABEL_COLUMN, tagColumnsSql } from './sql.ts';

/**
 * A dataset table rebuilt with its tags: `untagged` gives its lines without the tag columns
 * (`columns` lists them, tags excluded), the rules add `tags` and `tags_label` in the same
 * statement, and the derived tables (rollups grouping on the tag lists) are rebuilt from the
 * result in the same swap.
 */
export function withTags(
  untagged: RebuiltTable,
  dataset: DatasetDefinition,
  rules: readonly TagRule[],
  dialect: WarehouseDialect,
): RebuiltTable {
  const own = untagged.params ?? [];
  const tags = tagColumnsSql(dataset, rules, 'w', dialect, own.length);
  const names = untagged.columns.map((c) => `w.${quoteIdentifier(c.name)}`).join(', ');
  return {
    ...untagged,
    columns: [...untagged.columns, ...TAG_COLUMNS],
    select: (table) => `SELECT ${names}, ${tags.select} FROM (${untagged.select(table)}) w`,
    params: [...own, ...tags.params],
  };
}

/** `withTags` with the rules in force for `warehouse`. */
export async function withCurrentTags(
  warehouse: Warehouse,
  untagged: RebuiltTable,
  dataset: DatasetDefinition,
): Promise<RebuiltTable> {
  return withTags(untagged, dataset, await currentTagRules(warehouse), warehouse.dialect);
}

const TAG_NAMES = new Set([TAGS_COLUMN, TAGS_LABEL_COLUMN]);

/** A tagged table's columns without its tag columns (what its loader or import writes). */
export function untaggedColumns<T extends { readonly name: string }>(columns: readonly T[]): T[] {
  return columns.filter((c) => !TAG_NAMES.has(c.name));
}

/** A table re-read from itself (or `source`) without its tags: re-tagging keeps every line. */
export function selfRebuild(table: Omit<RebuiltTable, 'select'>, source = table.name): RebuiltTable {
  const columns = untaggedColumns(table.columns);
  const names = columns.map((c) => quoteIdentifier(c.name)).join(', ');
  return { ...table, columns, select: (read) => `SELECT ${names} FROM ${read(source)}` };
}
