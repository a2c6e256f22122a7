import type { QuerySpec } from '../spec/types.ts';
import type { PivotOptions } from './spec.ts';

/** Detail cells a pivot asks at most (the server caps it again). */
export const PIVOT_ROW_LIMIT = 50_000;

/** The year dimension: every dataset of the catalogue names it `annee` (catalogue.test.ts). */
const YEAR_DIMENSION = 'annee';

/**
 * Dimensions laid out as columns: the chosen ones (`[]` = none, one column per measure); when
 * nothing was chosen, the year as soon as there is another dimension for the rows — a cross-tab
 * by year is what an agent expects of a « tableau croisé ».
 */
export function pivotColumns(dimensions: readonly string[], options: PivotOptions = {}): string[] {
  if (options.columns !== undefined) return dimensions.filter((d) => options.columns?.includes(d));
  return dimensions.length >= 2 && dimensions.includes(YEAR_DIMENSION) ? [YEAR_DIMENSION] : [];
}

/**
 * The spec a pivot sends. Column dimensions go first and subtotals cover every prefix up to the
 * last row level, so one SQL statement (GROUPING SETS) returns: the cells, the subtotal of every
 * row group in every column, the total of every column, and the grand total (`totals`).
 * Ratios are thus right at every level: nothing is summed in the browser.
 *
 * With column dimensions, `totalsAcross` adds the « Total » column: every row group summed across
 * the columns, by the engine as well.
 */
export function pivotQuery(spec: QuerySpec, options: PivotOptions = {}): QuerySpec {
  const dims = spec.dimensions ?? [];
  let columns = pivotColumns(dims, options);
  // A pivot needs at least one row level.
  if (columns.length === dims.length && dims.length > 0) columns = columns.slice(0, -1);
  const rows = dims.filter((d) => !columns.includes(d));
  const dimensions = [...columns, ...rows];
  const subtotals = dimensions.slice(0, Math.max(dimensions.length - 1, 0));
  const { subtotals: _ignored, ...rest } = spec;
  return {
    ...rest,
    dimensions,
    ...(subtotals.length > 0 && { subtotals }),
    ...(columns.length > 0 && { totalsAcross: columns }),
    totals: spec.measures.length > 0,
    // Rows in their natural order unless the widget sorts them; the tree keeps the engine order.
    sort:
      spec.sort && spec.sort.length > 0 ? spec.sort : rows.map((field) => ({ field, dir: 'asc' as const })),
    limit: spec.limit ?? PIVOT_ROW_LIMIT,
    offset: 0,
  };
}
