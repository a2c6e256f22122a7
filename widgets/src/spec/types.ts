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

export interface ResultColumn {
  readonly id: string;
  readonly label: string;
  readonly type: 'text' | 'code' | 'year' | 'date' | 'geo' | 'tags' | 'coordinate' | 'number';
  readonly level?: string;
  /** For a `coordinate` dimension: `latitude` or `longitude` (the map's points read them). */
  readonly axis?: 'latitude' | 'longitude';
  readonly format?: string;
  /** For a label column: the dimension it labels. */
  readonly labelOf?: string;
  /** 'dimension' | 'label' | 'measure' | 'grouping' */
  readonly role: 'dimension' | 'label' | 'measure' | 'grouping';
}

export type Cell = string | number | null;

export interface QueryResult {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /** Grand totals by measure id, when `totals` was asked. */
  readonly totals: Readonly<Record<string, number | null>>;
  readonly meta: {
    readonly rowCount: number;
    readonly truncated: boolean;
    readonly cached: boolean;
    readonly engineMs: number;
    readonly dataVersion: string;
    readonly source: string;
    readonly updatedAt: string | null;
    readonly demo: boolean;
    readonly engine: 'duckdb' | 'postgres';
    /** Pre-aggregated table that served the query (same result as the base table), if any. */
    readonly rollup?: string;
  };
}
