import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type DuckDBConnection,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBValueConverter,
  type JS,
  JSDuckDBValueConverter,
} from '@duckdb/node-api';
import { ConfigError } from '../config.ts';
import { loadThroughCsv, readCsvSql } from './duckdb-csv.ts';
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
  type Warehouse,
} from './types.ts';
import { decimalToNumber } from './values.ts';

const FINAL_TYPE: Record<ColumnType, string> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  // Exact decimals so sums are identical on DuckDB and PostgreSQL.
  amount: 'DECIMAL(18,2)',
  date: 'DATE',
  boolean: 'BOOLEAN',
  text_list: 'VARCHAR[]',
};

const BIGINT_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.BIGNUM,
]);

/**
 * The JS converter, except for the values PostgreSQL returns differently: integers of any width
 * and decimals become numbers, DATE becomes 'YYYY-MM-DD' (see `QueryRows`).
 */
const toRowValue: DuckDBValueConverter<JS> = (value, type, converter) => {
  if (value === null) return null;
  if (BIGINT_TYPES.has(type.typeId) && typeof value === 'bigint') return Number(value);
  if (value instanceof DuckDBDecimalValue) {
    return decimalToNumber(value.value, value.scale, () => value.toString());
  }
  if (value instanceof DuckDBDateValue) return value.toString();
  return JSDuckDBValueConverter(value, type, converter);
};

/** Longest stretch of row conversion before other requests get a turn. */
const CONVERSION_SLICE_MS = 8;

const isFile = (location: string) => location !== '' && location !== ':memory:';

/** Where a load's chunk files go: beside the database file (`<file>.chargements/`), else the system's. */
function loadDirOf(location: string): string {
  return isFile(location) ? `${location}.chargements` : path.join(os.tmpdir(), 'dataetat-duckdb');
}

export interface DuckDbWarehouseOptions {
  /** File path, or ':memory:'. */
  readonly path: string;
  /** Queries running at once; the rest wait. */
  readonly concurrency?: number;
  readonly threads?: number;
  /** Memory limit in MiB (DuckDB's own default: 80 % of the machine's memory). */
  readonly memoryMb?: number;
}

export class DuckDbWarehouse implements Warehouse {
  readonly dialect = 'duckdb' as const;
  private readonly idle: DuckDBConnection[] = [];
  private readonly gate: Semaphore;

  private constructor(
    private readonly instance: DuckDBInstance,
    concurrency: number,
    private readonly location: string,
  ) {
    this.gate = new Semaphore(concurrency);
  }

