import type { DatasetDefinition } from '@dataetat/widgets';
import type { RebuiltTable, RowSource, Warehouse } from '../warehouse/types.ts';
import { selfRebuild, withCurrentTags } from './tagged.ts';

/**
 * A seed loader's rows written with their tags: into a staging table first (no list crosses
 * into the engine from JS), then the dataset table and its derived tables rebuilt from it with
 * the rules' tags in one swap, so readers never see the new lines untagged. Returns the lines.
 */
export async function loadTagged(
  warehouse: Warehouse,
  dataset: DatasetDefinition,
  table: Omit<RebuiltTable, 'select'>,
  rows: RowSource,
): Promise<number> {
  const staging = `${table.name}__sans_etiquettes`;
  await warehouse.replaceTable({ name: staging, columns: table.columns }, rows);
  try {
    const rebuilt = await withCurrentTags(warehouse, selfRebuild(table, staging), dataset);
    const counts = await warehouse.rebuildTables([rebuilt]);
    return counts[table.name] ?? 0;
  } finally {
    await warehouse.dropTable(staging);
  }
}
