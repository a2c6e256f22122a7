/** The analytical store behind one small interface; DuckDB and PostgreSQL implement it. */

export type WarehouseDialect = 'duckdb' | 'postgres';

/**
 * `text_list`: a list of texts (DuckDB `VARCHAR[]`, PostgreSQL `text[]`), the tags of a line.
 * Computed in the engine (tags/sql.ts): a loader may only write NULL into one.
 */
export type ColumnType =
  | 'text'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'amount'
  | 'date'
  | 'boolean'
  | 'text_list';

export interface ColumnDefinition {
  readonly name: string;
  readonly type: ColumnType;
}

export interface TableDefinition {
  readonly name: string;
  readonly columns: readonly ColumnDefinition[];
}

export type SqlParam = string | number | boolean | null;

export interface QueryOptions {
  /** Engine time limit; the query is interrupted past it. */
  readonly timeoutMs?: number;
  /** Aborting cancels the engine query (client went away). */
  readonly signal?: AbortSignal;
}

/**
 * Both engines return the same JS value for the same SQL value, so results (and caches, and
 * tests) do not depend on the engine:
 * - integers of any width, DOUBLE, DECIMAL/NUMERIC → `number` (BIGINT above 2^53 and decimals
 *   are rounded to the nearest double, identically on both engines);
 * - DATE → `'YYYY-MM-DD'` string: no time zone to get wrong, serialises to JSON unchanged and
 *   compares with filter values as is;
 * - TIMESTAMP → `Date` (read as UTC); text → `string`; boolean → `boolean`; NULL → `null`.
 */
export interface QueryRows {
  readonly columns: readonly string[];
  /** Rows as arrays in select order. */
  readonly rows: unknown[][];
}

export type RowSource = Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>;

/**
 * A table computed from the one being replaced (a pre-aggregation): built from the new rows
 * before the swap and swapped in the same transaction, so it never disagrees with its source.
 */
/**
 * An index worth building where the engine uses one (PostgreSQL); DuckDB ignores them (its
 * zone maps and vectorised scans already serve these small tables).
 */
export interface TableIndex {
  readonly columns: readonly string[];
  /** `trigram`: GIN pg_trgm for `LIKE '%…%'` searches (built only if pg_trgm is available). */
  readonly kind?: 'btree' | 'trigram';
}

export interface DerivedTable {
  readonly name: string;
  /** `SELECT …` reading the (already quoted) source table; portable to both engines. */
  select(source: string): string;
  /** Built with the table, before it is swapped in. */
  readonly indexes?: readonly TableIndex[];
}

export interface ReplaceTableOptions {
  readonly derived?: readonly DerivedTable[];
}

/**
 * A table rebuilt in the engine from a `SELECT` over other tables (no row crosses into JS): the
 * fast way to recompose a dataset from its parts (Chorus lines = imported lines + the demo lines
 * no import covers). The result gets exactly `columns` (cast to the engine's types, as a loaded
 * table would), so both engines hold the same table whatever the SELECT's own types are.
 */
export interface RebuiltTable extends TableDefinition {
  /**
   * `SELECT …` giving `columns` in order. `table(name)` is the quoted name to read: the new
   * content of a table rebuilt earlier in the same call, else the current table.
   */
  select(table: (name: string) => string): string;
  /** Values of the SELECT's `$1, $2…` (a tagging rule's values: never in the SQL text). */
  readonly params?: readonly SqlParam[];
  /** Tables computed from this one (pre-aggregations), swapped in with it. */
  readonly derived?: readonly DerivedTable[];
}
export interface Warehouse {
  readonly dialect: WarehouseDialect;
  query(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<QueryRows>;
  /**
   * Replaces a table's content atomically: rows go to a staging table, then one transaction
   * swaps it in. A failure leaves the previous table untouched. Returns the row count.
   * `derived` tables are rebuilt from the new rows and swapped in the same transaction.
   */
  replaceTable(table: TableDefinition, rows: RowSource, options?: ReplaceTableOptions): Promise<number>;
  /**
   * Rebuilds `tables` in order from their SELECTs, in the engine, and swaps them all in one
   * transaction with their derived tables: readers see every old table or every new one. A
   * failure (or a crash) leaves all of them untouched. Returns each table's row count.
   */
  rebuildTables(tables: readonly RebuiltTable[]): Promise<Record<string, number>>;
  /** Drops a table if it exists (staging tables of an abandoned import). */
  dropTable(name: string): Promise<void>;
  tableExists(name: string): Promise<boolean>;
  version(): Promise<string>;
  close(): Promise<void>;
}

export class QueryTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`query exceeded ${timeoutMs} ms`);
    this.name = 'QueryTimeoutError';
  }
}

export class QueryCancelledError extends Error {
  constructor() {
    super('query cancelled');
    this.name = 'QueryCancelledError';
  }
}

/** Identifiers here come from code (table definitions), never from users; quote anyway. */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid identifier: ${name}`);
  return `"${name}"`;
}
