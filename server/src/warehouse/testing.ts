import path from 'node:path';
import { tempDir } from '../testing/harness.ts';
import { DuckDbWarehouse } from './duckdb.ts';
import { PostgresWarehouse } from './postgres.ts';
import type { TableDefinition, Warehouse } from './types.ts';

/** PostgreSQL server for warehouse tests; those tests are skipped when it is not set. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

export interface TestEngine {
  readonly name: 'duckdb' | 'postgres';
  /** A query that reliably runs far longer than 100 ms on this engine. */
  readonly slowSql: string;
  open(): Promise<Warehouse & { dispose(): Promise<void> }>;
}

export const duckdbEngine: TestEngine = {
  name: 'duckdb',
  // Billions of rows hashed: seconds of work that no optimiser folds away.
  slowSql: 'SELECT sum(hash(a.range * b.range)) FROM range(100000) a, range(100000) b',
  async open() {
    const dir = tempDir('dataetat-warehouse-');
    const warehouse = await DuckDbWarehouse.open({ path: path.join(dir.path, 'w.duckdb') });
    return Object.assign(warehouse, {
      async dispose() {
        await warehouse.close();
        dir.remove();
      },
    });
  },
};

export const postgresEngine: TestEngine = {
  name: 'postgres',
  slowSql: 'SELECT pg_sleep(5)',
  async open() {
    if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL manquant');
    // A schema per run, dropped afterwards: parallel test files never see each other's tables.
    const schema = `dataetat_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const warehouse = await PostgresWarehouse.open({ url: testDatabaseUrl, schema });
    return Object.assign(warehouse, {
      async dispose() {
        await warehouse.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await warehouse.close();
      },
    });
  },
};

/** DuckDB always; PostgreSQL when TEST_DATABASE_URL names a server. */
export const testEngines: readonly TestEngine[] = testDatabaseUrl
  ? [duckdbEngine, postgresEngine]
  : [duckdbEngine];

/** Every column type, with the values that trip up loaders. */
export const ALL_TYPES: TableDefinition = {
  name: 'contract_all_types',
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'label', type: 'text' },
    { name: 'big', type: 'bigint' },
    { name: 'ratio', type: 'double' },
    { name: 'montant', type: 'amount' },
    { name: 'jour', type: 'date' },
    { name: 'actif', type: 'boolean' },
  ],
};
export const ALL_TYPES_ROWS: unknown[][] = [
  [1, 'Saint-Étienne-du-Rouvray', 9_007_199_254_740_991, 0.1, 0.1, '2024-03-05', true],
  [2, "l'Haÿ-les-Roses « Val-de-Marne »", -42, -1.5e-7, 0.2, new Date(Date.UTC(2019, 11, 31)), false],
  [3, 'tab\there\nnewline\r\nback\\slash \\N "quoted"', 0, 1e300, 1234567890.12, '1970-01-01', null],
  [4, '', null, null, null, null, null],
  [5, null, 2 ** 40, -0, 1.005, '2000-02-29', true],
  [6, '🇫🇷 emoji et ŒUVRE', 7, 3, -2.675, '2100-12-31', false],
];
/** What reading `ALL_TYPES` back must give, on every engine. */
export const ALL_TYPES_EXPECTED: unknown[][] = [
  [1, 'Saint-Étienne-du-Rouvray', 9_007_199_254_740_991, 0.1, 0.1, '2024-03-05', true],
  [2, "l'Haÿ-les-Roses « Val-de-Marne »", -42, -1.5e-7, 0.2, '2019-12-31', false],
  [3, 'tab\there\nnewline\r\nback\\slash \\N "quoted"', 0, 1e300, 1234567890.12, '1970-01-01', null],
  [4, '', null, null, null, null, null],
  // Amounts round half away from zero from their decimal text: 1.005 → 1.01, -2.675 → -2.68.
  [5, null, 2 ** 40, -0, 1.01, '2000-02-29', true],
  [6, '🇫🇷 emoji et ŒUVRE', 7, 3, -2.68, '2100-12-31', false],
];
