/** The targets each figure is held to (see README.md). */
export const TARGETS = {
  /** compileQuery median per spec, µs. */
  compileUs: 50,
  /** Per request, HTTP time − the server's engine time (median), ms (issue 16). */
  httpOverheadMs: 3,
  /** Cached HTTP median, ms. */
  cachedMs: 3,
  /** Dashboard spec through a rollup, HTTP median cache off, ms. */
  rollupMs: 15,
  /** Dashboard spec through a PostgreSQL rollup, HTTP median cache off, ms. */
  pgRollupMs: 15,
  /** Dashboard spec through a PostgreSQL rollup, first request on a fresh server, ms. */
  pgRollupColdMs: 1000,
  /** Top 20 beneficiaries of a région containing a word (issue 16's query (c)), HTTP median cache off, rollups on, ms. */
  regionSearchMs: 60,
  /** National beneficiary values search, HTTP median cache off, rollups on, ms. */
  valuesSearchMs: 20,
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
