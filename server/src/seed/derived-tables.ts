import type { DatasetDefinition } from '@dataetat/widgets';
import { keptDimensions, type RollupDefinition, rollupSelect, rollupsOf } from '../catalogue/rollups.ts';
import type { DerivedTable, TableIndex } from '../warehouse/types.ts';

/**
 * The tables a dataset's load rebuilds from its new lines and swaps in with them: its
 * pre-aggregations and entity tables (catalogue/rollups.ts, catalogue/entity-tables.ts). Every
 * loader passes them to `replaceTable`, so declaring one in the catalogue is enough.
 */
export function derivedTables(dataset: DatasetDefinition): readonly DerivedTable[] {
  return rollupsOf(dataset.id).map((rollup) => ({
    name: rollup.table,
    select: (source) => rollupSelect(dataset, rollup, source),
    indexes: rollupIndexes(dataset, rollup),
  }));
}

/** Dashboards nearly always filter a period: rollups that keep the year pair it with each code. */
const YEAR_COLUMN = 'annee';

/**
 * Where PostgreSQL reads a rollup through an index rather than a scan: each kept dimension's
 * code, with the year when the rollup keeps it (programme ∈ […] over 2021–2024: 46 ms scanned,
 * 36 ms through a year-only index, 2.5 ms through (programme, annee) at 10 M lines), and an
 * entity table's search text for `contains` (trigrams).
 */
function rollupIndexes(dataset: DatasetDefinition, rollup: RollupDefinition): TableIndex[] {
  const dimensions = keptDimensions(dataset, rollup);
  const hasYear = dimensions.some((d) => d.column === YEAR_COLUMN);
  const indexes: TableIndex[] = dimensions.map((d) => ({
    columns: hasYear && d.column !== YEAR_COLUMN ? [d.column, YEAR_COLUMN] : [d.column],
  }));
  if (rollup.countOnly) {
    for (const d of dimensions) {
      if (d.searchColumn) indexes.push({ columns: [d.searchColumn], kind: 'trigram' });
    }
  }
  return indexes;
}
