/**
 * `pnpm bench:load`: the server under concurrent load (README.md, « Load benchmark »). Not a
 * timed test: it prints its figures, the targets and the machine, and never fails the build.
 *
 * 1. cached: many connections on one dashboard query answered by the memory cache;
 * 2. uncached: fewer connections on the mix of widget queries, cache off, so every request
 *    reaches DuckDB.
 * Each phase runs on its own real server (127.0.0.1, random port); autocannon runs in a child
 * process for a fixed duration, so the run is bounded and stops by itself.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { integer } from './lib/config.ts';
import { postQuery, type QueryClient, READER_ACCOUNT, signIn } from './lib/http-client.ts';
import { type LoadOutcome, runLoad } from './lib/load.ts';
import { describeMachine, loadAverage } from './lib/machine.ts';
import { startBenchServer } from './lib/server.ts';
import { BENCH_SPECS, type BenchSpec, DASHBOARD_SPEC_ID } from './lib/specs.ts';
import { formatNumber as n, renderTable } from './lib/table.ts';
import { verdict } from './lib/targets.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const config = {
  lines: integer(env, 'BENCH_CHORUS_LINES', 1_000_000, 1000),
  seconds: integer(env, 'BENCH_LOAD_SECONDS', 30, 1),
  cachedConnections: integer(env, 'BENCH_CACHED_CONNECTIONS', 200, 1),
  uncachedConnections: integer(env, 'BENCH_UNCACHED_CONNECTIONS', 20, 1),
  dataRoot: path.join(benchDir, '.data'),
};

/** Targets of the load benchmark (issue 15, « Tests and targets »). */
const LOAD_TARGETS = { cachedP99Ms: 100, failures: 0 } as const;

function log(message: string) {
  process.stderr.write(`[bench:load] ${message}\n`);
}

/** A server with the given cache setting, signed in as the demo reader; closed afterwards. */
async function withReader<T>(cache: boolean, use: (client: QueryClient) => Promise<T>): Promise<T> {
  const server = await startBenchServer({
    engine: 'duckdb',
    lines: config.lines,
    dataRoot: config.dataRoot,
    cache,
    rollups: false,
  });
  try {
    return await use(await signIn(server.url, READER_ACCOUNT));
  } finally {
    await server.close();
  }
}

const dashboard = BENCH_SPECS.find((s) => s.id === DASHBOARD_SPEC_ID) as BenchSpec;

const machine = describeMachine();
const loadAtStart = loadAverage();
const startedAt = new Date();
log(`${config.lines} Chorus lines (the first start on a size generates the data)…`);

const cached = await withReader(true, async (client) => {
  // Fill the cache, then make sure it answers: the phase measures cached answers only.
  await postQuery(client, dashboard.spec);
  if (!(await postQuery(client, dashboard.spec)).meta.cached) {
    throw new Error('the dashboard query is not answered from the cache: is the memory cache on?');
  }
  log(`cached: ${config.cachedConnections} connections for ${config.seconds} s…`);
  return runLoad(client, [dashboard.spec], {
    connections: config.cachedConnections,
    seconds: config.seconds,
  });
});

const uncached = await withReader(false, async (client) => {
  // One run of each query first: a query the server refuses is a setup error, not load.
  for (const { spec } of BENCH_SPECS) await postQuery(client, spec);
  log(`uncached: ${config.uncachedConnections} connections for ${config.seconds} s…`);
  return runLoad(
    client,
    BENCH_SPECS.map((s) => s.spec),
    { connections: config.uncachedConnections, seconds: config.seconds },
  );
});

const failures = (load: LoadOutcome) => load.errors + load.timeouts + load.non2xx;
const count = (value: number) => n(Math.round(value));
const row = (phase: string, load: LoadOutcome) => [
  phase,
  String(load.connections),
  n(load.seconds),
  count(load.total),
  count(load.requestsPerSecond),
  n(load.latencyP50Ms),
  n(load.latencyP95Ms),
  n(load.latencyP99Ms),
  n(load.latencyMaxMs),
  String(load.errors),
  String(load.timeouts),
  String(load.non2xx),
];
const noFailures = (load: LoadOutcome) => verdict(failures(load), LOAD_TARGETS.failures);

console.log(
  [
    `Data-État load benchmark — ${startedAt.toISOString()} (${n((Date.now() - startedAt.getTime()) / 1000)} s)`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.platform}`,
    `Load average (1 / 5 / 15 min): ${loadAtStart} at start, ${loadAverage()} at end`,
    `DuckDB, ${count(config.lines)} Chorus lines, rollups off; signed in as ${READER_ACCOUNT.email} (lecteur, scope région 53);`,
    'autocannon in a child process on 127.0.0.1 (it shares the CPU with the server), gzip accepted. Latencies in ms.',
    '',
    renderTable(
      [
        'phase',
        'connections',
        's',
        'requests',
        'req/s',
        'p50',
        'p95',
        'p99',
        'max',
        'errors',
        'timeouts',
        'non-2xx',
      ],
      [
        row(`cached (${dashboard.id}, memory cache)`, cached),
        row(`uncached (${BENCH_SPECS.length} queries, cache off)`, uncached),
      ],
    ),
    '',
    renderTable(
      ['target', 'measured', ''],
      [
        [
          `cached: p99 ≤ ${LOAD_TARGETS.cachedP99Ms} ms`,
          `${n(cached.latencyP99Ms)} ms`,
          verdict(cached.latencyP99Ms, LOAD_TARGETS.cachedP99Ms),
        ],
        ['cached: 0 errors / timeouts / non-2xx', String(failures(cached)), noFailures(cached)],
        ['uncached: 0 errors / timeouts / non-2xx', String(failures(uncached)), noFailures(uncached)],
        ['uncached: p95 (reported)', `${n(uncached.latencyP95Ms)} ms`, '–'],
      ],
    ),
  ].join('\n'),
);
