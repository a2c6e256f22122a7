/**
 * `pnpm bench:query`: the query engine, side by side in one run (README.md explains each figure).
 * Prints a table and writes bench/results/<timestamp>.json.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBenchConfig } from './lib/config.ts';
import { type IdleGapResults, idleGapPhase, idleGapSeconds, renderIdleGap } from './lib/idle-gap.ts';
import { describeMachine } from './lib/machine.ts';
import type { RoutedFigures } from './lib/measure-engine.ts';
import { type CacheOffPhase, cachedPhase, cacheOffPhase, rollupPhase } from './lib/phases.ts';
import { renderReport } from './lib/report.ts';
import {
  type BenchResults,
  type EngineResult,
  type RollupResult,
  type SpecResult,
  writeResults,
} from './lib/results.ts';
import { BENCH_SPECS } from './lib/specs.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const config = readBenchConfig(process.env, benchDir);
const startedAt = new Date();
const notes: string[] = [];

const duckdb = await cacheOffPhase(config, 'duckdb');
if (duckdb.cacheKind !== 'off') {
  notes.push(
    `the server has no DATAETAT_CACHE=off: the ${duckdb.cacheKind} cache was emptied before each request`,
  );
}
const skip = new Set([...duckdb.engine].filter(([, figures]) => figures.timedOut).map(([id]) => id));
for (const id of skip) {
  notes.push(
    `${id}: the first DuckDB run took over ${config.specSeconds} s and was cancelled; not measured further`,
  );
}
const rollups = await rollupPhase(config, skip);
if (!rollups)
  notes.push('no rollup setting (DATAETAT_ROLLUPS) in the server yet: rollup figures not measured');
const { cached, load } = await cachedPhase(config, skip);

const idleConfig = {
  lines: config.lines,
  rounds: config.idleRounds,
  minGapMs: config.idleMinGapMs,
  maxGapMs: config.idleMaxGapMs,
  dataRoot: config.dataRoot,
};
let idleGap: IdleGapResults | null = null;
if (config.idleRounds > 0) {
  process.stderr.write(
    `[bench] idle gaps: ${config.idleRounds} rounds, ≈ ${idleGapSeconds(idleConfig)} s…\n`,
  );
  idleGap = await idleGapPhase(idleConfig);
}

let postgres: CacheOffPhase | null = null;
if (config.pgUrl) {
  try {
    postgres = await cacheOffPhase(config, 'postgres');
  } catch (error) {
    notes.push(`PostgreSQL not measured: ${error instanceof Error ? error.message : String(error)}`);
  }
}
let pgRollups: Awaited<ReturnType<typeof rollupPhase>> = null;
if (postgres) {
  try {
    pgRollups = await rollupPhase(config, skip, 'postgres');
  } catch (error) {
    notes.push(`PostgreSQL rollups not measured: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (postgres && config.pgLines !== config.lines) {
  notes.push(
    `PostgreSQL ran on ${config.pgLines} lines, DuckDB on ${config.lines}: the ratio compares unequal sizes`,
  );
}

function engineResult(phase: CacheOffPhase, id: string): EngineResult {
  const figures = phase.engine.get(id);
  if (!figures) throw new Error(`no figures for ${id}`);
  return figures.timedOut ? figures : { ...figures, overheadMs: figures.http.median - figures.raw.median };
}

function routedResult(routed: RoutedFigures | undefined): RollupResult | null {
  const figures = routed?.figures;
  return figures ? { raw: figures.raw, http: figures.http, pairedOverhead: figures.pairedOverhead } : null;
}

const specs: SpecResult[] = BENCH_SPECS.map(({ id, title }) => {
  const compileUs = duckdb.compileUs.get(id);
  if (!compileUs) throw new Error(`missing figures for ${id}`);
  const duck = engineResult(duckdb, id);
  const pg = postgres ? engineResult(postgres, id) : null;
  return {
    id,
    title,
    compileUs,
    duckdb: duck,
    rollup: routedResult(rollups?.get(id)),
    rollupTable: rollups?.get(id)?.table ?? null,
    cached: cached.get(id) ?? null,
    postgres: pg,
    pgRollup: routedResult(pgRollups?.get(id)),
    pgRollupFirstMs: pgRollups?.get(id)?.firstMs ?? null,
    duckdbOverPostgres: pg && !pg.timedOut && !duck.timedOut ? duck.raw.median / pg.raw.median : null,
  };
});

const results: BenchResults = {
  startedAt: startedAt.toISOString(),
  seconds: (Date.now() - startedAt.getTime()) / 1000,
  machine: describeMachine(),
  versions: { duckdb: duckdb.version, postgres: postgres?.version ?? null },
  lines: config.lines,
  pgLines: postgres ? config.pgLines : null,
  cacheOffKind: duckdb.cacheKind,
  rollupsAvailable: rollups !== null,
  specs,
  load,
  idleGap,
  notes,
};

process.stdout.write(`\n${renderReport(results)}\n`);
if (idleGap) process.stdout.write(`\n${renderIdleGap(idleGap)}\n`);
for (const { id, title } of BENCH_SPECS) process.stdout.write(`  ${id}: ${title}\n`);
process.stdout.write(
  `\nResults written to ${path.relative(process.cwd(), writeResults(config.resultsDir, results))}\n`,
);
