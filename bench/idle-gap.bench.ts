/**
 * Idle-gap benchmark (issue 16, not a timed test): what the first request after a pause costs,
 * the case agents live in (a dashboard opened after minutes of nothing), next to a bare
 * `node:http` server measured the same way in the same process.
 *
 *   pnpm --filter @dataetat/bench exec tsx idle-gap.bench.ts
 *   BENCH_IDLE_ROUNDS=8 BENCH_IDLE_MIN_MS=5000 BENCH_IDLE_MAX_MS=40000 pnpm --filter @dataetat/bench exec tsx idle-gap.bench.ts
 *
 * Each round visits every target in a random order: a random pause, one request on a new
 * connection (as a browser after a pause), then the same request again at once (hot). Times
 * run from the request to the answer's last byte. Target: a trivial route (no database) within
 * 5 ms of the bare server after a pause.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postQuery, READER_ACCOUNT, signIn } from './lib/http-client.ts';
import { describeMachine, loadAverage } from './lib/machine.ts';
import { startBenchServer } from './lib/server.ts';
import { BENCH_SPECS, DASHBOARD_SPEC_ID } from './lib/specs.ts';
import { summarise } from './lib/stats.ts';
import { formatNumber as n, renderTable } from './lib/table.ts';
import { verdict } from './lib/targets.ts';

const env = process.env;
const integer = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0`);
  return value;
};
const config = {
  lines: integer('BENCH_CHORUS_LINES', 20_000),
  rounds: integer('BENCH_IDLE_ROUNDS', 5),
  minGapMs: integer('BENCH_IDLE_MIN_MS', 5_000),
  maxGapMs: integer('BENCH_IDLE_MAX_MS', 10_000),
  dataRoot: path.join(path.dirname(fileURLToPath(import.meta.url)), '.data'),
};
/** A trivial route after a pause: at most this much slower than the bare server (issue 16). */
const TRIVIAL_OVER_BARE_MS = 5;

interface Target {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One request on a fresh connection (no keep-alive: a browser's socket is gone after a pause). */
function timedRequest(target: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      target.url,
      {
        method: target.method,
        agent: false,
        headers: {
          ...target.headers,
          ...(target.body && { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 400) reject(new Error(`${target.name} → ${res.statusCode}`));
          else resolve(performance.now() - started);
        });
      },
    );
    req.on('error', reject);
    req.end(target.body);
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomGap = () => config.minGapMs + Math.random() * (config.maxGapMs - config.minGapMs);
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const bare = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

const server = await startBenchServer({
  engine: 'duckdb',
  lines: config.lines,
  dataRoot: config.dataRoot,
  cache: true,
  rollups: false,
});
const client = await signIn(server.url, READER_ACCOUNT);
const dashboard = BENCH_SPECS.find((s) => s.id === DASHBOARD_SPEC_ID)?.spec;
if (!dashboard) throw new Error('dashboard spec missing');
await postQuery(client, dashboard);
if (!(await postQuery(client, dashboard)).meta.cached) throw new Error('the memory cache is off');

const targets: Target[] = [
  { name: 'bare node:http', method: 'GET', url: bareUrl },
  { name: 'GET /api/auth/methods (no database)', method: 'GET', url: `${server.url}/api/auth/methods` },
  { name: 'GET /api/health', method: 'GET', url: `${server.url}/api/health` },
  { name: 'GET /api/me (session)', method: 'GET', url: `${server.url}/api/me`, headers: client.headers },
  {
    name: 'POST /api/query (cached dashboard spec)',
    method: 'POST',
    url: `${server.url}/api/query`,
    headers: client.headers,
    body: JSON.stringify(dashboard),
  },
];

const machine = describeMachine();
const loadAtStart = loadAverage();
const afterPause = new Map<string, number[]>(targets.map((t) => [t.name, []]));
const hot = new Map<string, number[]>(targets.map((t) => [t.name, []]));
const totalSeconds = Math.round(
  (config.rounds * targets.length * (config.minGapMs + config.maxGapMs)) / 2000,
);
process.stderr.write(
  `[bench:idle] ${config.rounds} rounds × ${targets.length} targets, ≈ ${totalSeconds} s…\n`,
);
for (let round = 0; round < config.rounds; round++) {
  for (const target of shuffled(targets)) {
    await pause(randomGap());
    afterPause.get(target.name)?.push(await timedRequest(target));
    hot.get(target.name)?.push(await timedRequest(target));
  }
}
await server.close();
bare.close();

const medianOf = (name: string) => summarise(afterPause.get(name) ?? []).median;
const bareMedian = medianOf('bare node:http');
const trivialMedian = medianOf('GET /api/auth/methods (no database)');
console.log(
  [
    `Data-État idle-gap benchmark — ${new Date().toISOString()}`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.platform}`,
    `Load average (1 / 5 / 15 min): ${loadAtStart} at start, ${loadAverage()} at end`,
    `DuckDB, ${n(config.lines)} Chorus lines, memory cache on; ${config.rounds} rounds, pauses of ${n(config.minGapMs / 1000)}–${n(config.maxGapMs / 1000)} s in random order; a new connection per request. Milliseconds.`,
    '',
    renderTable(
      ['target', 'after a pause: median', 'p95', 'max', 'hot: median', 'after a pause − bare (median)'],
      targets.map((t) => {
        const paused = summarise(afterPause.get(t.name) ?? []);
        const warm = summarise(hot.get(t.name) ?? []);
        return [
          t.name,
          n(paused.median),
          n(paused.p95),
          n(paused.max),
          n(warm.median),
          n(paused.median - bareMedian),
        ];
      }),
    ),
    '',
    renderTable(
      ['target', 'measured', ''],
      [
        [
          `trivial route within ${TRIVIAL_OVER_BARE_MS} ms of bare node:http after a pause (medians)`,
          `${n(trivialMedian - bareMedian)} ms`,
          verdict(trivialMedian - bareMedian, TRIVIAL_OVER_BARE_MS),
        ],
      ],
    ),
  ].join('\n'),
);
