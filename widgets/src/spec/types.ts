/** The declarative query a widget asks (DESIGN.md §5). Unknown keys are rejected. */

export type FilterOperator =
  | 'eq'
  | 'neq'
  | 'in'
  | 'not_in'
  | 'between'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'contains'
  | 'starts_with'
  | 'is_null'
  | 'not_null'
  | 'last_n_years';

export type FilterValue = string | number | boolean;

export interface FilterSpec {
  readonly field: string;
  readonly op: FilterOperator;
  readonly values?: readonly FilterValue[];
}

export interface SortSpec {
  readonly field: string;
  readonly dir: 'asc' | 'desc';
}

export interface QuerySpec {
  readonly dataset: string;
  readonly measures: readonly string[];
  readonly dimensions?: readonly string[];
  readonly filters?: readonly FilterSpec[];
  readonly sort?: readonly SortSpec[];
  readonly limit?: number;
  readonly offset?: number;
  /** Grand total over the whole (filtered) result, returned in `totals`. */
  readonly totals?: boolean;
  /** Dimensions to subtotal on (prefix of `dimensions`), as ROLLUP-like grouping sets. */
  readonly subtotals?: readonly string[];
  /**
   * Leading dimensions (a prefix of `dimensions`, at least one dimension left after it) that are
   * also rolled up under every subtotal level and the detail: the « Total » column of a cross-tab,
   * one total across those dimensions per row group, computed by the engine (ratios included).
   */
  readonly totalsAcross?: readonly string[];
  /** Keep the top N values of the first dimension, the rest folded into « Autres ». */
  readonly topN?: { readonly n: number; readonly others?: boolean };
}

/** Server-side security context, appended after validation; a spec cannot remove it. */
export interface SecurityContext {
  /** Région code the caller is restricted to, or 'NAT' for everything. */
  readonly scope: string;
  /** Filters locked by an embed / share link, always ANDed. */
  readonly lockedFilters?: readonly FilterSpec[];
}

export type { QueryResult, ResultColumn } from '../api/query.ts';

export type Cell = string | number | null;
