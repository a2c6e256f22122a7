/** The targets each figure is held to (see README.md). */
export const TARGETS = {
  /** compileQuery median per spec, µs. */
  compileUs: 50,
  /** HTTP median − raw engine median, ms. */
  httpOverheadMs: 5,
  /** Cached HTTP median, ms. */
  cachedMs: 3,
  /** Dashboard spec through a rollup, HTTP median cache off, ms. */
  rollupMs: 15,
  /** Dashboard spec through a PostgreSQL rollup, HTTP median cache off, ms. */
  pgRollupMs: 15,
  /** Dashboard spec through a PostgreSQL rollup, first request on a fresh server, ms. */
  pgRollupColdMs: 1000,
  /** Dashboard spec, HTTP median cache off, no rollup, ms. */
  dashboardMs: 150,
  /** Cached widget queries, 50 clients. */
  loadRequestsPerSecond: 2000,
} as const;

export type Verdict = '✓' | '✗' | '–';

/** ✓ when `value` is at most (or, with `atLeast`, at least) the target; – when not measured. */
export function verdict(value: number | null | undefined, target: number, atLeast = false): Verdict {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return (atLeast ? value >= target : value <= target) ? '✓' : '✗';
}
