import type { DatasetDefinition } from '@dataetat/widgets';
import { rollupSelect, rollupsOf } from '../catalogue/rollups.ts';
import type { DerivedTable } from '../warehouse/types.ts';

/**
 * The tables a dataset's load rebuilds from its new lines and swaps in with them: its
 * pre-aggregations and entity tables (catalogue/rollups.ts, catalogue/entity-tables.ts). Every
 * loader passes them to `replaceTable`, so declaring one in the catalogue is enough.
 */
export function derivedTables(dataset: DatasetDefinition): readonly DerivedTable[] {
  return rollupsOf(dataset.id).map((rollup) => ({
    name: rollup.table,
    select: (source) => rollupSelect(dataset, rollup, source),
  }));
}
