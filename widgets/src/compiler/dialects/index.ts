import type { DefaultCompiler } from '../render.ts';
import { DuckDbCompiler } from './duckdb.ts';
import { PostgresCompiler } from './postgres.ts';

export type Dialect = 'duckdb' | 'postgres';

export const DIALECTS: readonly Dialect[] = ['duckdb', 'postgres'];

/** A fresh compiler per query: compilers keep per-query parameter state. */
export function createCompiler(dialect: Dialect): DefaultCompiler {
  return dialect === 'postgres' ? new PostgresCompiler() : new DuckDbCompiler();
}
