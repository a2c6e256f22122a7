/**
 * Bounds the work of a picture: at most `SVG_MAX_POINTS` values drawn. The query already asks the
 * top values with an « Autres » bucket (see `svgQuery`); this is the guard for a result that is
 * still larger (a widget's own limit, a sankey's many levels). It keeps whole categories of the
 * first dimension — the largest ones, or the latest periods for a time dimension — so no bar,
 * slice or line is drawn with part of its values.
 */
import { formatInteger, isTimeDimension, type QueryResult } from '@dataetat/widgets';

export const SVG_MAX_POINTS = 500;

export interface BoundedResult {
  readonly result: QueryResult;
  /** What was left out, in French, for the picture's notes; null when everything is drawn. */
  readonly note: string | null;
}

export function boundResult(result: QueryResult, maxPoints = SVG_MAX_POINTS): BoundedResult {
  const measures = result.columns.flatMap((c, i) => (c.role === 'measure' ? [i] : []));
  const perRow = Math.max(1, measures.length);
  if (result.rows.length * perRow <= maxPoints) return { result, note: null };
  const firstIndex = result.columns.findIndex((c) => c.role === 'dimension');
  const first = result.columns[firstIndex];
  const groups = new Map<string, { rows: number; weight: number; key: string | number | null }>();
  const keyOf = (cell: unknown) => (typeof cell === 'number' ? `n${cell}` : `s${String(cell)}`);
  for (const row of result.rows) {
    const cell = firstIndex >= 0 ? (row[firstIndex] ?? null) : null;
    const key = keyOf(cell);
    const group = groups.get(key) ?? { rows: 0, weight: 0, key: cell };
    const value = measures[0] === undefined ? null : row[measures[0]];
    group.rows += 1;
    group.weight += typeof value === 'number' ? Math.abs(value) : 0;
    groups.set(key, group);
  }
  const ranked = [...groups.entries()].sort(([, a], [, b]) =>
    isTimeDimension(first)
      ? // Latest periods first (the kept ones are drawn in time order by the chart).
        String(b.key).localeCompare(String(a.key), 'fr', { numeric: true })
      : b.weight - a.weight,
  );
  const kept = new Set<string>();
  let points = 0;
  for (const [key, group] of ranked) {
    if (points + group.rows * perRow > maxPoints) break;
    kept.add(key);
    points += group.rows * perRow;
  }
  if (kept.size === 0) {
    // One category alone is too large: its first rows, in the query's order.
    const rows = result.rows.slice(0, Math.floor(maxPoints / perRow));
    return {
      result: { ...result, rows },
      note: `Image limitée aux ${formatInteger(rows.length)} premières lignes sur ${formatInteger(result.rows.length)}.`,
    };
  }
  const rows = result.rows.filter((row) =>
    kept.has(keyOf(firstIndex >= 0 ? (row[firstIndex] ?? null) : null)),
  );
  const what = isTimeDimension(first) ? 'dernières périodes' : 'plus grandes valeurs';
  return {
    result: { ...result, rows },
    note: `Image limitée aux ${formatInteger(kept.size)} ${what} de « ${first?.label ?? ''} » sur ${formatInteger(groups.size)}.`,
  };
}
