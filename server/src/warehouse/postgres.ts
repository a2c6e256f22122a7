import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { CITUS_PRESENT_SQL, citusPlacement, citusPlacementCall, DISTRIBUTION_COLUMN } from './citus.ts';
import { copyTextStream } from './copy-text.ts';
import { Semaphore } from './semaphore.ts';
import {
  type ColumnType,
  QueryCancelledError,
  type QueryOptions,
  type QueryRows,
  QueryTimeoutError,
  quoteIdentifier,
  type RebuiltTable,
  type ReplaceTableOptions,
  type RowSource,
  type SqlParam,
  type TableDefinition,
  type TableIndex,
  type Warehouse,
} from './types.ts';
import { loadValue, normalisedColumns } from './values.ts';

const FINAL_TYPE: Record<ColumnType, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  double: 'double precision',
  // Same exact decimal as DuckDB's DECIMAL(18,2), so sums agree to the cent.
  amount: 'numeric(18,2)',
  date: 'date',
  boolean: 'boolean',
  text_list: 'text[]',
};

/** Result parsing aligned with DuckDB (see `QueryRows`): postgres.js defaults differ. */
const TYPES = {
  int8: { to: 20, from: [20], serialize: String, parse: Number },
  numeric: { to: 1700, from: [1700], serialize: String, parse: Number },
  date: { to: 1082, from: [1082], serialize: String, parse: (raw: string) => raw },
  // Without a zone the text is UTC (the session's TimeZone), as DuckDB reads TIMESTAMP.
  timestamp: {
    to: 1114,
    from: [1114],
    serialize: (value: Date | string) => (value instanceof Date ? value.toISOString() : value),
    parse: (raw: string) => new Date(`${raw.replace(' ', 'T')}Z`),
  },
};

/** SQLSTATE 57014: statement cancelled (by statement_timeout or a cancel request). */
const QUERY_CANCELED = '57014';
/** Suffixes added to table names: PostgreSQL truncates identifiers past 63 bytes. */
const MAX_TABLE_NAME = 63 - '__staging'.length;

function connect(url: string, schema: string, max: number) {
  return postgres(url, {
    max,
    // Ad-hoc analytical SQL: named prepared statements would pile up on every connection.
    prepare: false,
    onnotice: () => {},
    types: TYPES,
    connection: {
      application_name: 'dataetat-warehouse',
      // Unqualified table names in compiled SQL resolve to the warehouse schema only.
      search_path: schema,
      TimeZone: 'UTC',
      DateStyle: 'ISO, YMD',
      // JIT compilation cost 15–25 % of each scan of our aggregates (issue 16: 1 996 → 1 609 ms
      // on a 10M-line query): the queries are short-lived and planned anew each time.
      jit: 'off',
    },
  });
}
type Client = ReturnType<typeof connect>;

/**
 * pg_trgm serves `LIKE '%…%'` searches from an index. Created when missing (needs the right to
 * create extensions: a managed PostgreSQL may refuse, and searches then scan, correctly).
 */
