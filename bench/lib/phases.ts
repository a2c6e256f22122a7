import type { RunningServer } from '@dataetat/server';
import type { BenchConfig } from './config.ts';
import { type QueryClient, signIn } from './http-client.ts';
import { type LoadOutcome, runLoad } from './load.ts';
import { measureCompile } from './measure-compile.ts';
import {
  type EngineFigures,
  measureCached,
  measureEngine,
  measureRouted,
  type RoutedFigures,
} from './measure-engine.ts';
import { type Engine, hasRollups, startBenchServer } from './server.ts';
import { BENCH_SPECS } from './specs.ts';
import type { Summary } from './stats.ts';

/** Each phase runs on its own server (one at a time: one DuckDB file, one process). */
async function withServer<T>(
  options: Parameters<typeof startBenchServer>[0],
  use: (server: RunningServer, client: QueryClient) => Promise<T>,
): Promise<T> {
  const server = await startBenchServer(options);
  try {
    return await use(server, await signIn(server.url));
  } finally {
    await server.close();
  }
}

function log(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

export interface CacheOffPhase {
  readonly version: string;
  readonly cacheKind: string;
  readonly compileUs: ReadonlyMap<string, Summary>;
  readonly engine: ReadonlyMap<string, EngineFigures>;
}

/** Compile times, then raw engine vs HTTP per spec, cache off, rollups off. */
export function cacheOffPhase(config: BenchConfig, engine: Engine): Promise<CacheOffPhase> {
  const lines = engine === 'duckdb' ? config.lines : config.pgLines;
  log(`${engine} ${lines} lines: starting (first start generates the data)…`);
  return withServer(
    { engine, lines, dataRoot: config.dataRoot, pgUrl: config.pgUrl, cache: false, rollups: false },
    async (server, client) => {
      const { services } = server;
      const compileUs = new Map<string, Summary>();
      if (engine === 'duckdb') {
        for (const { id, spec } of BENCH_SPECS) {
          compileUs.set(
            id,
            measureCompile(spec, services.catalogue, {
              dialect: services.warehouse.dialect,
              maxLimit: services.settings.maxQueryRows,
              iterations: config.compileIterations,
            }),
          );
        }
        log('compile times measured');
      }
      const runs = {
        runs: engine === 'duckdb' ? config.runs : config.pgRuns,
        seconds: config.specSeconds,
        warmup: engine === 'duckdb' ? 3 : 1,
      };
      const figures = new Map<string, EngineFigures>();
      for (const { id, spec } of BENCH_SPECS) {
        const measured = await measureEngine(server, client, spec, runs);
        figures.set(id, measured);
        log(
          measured.timedOut
            ? `${engine} ${id}: over ${measured.timeoutMs} ms, cancelled`
            : `${engine} ${id}: raw ${measured.raw.median.toFixed(1)} ms, HTTP ${measured.http.median.toFixed(1)} ms`,
        );
      }
      return {
        version: await services.warehouse.version(),
        cacheKind: services.cache.kind,
        compileUs,
        engine: figures,
      };
    },
  );
}

/** Specs whose engine run timed out: later phases skip them (they would only time out again). */
export type SkippedSpecs = ReadonlySet<string>;

/** HTTP cache off with DATAETAT_ROLLUPS=on; null when the server has no rollup setting. */
export function rollupPhase(
  config: BenchConfig,
  skip: SkippedSpecs,
  engine: Engine = 'duckdb',
): Promise<ReadonlyMap<string, RoutedFigures> | null> {
  return withServer(
    {
      engine,
      lines: engine === 'postgres' ? config.pgLines : config.lines,
      dataRoot: config.dataRoot,
      pgUrl: config.pgUrl,
      cache: false,
      rollups: true,
    },
    async (server, client) => {
      if (!hasRollups(server)) return null;
      const figures = new Map<string, RoutedFigures>();
      for (const { id, spec } of BENCH_SPECS.filter((s) => !skip.has(s.id))) {
        figures.set(
          id,
          await measureRouted(server, client, spec, {
            runs: config.runs,
            seconds: config.specSeconds,
            warmup: 3,
          }),
        );
      }
      log(`${engine} rollup run measured`);
      return figures;
    },
  );
}

export interface CachedPhase {
  readonly cached: ReadonlyMap<string, Summary>;
  readonly load: LoadOutcome;
}

/** Cache on: each spec repeated, then the concurrent load on the cached widget queries. */
export function cachedPhase(config: BenchConfig, skip: SkippedSpecs): Promise<CachedPhase> {
  return withServer(
    { engine: 'duckdb', lines: config.lines, dataRoot: config.dataRoot, cache: true, rollups: false },
    async (_server, client) => {
      const specs = BENCH_SPECS.filter((s) => !skip.has(s.id));
      const cached = new Map<string, Summary>();
      for (const { id, spec } of specs) {
        cached.set(id, await measureCached(client, spec, config.cachedRuns));
      }
      log(`cached runs measured; load test: ${config.connections} clients for ${config.loadSeconds} s…`);
      const load = await runLoad(
        client,
        specs.map((s) => s.spec),
        { connections: config.connections, seconds: config.loadSeconds },
      );
      return { cached, load };
    },
  );
}
