/**
 * `pnpm bench:load`: the server under concurrent load (README.md, « Load benchmark »). Not a
 * timed test: it prints its figures, the targets and the machine, and never fails the build.
 *
 * 1. cached: many connections on one dashboard query answered by the memory cache;
 * 2. uncached: fewer connections on the mix of widget queries, cache off, so every request
 *    reaches DuckDB;
 * 3. embed viewers: many connections on one embedded widget (`POST /api/embed/query` with the
 *    embed's bearer token, no session), memory cache on, the per-token rate limit raised.
 * Each phase runs on its own real server (127.0.0.1, random port); autocannon runs in a child
 * process for a fixed duration, so the run is bounded and stops by itself.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { integer } from './lib/config.ts';
import { createWidgetEmbed, EMBED_DASHBOARD_ID, EMBED_WIDGET_ID, postEmbedQuery } from './lib/embed.ts';
import {
  type Account,
  ADMIN_ACCOUNT,
  postQuery,
  type QueryClient,
  READER_ACCOUNT,
  signIn,
} from './lib/http-client.ts';
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
  embedConnections: integer(env, 'BENCH_EMBED_CONNECTIONS', 200, 1),
  /** Phases to run (BENCH_LOAD_PHASES=embed to profile one): all three by default. */
  phases: new Set((env.BENCH_LOAD_PHASES ?? 'cached,uncached,embed').split(',').map((p) => p.trim())),
  dataRoot: path.join(benchDir, '.data'),
};

/** Targets of the load benchmark (issue 15, « Tests and targets »). */
const LOAD_TARGETS = { cachedP99Ms: 100, failures: 0 } as const;

function log(message: string) {
  process.stderr.write(`[bench:load] ${message}\n`);
}

/**
 * Requests a minute per embed token on the embed phase's server (DATAETAT_GRANT_RATE_LIMIT, the
 * setting's maximum): 200 viewers share one token, far past the 6 000 a minute default.
 */
const BENCH_GRANT_RATE_LIMIT = 1_000_000;

/** A server with the given cache setting, signed in as `account`; closed afterwards. */
async function withClient<T>(
  settings: { cache: boolean; grantRateLimit?: number },
  account: Account,
  use: (client: QueryClient) => Promise<T>,
): Promise<T> {
  const server = await startBenchServer({
    engine: 'duckdb',
    lines: config.lines,
    dataRoot: config.dataRoot,
    rollups: false,
    ...settings,
  });
  try {
    return await use(await signIn(server.url, account));
  } finally {
    await server.close();
  }
}
const withReader = <T>(cache: boolean, use: (client: QueryClient) => Promise<T>) =>
  withClient({ cache }, READER_ACCOUNT, use);

const dashboard = BENCH_SPECS.find((s) => s.id === DASHBOARD_SPEC_ID) as BenchSpec;

const machine = describeMachine();
const loadAtStart = loadAverage();
const startedAt = new Date();
log(`${config.lines} Chorus lines (the first start on a size generates the data)…`);

/** Runs a phase when BENCH_LOAD_PHASES names it; undefined otherwise. */
const phase = <T>(name: string, run: () => Promise<T>): Promise<T | undefined> =>
  config.phases.has(name) ? run() : Promise.resolve(undefined);

const cached = await phase('cached', () =>
  withReader(true, async (client) => {
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
  }),
);

const uncached = await phase('uncached', () =>
  withReader(false, async (client) => {
    // One run of each query first: a query the server refuses is a setup error, not load.
    for (const { spec } of BENCH_SPECS) await postQuery(client, spec);
    log(`uncached: ${config.uncachedConnections} connections for ${config.seconds} s…`);
    return runLoad(
      client,
      BENCH_SPECS.map((s) => s.spec),
      { connections: config.uncachedConnections, seconds: config.seconds },
    );
  }),
);

// The demo administrator embeds the widget (a reference dashboard has no owner to share it);
// national scope: the embed reads what its creator may read.
const embedded = await phase('embed', () =>
  withClient({ cache: true, grantRateLimit: BENCH_GRANT_RATE_LIMIT }, ADMIN_ACCOUNT, async (admin) => {
    const embed = await createWidgetEmbed(admin);
    await postEmbedQuery(embed);
    if (!(await postEmbedQuery(embed)).meta.cached) {
      throw new Error('the embed query is not answered from the cache: is the memory cache on?');
    }
    log(`embed viewers: ${config.embedConnections} connections for ${config.seconds} s…`);
    return runLoad(embed.viewer, [embed.body], {
      connections: config.embedConnections,
      seconds: config.seconds,
      path: '/api/embed/query',
    });
  }),
);

/** Non-2xx answers by status (`503 × 12`), so a failed target says what was refused. */
const refusals = (load: LoadOutcome) =>
  Object.entries(load.statuses)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, times]) => `${status} × ${times}`)
    .join(', ');

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
const failureCell = (load: LoadOutcome) =>
  refusals(load) ? `${failures(load)} (${refusals(load)})` : String(failures(load));
const noFailures = (load: LoadOutcome) => verdict(failures(load), LOAD_TARGETS.failures);

console.log(
  [
    `Data-État load benchmark — ${startedAt.toISOString()} (${n((Date.now() - startedAt.getTime()) / 1000)} s)`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.platform}`,
    `Load average (1 / 5 / 15 min): ${loadAtStart} at start, ${loadAverage()} at end`,
    `DuckDB, ${count(config.lines)} Chorus lines, rollups off; signed in as ${READER_ACCOUNT.email} (lecteur, scope région 53);`,
    `embed viewers: POST /api/embed/query with one embed token (Bearer, no session) of widget ${EMBED_WIDGET_ID} of ${EMBED_DASHBOARD_ID},`,
    `  created by ${ADMIN_ACCOUNT.email}, body {widgetId, spec} = the widget's shaped query under the dashboard's default filters;`,
    `  per-token rate limit raised for this server: DATAETAT_GRANT_RATE_LIMIT=${n(BENCH_GRANT_RATE_LIMIT)}/min (default 6 000).`,
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
        cached && row(`cached (${dashboard.id}, memory cache)`, cached),
        uncached && row(`uncached (${BENCH_SPECS.length} queries, cache off)`, uncached),
        embedded && row(`embed viewers (${EMBED_WIDGET_ID}, memory cache)`, embedded),
      ].filter((r) => r !== undefined),
    ),
    '',
    renderTable(
      ['target', 'measured', ''],
      [
        ...(cached
          ? [
              [
                `cached: p99 ≤ ${LOAD_TARGETS.cachedP99Ms} ms`,
                `${n(cached.latencyP99Ms)} ms`,
                verdict(cached.latencyP99Ms, LOAD_TARGETS.cachedP99Ms),
              ],
              ['cached: 0 errors / timeouts / non-2xx', failureCell(cached), noFailures(cached)],
            ]
          : []),
        ...(uncached
          ? [
              ['uncached: 0 errors / timeouts / non-2xx', failureCell(uncached), noFailures(uncached)],
              ['uncached: p95 (reported)', `${n(uncached.latencyP95Ms)} ms`, '–'],
            ]
          : []),
        ...(embedded
          ? [
              ['embed viewers: 0 errors / timeouts / non-2xx', failureCell(embedded), noFailures(embedded)],
              ['embed viewers: p95 (reported)', `${n(embedded.latencyP95Ms)} ms`, '–'],
            ]
          : []),
      ],
    ),
  ].join('\n'),
);