async function trigramOperatorClass(sql: Client): Promise<string | null> {
  const find = () =>
    sql<{ schema: string }[]>`
      SELECT n.nspname AS schema FROM pg_opclass c
      JOIN pg_namespace n ON n.oid = c.opcnamespace
      JOIN pg_am a ON a.oid = c.opcmethod
      WHERE c.opcname = 'gin_trgm_ops' AND a.amname = 'gin' LIMIT 1`;
  let [found] = await find();
  if (!found) {
    try {
      await sql.unsafe('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    } catch {
      return null;
    }
    [found] = await find();
  }
  return found ? `${quoteIdentifier(found.schema)}.gin_trgm_ops` : null;
}

/** The SELECT list giving a table its final types (text in byte order, as DuckDB compares it). */
function finalCasts(table: TableDefinition): string {
  return table.columns
    .map((c) => {
      const cast = `CAST(${quoteIdentifier(c.name)} AS ${FINAL_TYPE[c.type]})`;
      // Byte-order collation: sorts and compares text as DuckDB does, whatever the database's
      // default collation (fr_FR sorts 'é' beside 'e' and 'B' beside 'b').
      return `${c.type === 'text' ? `${cast} COLLATE "C"` : cast} AS ${quoteIdentifier(c.name)}`;
    })
    .join(', ');
}

export interface PostgresWarehouseOptions {
  /** postgres:// URL of the server holding the warehouse. */
  readonly url: string;
  /** Schema holding the warehouse tables, apart from any metadata tables in the same database. */
  readonly schema?: string;
  /** Queries running at once (also the connection pool size); the rest wait. */
  readonly concurrency?: number;
  /**
   * Place built tables on a Citus cluster (citus.ts). Default: when the database has the `citus`
   * extension. False keeps plain tables on a Citus coordinator.
   */
  readonly citus?: boolean;
}

export class PostgresWarehouse implements Warehouse {
  readonly dialect = 'postgres' as const;
  private readonly gate: Semaphore;

  private constructor(
    private readonly sql: Client,
    readonly schema: string,
    concurrency: number,
    /** Qualified `gin_trgm_ops`, or null when pg_trgm cannot be had (trigram indexes skipped). */
    private readonly trigramOps: string | null,
    /** The database has Citus: built tables are distributed or replicated (citus.ts). */
    readonly citus: boolean,
  ) {
    this.gate = new Semaphore(concurrency);
  }

  static async open(options: PostgresWarehouseOptions): Promise<PostgresWarehouse> {
    const schema = options.schema ?? 'dataetat';
    quoteIdentifier(schema);
    const concurrency = options.concurrency ?? 4;
    const sql = connect(options.url, schema, concurrency);
    try {
      await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    } catch (error) {
      // Two servers starting together may race on the schema: the loser finds it created.
      if (!(error instanceof postgres.PostgresError && ['42P06', '23505'].includes(error.code))) {
        await sql.end({ timeout: 1 });
        throw error;
      }
    }
    const citus = options.citus ?? (await sql.unsafe(CITUS_PRESENT_SQL)).length > 0;
    return new PostgresWarehouse(sql, schema, concurrency, await trigramOperatorClass(sql), citus);
  }

  async query(
    text: string,
    params: readonly SqlParam[] = [],
    options: QueryOptions = {},
  ): Promise<QueryRows> {
    const { signal, timeoutMs } = options;
    if (signal?.aborted) throw new QueryCancelledError();
    return this.gate.run(async () => {
      if (signal?.aborted) throw new QueryCancelledError();
      try {
        // A transaction pins one connection: the timeout applies to this query only, and a
        // cancel request can only reach our own statement.
        const result = await this.sql.begin(async (tx) => {
          if (timeoutMs) {
            await tx`SELECT set_config('statement_timeout', ${String(Math.ceil(timeoutMs))}, true)`;
          }
          const pending = tx.unsafe(text, [...params]).values();
          const onAbort = () => pending.cancel();
          signal?.addEventListener('abort', onAbort, { once: true });
          if (signal?.aborted) onAbort();
          try {
            return await pending;
          } finally {
            signal?.removeEventListener('abort', onAbort);
          }
        });
        // Statements without a result set (DDL) have no column list.
        return { columns: (result.columns ?? []).map((c) => c.name), rows: [...result] as unknown[][] };
      } catch (error) {
        if (signal?.aborted) throw new QueryCancelledError();
        if (timeoutMs && error instanceof postgres.PostgresError && error.code === QUERY_CANCELED) {
          throw new QueryTimeoutError(timeoutMs);
        }
        throw error;
      }
    });
  }

  /**
   * COPY (text) into an all-text UNLOGGED staging table, so the stream itself cannot fail on a
   * value; one CREATE TABLE AS casts to the real types (bad values fail there, with a proper
   * error); then one short transaction swaps the tables.
   */
  async replaceTable(
    table: TableDefinition,
    rows: RowSource,
    options: ReplaceTableOptions = {},
  ): Promise<number> {
    const derived = options.derived ?? [];
    for (const t of [table, ...derived]) {
      if (t.name.length > MAX_TABLE_NAME) throw new Error(`nom de table trop long : ${t.name}`);
    }
    const name = quoteIdentifier(table.name);
    const staging = quoteIdentifier(`${table.name}__staging`);
    const next = quoteIdentifier(`${table.name}__next`);
    const derivedNames = derived.map((d) => ({
      derived: d,
      name: quoteIdentifier(d.name),
      next: quoteIdentifier(`${d.name}__next`),
    }));
    const leftovers = [staging, next, ...derivedNames.map((d) => d.next)].join(', ');
    const types = table.columns.map((c) => c.type);
    const normalised = normalisedColumns(types);
    const prepare = (row: readonly unknown[]): readonly unknown[] => {
      if (normalised.length === 0) return row;
      const values = [...row];
      for (const index of normalised) values[index] = loadValue(types[index] as ColumnType, values[index]);
      return values;
    };
    const columns = table.columns.map((c) => quoteIdentifier(c.name));
    const casts = finalCasts(table);

    return this.gate.run(async () => {
      const connection = await this.sql.reserve();
      // Two servers loading the same table would trip over each other's staging tables.
      const lockKey = `${this.schema}.${table.name}`;
      await connection`SELECT pg_advisory_lock(hashtextextended(${lockKey}, 0))`;
      try {
        await connection.unsafe(`DROP TABLE IF EXISTS ${leftovers}`);
        await connection.unsafe(
          `CREATE UNLOGGED TABLE ${staging} (${columns.map((c) => `${c} text`).join(', ')})`,
        );
        let count = 0;
        const copy = await connection.unsafe(`COPY ${staging} (${columns.join(', ')}) FROM STDIN`).writable();
        await pipeline(
          copyTextStream(rows, columns.length, prepare, () => count++),
          copy,
        );
        await connection.unsafe(`CREATE TABLE ${next} AS SELECT ${casts} FROM ${staging}`);
        await this.place(connection, next);
        await connection.unsafe(`ANALYZE ${next}`);
        // Pre-aggregations are built from the new rows before the swap (text columns keep
        // their COLLATE "C" through CREATE TABLE AS).
        for (const d of derivedNames) {
          await connection.unsafe(`CREATE TABLE ${d.next} AS ${d.derived.select(next)}`);
          await this.place(connection, d.next);
          await this.createIndexes(connection, d.next, d.derived.indexes);
          await connection.unsafe(`ANALYZE ${d.next}`);
        }
        // Readers see the old tables or the new ones, never a half-loaded one nor a rollup
        // that disagrees with its source.
        await connection.unsafe('BEGIN');
        try {
          await connection.unsafe(`DROP TABLE IF EXISTS ${name}`);
          await connection.unsafe(`ALTER TABLE ${next} RENAME TO ${name}`);
          for (const d of derivedNames) {
            await connection.unsafe(`DROP TABLE IF EXISTS ${d.name}`);
            await connection.unsafe(`ALTER TABLE ${d.next} RENAME TO ${d.name}`);
          }
          await connection.unsafe('COMMIT');
        } catch (error) {
          await connection.unsafe('ROLLBACK');
          throw error;
        }
        return count;
      } finally {
        try {
          try {
            await connection.unsafe(`DROP TABLE IF EXISTS ${leftovers}`);
          } finally {
            // Even when the clean-up fails: a session lock kept by a pooled connection would
            // block every later load of this table.
            await connection`SELECT pg_advisory_unlock(hashtextextended(${lockKey}, 0))`;
          }
        } finally {
          connection.release();
        }
      }
    });
  }

  /**
   * On a Citus cluster, a freshly built table (quoted name) is distributed by région or made a
   * reference table before its indexes (created on its shards) and its swap; elsewhere nothing.
   */
  private async place(connection: postgres.ReservedSql, table: string): Promise<void> {
    if (!this.citus) return;
    const qualified = `${quoteIdentifier(this.schema)}.${table}`;
    const columns = (
      await connection<{ name: string }[]>`
        SELECT attname AS name FROM pg_catalog.pg_attribute
        WHERE attrelid = ${qualified}::regclass AND attnum > 0 AND NOT attisdropped`
    ).map((c) => c.name);
    const withoutRegion = columns.includes(DISTRIBUTION_COLUMN)
      ? `count(*) FILTER (WHERE ${quoteIdentifier(DISTRIBUTION_COLUMN)} IS NULL)`
      : '0';
    const [counted] = await connection.unsafe(
      `SELECT count(*) AS rows, ${withoutRegion} AS without FROM ${qualified}`,
    );
    const placement = citusPlacement({
      columns,
      rows: Number(counted?.rows ?? 0),
      rowsWithoutRegion: Number(counted?.without ?? 0),
    });
    const call = citusPlacementCall(qualified, placement);
    await connection.unsafe(call.sql, call.params);
  }

  /** The declared indexes of a freshly built table (named by PostgreSQL, dropped with it). */
  private async createIndexes(
    connection: postgres.ReservedSql,
    table: string,
    indexes: readonly TableIndex[] = [],
  ): Promise<void> {
    for (const index of indexes) {
      const columns = index.columns.map(quoteIdentifier);
      if (index.kind === 'trigram') {
        if (!this.trigramOps) continue;
        await connection.unsafe(
          `CREATE INDEX ON ${table} USING gin (${columns.map((c) => `${c} ${this.trigramOps}`).join(', ')})`,
        );
      } else {
        await connection.unsafe(`CREATE INDEX ON ${table} (${columns.join(', ')})`);
      }
    }
  }

  /**
   * Each table is built as `<name>__next` from its SELECT (reading the `__next` of the tables
   * built before it), with its derived tables, then one short transaction renames them all in.
   * Advisory locks on every name (in a fixed order) keep two servers from rebuilding together.
   */
  async rebuildTables(tables: readonly RebuiltTable[]): Promise<Record<string, number>> {
    const all = tables.flatMap((t) => [t.name, ...(t.derived ?? []).map((d) => d.name)]);
    for (const name of all) {
      if (name.length > MAX_TABLE_NAME) throw new Error(`nom de table trop long : ${name}`);
    }
    const next = (name: string) => quoteIdentifier(`${name}__next`);
    const leftovers = all.map(next).join(', ');
    const lockKeys = [...new Set(all)].sort().map((name) => `${this.schema}.${name}`);
    return this.gate.run(async () => {
      const connection = await this.sql.reserve();
      for (const key of lockKeys) await connection`SELECT pg_advisory_lock(hashtextextended(${key}, 0))`;
      try {
        await connection.unsafe(`DROP TABLE IF EXISTS ${leftovers}`);
        const built = new Set<string>();
        const counts: Record<string, number> = {};
        const read = (name: string) => (built.has(name) ? next(name) : quoteIdentifier(name));
        for (const table of tables) {
          await connection.unsafe(
            `CREATE TABLE ${next(table.name)} AS SELECT ${finalCasts(table)} FROM (${table.select(read)}) AS rebuilt`,
            table.params ? [...table.params] : [],
          );
          await this.place(connection, next(table.name));
          await connection.unsafe(`ANALYZE ${next(table.name)}`);
          built.add(table.name);
          for (const derived of table.derived ?? []) {
            await connection.unsafe(
              `CREATE TABLE ${next(derived.name)} AS ${derived.select(next(table.name))}`,
            );
            await this.place(connection, next(derived.name));
            await this.createIndexes(connection, next(derived.name), derived.indexes);
            await connection.unsafe(`ANALYZE ${next(derived.name)}`);
          }
          const [row] = await connection.unsafe(`SELECT count(*) AS n FROM ${next(table.name)}`);
          counts[table.name] = Number(row?.n ?? 0);
        }
        await connection.unsafe('BEGIN');
        try {
          for (const name of all) {
            await connection.unsafe(`DROP TABLE IF EXISTS ${quoteIdentifier(name)}`);
            await connection.unsafe(`ALTER TABLE ${next(name)} RENAME TO ${quoteIdentifier(name)}`);
          }
          await connection.unsafe('COMMIT');
        } catch (error) {
          await connection.unsafe('ROLLBACK');
          throw error;
        }
        return counts;
      } finally {
        try {
          try {
            await connection.unsafe(`DROP TABLE IF EXISTS ${leftovers}`);
          } finally {
            // Even when the clean-up fails (see replaceTable).
            for (const key of lockKeys.reverse()) {
              await connection`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`;
            }
          }
        } finally {
          connection.release();
        }
      }
    });
  }

  async dropTable(name: string): Promise<void> {
    await this.query(`DROP TABLE IF EXISTS ${quoteIdentifier(name)}`);
  }

  async tableExists(name: string): Promise<boolean> {
    const { rows } = await this.query(
      'SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename = $2',
      [this.schema, name],
    );
    return Number(rows[0]?.[0]) > 0;
  }

  async version(): Promise<string> {
    const { rows } = await this.query('SHOW server_version');
    // '15.20 (Debian 15.20-0+deb12u1)' → 'PostgreSQL 15.20'
    return `PostgreSQL ${String(rows[0]?.[0]).split(' ')[0]}`;
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}
