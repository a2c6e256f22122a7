/** Benchmark settings, read once from the environment (all optional). */
export interface BenchConfig {
  /** Chorus lines of the DuckDB run (BENCH_CHORUS_LINES, default 10 000 000). */
  readonly lines: number;
  /** Chorus lines of the PostgreSQL run (BENCH_PG_LINES, default = lines). */
  readonly pgLines: number;
  /** PostgreSQL warehouse URL, or null to skip that part (BENCH_PG_URL, BENCH_PG=off). */
  readonly pgUrl: string | null;
  /** Engine runs per spec (raw and HTTP each), after warm-up (BENCH_RUNS, default 20). */
  readonly runs: number;
  /** Engine runs per spec on PostgreSQL (BENCH_PG_RUNS, default 10). */
  readonly pgRuns: number;
  /** Wall-clock budget per spec and engine measurement, in seconds (BENCH_SPEC_SECONDS, default 30). */
  readonly specSeconds: number;
  /** compileQuery iterations per spec (BENCH_COMPILE_ITERATIONS, default 20 000). */
  readonly compileIterations: number;
  /** Cached HTTP requests per spec (BENCH_CACHED_RUNS, default 300). */
  readonly cachedRuns: number;
  /** Load test length in seconds and concurrent clients (BENCH_LOAD_SECONDS, BENCH_CONNECTIONS). */
  readonly loadSeconds: number;
  readonly connections: number;
  /**
   * Idle-gap phase: rounds (BENCH_IDLE_ROUNDS, default 3; 0 skips it) and the random pause before
   * each request (BENCH_IDLE_MIN_MS / BENCH_IDLE_MAX_MS, default 5 000–40 000 ms).
   */
  readonly idleRounds: number;
  readonly idleMinGapMs: number;
  readonly idleMaxGapMs: number;
  /** Persistent data directories live here (bench/.data). */
  readonly dataRoot: string;
  /** JSON results go here (bench/results). */
  readonly resultsDir: string;
}

/** A `BENCH_*` integer setting: the fallback when unset, an error when not an integer ≥ min. */
export function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name}="${raw}": an integer ≥ ${min} is expected`);
  }
  return value;
}

export function readBenchConfig(env: NodeJS.ProcessEnv, benchDir: string): BenchConfig {
  const lines = integer(env, 'BENCH_CHORUS_LINES', 10_000_000, 1000);
  const pgEnabled = (env.BENCH_PG ?? 'on') !== 'off';
  return {
    lines,
    pgLines: integer(env, 'BENCH_PG_LINES', lines, 1000),
    pgUrl: pgEnabled ? env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/test' : null,
    runs: integer(env, 'BENCH_RUNS', 20, 3),
    pgRuns: integer(env, 'BENCH_PG_RUNS', 10, 3),
    specSeconds: integer(env, 'BENCH_SPEC_SECONDS', 30, 1),
    compileIterations: integer(env, 'BENCH_COMPILE_ITERATIONS', 20_000, 100),
    cachedRuns: integer(env, 'BENCH_CACHED_RUNS', 300, 10),
    loadSeconds: integer(env, 'BENCH_LOAD_SECONDS', 10, 1),
    connections: integer(env, 'BENCH_CONNECTIONS', 50, 1),
    idleRounds: integer(env, 'BENCH_IDLE_ROUNDS', 3, 0),
    idleMinGapMs: integer(env, 'BENCH_IDLE_MIN_MS', 5_000, 0),
    idleMaxGapMs: integer(env, 'BENCH_IDLE_MAX_MS', 40_000, 0),
    dataRoot: `${benchDir}/.data`,
    resultsDir: `${benchDir}/results`,
  };
}