  static async open(options: DuckDbWarehouseOptions): Promise<DuckDbWarehouse> {
    const config: Record<string, string> = {};
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryMb) config.memory_limit = `${options.memoryMb}MiB`;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(options.path, config);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // DuckDB's own file lock: another process (a second server) has the warehouse open.
      if (/Could not set lock on file/i.test(message)) {
        const pid = /PID (\d+)/.exec(message)?.[1];
        throw new ConfigError([
          `L’entrepôt DuckDB « ${options.path} » est déjà ouvert par un autre processus${pid ? ` (pid ${pid})` : ''}, sans doute un autre serveur Data-État. Un fichier DuckDB n’accepte qu’un processus : arrêtez l’autre serveur, choisissez un autre dossier (DATAETAT_DATA_DIR), ou, pour plusieurs instances, passez à l’entrepôt PostgreSQL (DATAETAT_WAREHOUSE=postgres, voir docs/deploiement.md).`,
        ]);
      }
      throw error;
    }
    // Chunk files a killed process left beside the database file (this process's alone now).
    if (isFile(options.path)) await rm(loadDirOf(options.path), { recursive: true, force: true });
    return new DuckDbWarehouse(instance, options.concurrency ?? 4, options.path);
  }

  private async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.gate.run(async () => {
      const connection = this.idle.pop() ?? (await this.instance.connect());
      try {
        return await work(connection);
      } finally {
        this.idle.push(connection);
      }
    });
  }

  async query(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): Promise<QueryRows> {
    if (options.signal?.aborted) throw new QueryCancelledError();
    return this.withConnection(async (connection) => {
      let timedOut = false;
      const timer = options.timeoutMs
        ? setTimeout(() => {
            timedOut = true;
            connection.interrupt();
          }, options.timeoutMs)
        : undefined;
      const onAbort = () => connection.interrupt();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const result = await connection.run(sql, params.length ? [...params] : undefined);
        // Chunk by chunk (2 048 rows each): converting 50 000 rows in one call held the event
        // loop for a quarter of a second. Awaiting each fetch is not enough: libuv hands back
        // completed fetches in the same loop turn, chaining chunks for 100–150 ms, so the loop
        // is given back explicitly every few milliseconds.
        const rows: unknown[][] = [];
        let sliceStart = performance.now();
        for (
          let chunk = await result.fetchChunk();
          chunk && chunk.rowCount > 0;
          chunk = await result.fetchChunk()
        ) {
          for (const row of chunk.convertRows(toRowValue)) rows.push(row);
          if (performance.now() - sliceStart >= CONVERSION_SLICE_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            sliceStart = performance.now();
          }
        }
        return { columns: result.columnNames(), rows };
      } catch (error) {
        if (timedOut) throw new QueryTimeoutError(options.timeoutMs ?? 0);
        if (options.signal?.aborted) throw new QueryCancelledError();
        throw error;
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  async replaceTable(
    table: TableDefinition,
    rows: RowSource,
    options: ReplaceTableOptions = {},
  ): Promise<number> {
    const types = table.columns.map((c) => c.type);
    const name = quoteIdentifier(table.name);
    const columns = table.columns.map((c) => `${quoteIdentifier(c.name)} ${FINAL_TYPE[c.type]}`).join(', ');
    // The chunk files' columns (c0, c1…) cast to the final types as they are inserted.
    const casts = table.columns.map((c, i) => `CAST(c${i} AS ${FINAL_TYPE[c.type]})`).join(', ');
    return this.withConnection(async (connection) => {
      const dir = await this.loadDir();
      // One transaction from the first row to the swap: other connections read the previous
      // table until COMMIT (DuckDB's MVCC), a failure or a crash before it leaves that table as
      // it was, the rows are written once, into the table itself, in whole row groups, and the
      // derived tables (pre-aggregations) are rebuilt from them in it, so they always match.
      await connection.run('BEGIN TRANSACTION');
      try {
        await connection.run(`CREATE OR REPLACE TABLE ${name} (${columns})`);
        const count = await loadThroughCsv({
          rows,
          types,
          tempDir: dir,
          insert: async (file) => {
            await connection.run(`INSERT INTO ${name} SELECT ${casts} FROM ${readCsvSql(file, types)}`);
          },
        });
        for (const derived of options.derived ?? []) {
          await connection.run(
            `CREATE OR REPLACE TABLE ${quoteIdentifier(derived.name)} AS ${derived.select(name)}`,
          );
        }
        await connection.run('COMMIT');
        return count;
      } catch (error) {
        await connection.run('ROLLBACK');
        throw error;
      }
    });
  }

  private async loadDir(): Promise<string> {
    const dir = loadDirOf(this.location);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /**
   * One transaction: each table is recreated from its SELECT (reading the tables rebuilt before
   * it in the same transaction), then its derived tables; other connections keep reading the
   * old versions until COMMIT (DuckDB's MVCC), and a crash before it leaves them as they were.
   */
  async rebuildTables(tables: readonly RebuiltTable[]): Promise<Record<string, number>> {
    return this.withConnection(async (connection) => {
      const counts: Record<string, number> = {};
      await connection.run('BEGIN TRANSACTION');
      try {
        for (const table of tables) {
          const name = quoteIdentifier(table.name);
          const casts = table.columns
            .map(
              (c) =>
                `CAST(${quoteIdentifier(c.name)} AS ${FINAL_TYPE[c.type]}) AS ${quoteIdentifier(c.name)}`,
            )
            .join(', ');
          await connection.run(
            `CREATE OR REPLACE TABLE ${name} AS SELECT ${casts} FROM (${table.select(quoteIdentifier)}) AS rebuilt`,
            table.params?.length ? [...table.params] : undefined,
          );
          for (const derived of table.derived ?? []) {
            await connection.run(
              `CREATE OR REPLACE TABLE ${quoteIdentifier(derived.name)} AS ${derived.select(name)}`,
            );
          }
          const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${name}`);
          counts[table.name] = Number(reader.getRows()[0]?.[0] ?? 0);
        }
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK');
        throw error;
      }
      return counts;
    });
  }

  async dropTable(name: string): Promise<void> {
    await this.query(`DROP TABLE IF EXISTS ${quoteIdentifier(name)}`);
  }

  async tableExists(name: string): Promise<boolean> {
    const { rows } = await this.query(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = $1",
      [name],
    );
    return Number(rows[0]?.[0]) > 0;
  }

  async version(): Promise<string> {
    const { rows } = await this.query('SELECT version()');
    return `DuckDB ${String(rows[0]?.[0])}`;
  }

  async close(): Promise<void> {
    for (const connection of this.idle.splice(0)) connection.closeSync();
    this.instance.closeSync();
  }
}
