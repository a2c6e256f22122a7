/**
 * Placement of warehouse tables on a Citus cluster (issue 14, « scale-out beyond one machine »).
 * When the `citus` extension is installed in the warehouse database, every table the warehouse
 * builds is placed as it is built, before its indexes and its swap:
 * - lines and pre-aggregations carrying the scope column `region`, past a size, are distributed
 *   by it: a régional reader's query (scope injected as `region = …`) reads one node's shards,
 *   and every such table is co-located, so joins on the région stay local;
 * - every other table (the COG, programmes, small datasets) becomes a reference table, copied on
 *   every node, so joins from distributed tables to it stay local too.
 * Without the extension nothing changes: plain tables, as on any PostgreSQL.
 */
/** The scope column: what every territorial query filters on. */
export const DISTRIBUTION_COLUMN = 'region';

/** Up to this many rows a table is copied to every node rather than split. */
export const REFERENCE_TABLE_MAX_ROWS = 100_000;

export type CitusPlacement =
  | { readonly kind: 'distributed'; readonly column: string }
  | { readonly kind: 'reference' };

export interface TableShape {
  readonly columns: readonly string[];
  readonly rows: number;
  /** Rows whose `region` is NULL (lines placed nowhere): Citus refuses them in a distribution column. */
  readonly rowsWithoutRegion: number;
}

/** Where a table of this shape goes on a Citus cluster. */
export function citusPlacement({ columns, rows, rowsWithoutRegion }: TableShape): CitusPlacement {
  const distributable = columns.includes(DISTRIBUTION_COLUMN) && rowsWithoutRegion === 0;
  return distributable && rows > REFERENCE_TABLE_MAX_ROWS
    ? { kind: 'distributed', column: DISTRIBUTION_COLUMN }
    : { kind: 'reference' };
}

/**
 * The call placing `qualifiedTable` (schema-qualified, quoted) and its parameters. The table
 * name is a regclass literal passed as a parameter, never spliced into the SQL.
 */
export function citusPlacementCall(
  qualifiedTable: string,
  placement: CitusPlacement,
): { readonly sql: string; readonly params: string[] } {
  return placement.kind === 'distributed'
    ? {
        sql: 'SELECT create_distributed_table($1::regclass, $2)',
        params: [qualifiedTable, placement.column],
      }
    : { sql: 'SELECT create_reference_table($1::regclass)', params: [qualifiedTable] };
}

/** Lists the extension when installed (then tables are placed as they are built). */
export const CITUS_PRESENT_SQL = "SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus'";
