/**
 * Real engines for tests: an in-memory DuckDB, and PostgreSQL when TEST_DATABASE_URL is set
 * (a unique schema, dropped at the end). Both return rows as arrays in select order.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import postgres from 'postgres';
import type { Dialect } from '../compiler/dialects/index.ts';
import type { SqlParam } from '../compiler/nodes.ts';
import { fixtureSql } from './fixture.ts';

export interface TestEngine {
  readonly dialect: Dialect;
  query(sql: string, params: readonly SqlParam[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

export async function openDuckDb(): Promise<TestEngine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const statement of fixtureSql()) await connection.run(statement);
  return {
    dialect: 'duckdb',
    async query(sql, params) {
      const reader = await connection.runAndReadAll(sql, [...params] as (string | number | boolean | null)[]);
      return reader.getRowsJS() as unknown[][];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export async function openPostgres(url: string): Promise<TestEngine> {
  const schema = `widgets_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE SCHEMA ${schema}`);
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { search_path: schema } });
  for (const statement of fixtureSql()) await sql.unsafe(statement);
  return {
    dialect: 'postgres',
    async query(text, params) {
      const rows = await sql.unsafe(text, [...params] as (string | number | boolean | null)[]).values();
      return rows as unknown as unknown[][];
    },
    async close() {
      await sql.end();
      await admin.unsafe(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
