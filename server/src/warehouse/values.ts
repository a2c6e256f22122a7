import type { ColumnType } from './types.ts';

/**
 * Value conventions shared by both engines, so the same rows loaded into DuckDB and PostgreSQL
 * read back as the same JS values (see `QueryRows` in types.ts).
 */

/** A JS Date, read as UTC (how DuckDB and PostgreSQL timestamps come back) → 'YYYY-MM-DD'. */
export function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/**
 * An exact decimal (scaled integer + scale) as the nearest double. Below 2^53 the division of two
 * exact doubles is correctly rounded, i.e. the same double as `Number('123.45')`, which is what
 * the PostgreSQL side computes from NUMERIC text: both engines agree to the last bit.
 */
export function decimalToNumber(scaled: bigint, scale: number, asText: () => string): number {
  const magnitude = scaled < 0n ? -scaled : scaled;
  if (magnitude <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(scaled) / 10 ** scale;
  return Number(asText());
}

/**
 * Normalises a loader's value for a column whose text is what both engines cast from.
 * Amounts travel as their shortest decimal text (`String(0.1)` = '0.1'), never as a double:
 * DuckDB's DOUBLE→DECIMAL cast truncates 1.005 to 1.00 where PostgreSQL rounds to 1.01, while
 * both round the text '1.005' the same way (half away from zero).
 */
export function loadValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'text_list')
    throw new Error('une liste (étiquettes) se calcule dans le moteur, elle ne se charge pas');
  if (type === 'amount') {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`montant non fini : ${value}`);
      return String(value);
    }
    if (typeof value === 'bigint' || typeof value === 'string') return String(value);
  }
  // Date strings go through as they are: the engine's cast validates them.
  if (type === 'date' && value instanceof Date) return isoDate(value);
  return value;
}

/** Indexes of the columns whose values need `loadValue` (the others pass through untouched). */
export function normalisedColumns(types: readonly ColumnType[]): number[] {
  return types.flatMap((type, index) =>
    type === 'amount' || type === 'date' || type === 'text_list' ? [index] : [],
  );
}
