import { type DatasetDefinition, searchText } from '@dataetat/widgets';
import type { ColumnDefinition } from '../warehouse/types.ts';

/**
 * The search columns a dataset's catalogue definition asks for (`searchColumn` on a dimension),
 * appended to a loader's row layout and filled from the code and label columns of each row:
 * `contains` then runs one LIKE on text folded here, once, instead of folding every row in SQL
 * at every query. Driven by the catalogue, so a loader cannot forget one.
 */
export interface SearchColumns {
  /** The loader's columns followed by the search columns. */
  readonly columns: readonly ColumnDefinition[];
  /** Appends the search values to a row (in place) and returns it. */
  extend(row: unknown[]): unknown[];
}

/** Folding is the costly part and codes repeat: cache per distinct (code, label). */
const MAX_CACHED = 200_000;

export function searchColumns(
  dataset: DatasetDefinition,
  columns: readonly ColumnDefinition[],
): SearchColumns {
  const indexOf = (name: string): number => {
    const index = columns.findIndex((c) => c.name === name);
    if (index < 0) throw new Error(`${dataset.id} : colonne ${name} absente du chargeur`);
    return index;
  };
  const fillers = dataset.dimensions.flatMap((dimension) => {
    if (!dimension.searchColumn) return [];
    const code = indexOf(dimension.column);
    const label = dimension.labelColumn ? indexOf(dimension.labelColumn) : -1;
    // code → label → folded text. Nested maps on the row's own values: no key to build, and
    // V8 hashes a string instance once, so repeated codes and labels cost two lookups.
    const cache = new Map<unknown, Map<unknown, string | null>>();
    let cached = 0;
    const fill = (row: readonly unknown[]): string | null => {
      const codeValue = row[code];
      const labelValue = label < 0 ? undefined : row[label];
      let byLabel = cache.get(codeValue);
      let value = byLabel?.get(labelValue);
      if (value === undefined) {
        value = searchText(codeValue, labelValue);
        if (cached < MAX_CACHED) {
          if (!byLabel) {
            byLabel = new Map();
            cache.set(codeValue, byLabel);
          }
          byLabel.set(labelValue, value);
          cached++;
        }
      }
      return value;
    };
    return [{ column: { name: dimension.searchColumn, type: 'text' } as const, fill }];
  });
  return {
    columns: [...columns, ...fillers.map((f) => f.column)],
    extend(row) {
      for (const filler of fillers) row.push(filler.fill(row));
      return row;
    },
  };
}
