import type { DatasetDefinition } from '@dataetat/widgets';
import {
  quoteIdentifier,
  type RebuiltTable,
  type Warehouse,
  type WarehouseDialect,
} from '../warehouse/types.ts';
import { currentTagging } from './current.ts';
import type { Tagging } from './manual.ts';
import { TAG_COLUMNS, taggedLinesSql } from './sql.ts';

/**
 * A dataset table rebuilt with its tags: `untagged` gives its lines without the tag columns
 * (`columns` lists them, tags excluded), the rules and manual assignments add the tag columns in
 * the same statement, and the derived tables (rollups grouping on the tag lists) are rebuilt
 * from the result in the same swap.
 */
export function withTags(
  untagged: RebuiltTable,
  dataset: DatasetDefinition,
  tagging: Tagging,
  dialect: WarehouseDialect,
): RebuiltTable {
  const own = untagged.params ?? [];
  const tags = taggedLinesSql(
    dataset,
    tagging,
    untagged.columns.map((c) => c.name),
    dialect,
    own.length,
  );
  return {
    ...untagged,
    columns: [...untagged.columns, ...TAG_COLUMNS],
    select: (table) => tags.select(untagged.select(table)),
    params: [...own, ...tags.params],
  };
}

/** `withTags` with the rules and assignments in force for `warehouse`. */
export async function withCurrentTags(
  warehouse: Warehouse,
  untagged: RebuiltTable,
  dataset: DatasetDefinition,
): Promise<RebuiltTable> {
  return withTags(untagged, dataset, await currentTagging(warehouse), warehouse.dialect);
}

const TAG_NAMES = new Set(TAG_COLUMNS.map((c) => c.name));

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
