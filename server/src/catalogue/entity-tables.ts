import type { DatasetDefinition } from '@dataetat/widgets';
import type { RollupDefinition } from './rollups.ts';

/**
 * Entity tables: for each dimension the catalogue marks with `entityTable` (beneficiaries:
 * ~500 000 distinct for 10M Chorus lines), one row per distinct code and label with its folded
 * search text and its line count:
 *   `SELECT beneficiaire, beneficiaire_label, beneficiaire_search, COUNT(*) AS row_count
 *    FROM chorus_lignes GROUP BY 1, 2, 3`
 * That is a count-only rollup by the one dimension, so it is built by the same load as the lines
 * (`replaceTable(…, { derived })`, swapped in with them: never stale) and listed with the
 * pre-aggregations. The compiler searches it first for a `contains` on the dimension
 * (widgets/src/compiler/filters.ts, `inEntitySearch`); the router sends it the specs it answers
 * exactly — a values list of the dimension with no territorial scope.
 */
export function entityTableDefinitions(datasets: readonly DatasetDefinition[]): RollupDefinition[] {
  return datasets.flatMap((dataset) =>
    dataset.dimensions.flatMap((dimension) => {
      if (!dimension.entityTable) return [];
      // Searching the entity table means searching its folded text: without one there is nothing to search.
      if (!dimension.searchColumn) {
        throw new Error(`${dataset.id}.${dimension.id} : entityTable sans searchColumn`);
      }
      return [
        { table: dimension.entityTable, dataset: dataset.id, dimensions: [dimension.id], countOnly: true },
      ];
    }),
  );
}
