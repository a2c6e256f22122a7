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
    const cache = new Map<string, string | null>();
    const fill = (row: readonly unknown[]): string | null => {
      const codeValue = row[code];
      const labelValue = label < 0 ? undefined : row[label];
      // U+0000 never occurs in warehouse text (PostgreSQL refuses it): a safe key separator.
      const key = `${codeValue ?? ''}\u0000${labelValue ?? ''}\u0000${codeValue == null ? 1 : 0}${labelValue == null ? 1 : 0}`;
      let value = cache.get(key);
      if (value === undefined) {
        value = searchText(codeValue, labelValue);
        if (cache.size < MAX_CACHED) cache.set(key, value);
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
