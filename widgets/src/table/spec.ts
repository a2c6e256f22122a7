/** Options of the `table` widget (DESIGN.md §6): a server-paged, sortable table. */

/** How a coded dimension (département, bénéficiaire…) shows its code and label. */
export type CodeDisplay =
  /** The label, with the code under it in a secondary style (default). */
  | 'label-code'
  /** « 35 — Ille-et-Vilaine » on one line. */
  | 'code-label'
  /** The code only. */
  | 'code';

export interface TableOptions {
  /** Rows per page, asked to the server as `limit`. Default 50. */
  readonly pageSize?: number;
  /** Column ids hidden at first; the reader can show them again with the column chooser. */
  readonly hiddenColumns?: readonly string[];
  /** Default 'label-code'. */
  readonly codes?: CodeDisplay;
  /** Shows the totals row when the result has totals. Default true. */
  readonly totals?: boolean;
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

export interface ResolvedTableOptions {
  readonly pageSize: number;
  readonly hiddenColumns: readonly string[];
  readonly codes: CodeDisplay;
  readonly totals: boolean;
}

export function resolveTableOptions(options: TableOptions | Record<string, unknown>): ResolvedTableOptions {
  const o = options as TableOptions;
  return {
    pageSize: o.pageSize && Number.isInteger(o.pageSize) && o.pageSize > 0 ? o.pageSize : DEFAULT_PAGE_SIZE,
    hiddenColumns: Array.isArray(o.hiddenColumns) ? o.hiddenColumns : [],
    codes: o.codes === 'code-label' || o.codes === 'code' ? o.codes : 'label-code',
    totals: o.totals !== false,
  };
}
