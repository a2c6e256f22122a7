/**
 * Idle-gap phase (issue 16): what the first request after a pause costs, the case agents live
 * in (a dashboard opened after minutes of nothing), next to a bare `node:http` server measured
 * the same way in the same process. Each round visits every target in a random order: a random
 * pause, one request on a new connection (a browser's socket is gone after a pause), then the
 * same request again at once (hot). Times run from the request to the answer's last byte.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postQuery, READER_ACCOUNT, signIn } from './http-client.ts';
import { loadAverage } from './machine.ts';
import { startBenchServer } from './server.ts';
import { BENCH_SPECS, DASHBOARD_SPEC_ID } from './specs.ts';
import { type Summary, summarise } from './stats.ts';
import { formatNumber as n, renderTable } from './table.ts';
import { verdict } from './targets.ts';

export interface IdleGapConfig {
  readonly lines: number;
  readonly rounds: number;
  readonly minGapMs: number;
  readonly maxGapMs: number;
  readonly dataRoot: string;
}

/** The target's name the others are compared with. */
export const BARE_TARGET = 'bare node:http';
/** The trivial route (no database) held to the target. */
export const TRIVIAL_TARGET = 'GET /api/auth/methods (no database)';
/** A trivial route after a pause: at most this much slower than the bare server (issue 16). */
export const TRIVIAL_OVER_BARE_MS = 5;

export interface IdleGapTargetFigures {
  readonly name: string;
  readonly afterPause: Summary;
  readonly hot: Summary;
}

export interface IdleGapResults {
  readonly config: Omit<IdleGapConfig, 'dataRoot'>;
  readonly loadAtStart: string;
  readonly loadAtEnd: string;
  readonly targets: readonly IdleGapTargetFigures[];
  /** Median after a pause of the trivial route − the bare server's, ms. */
  readonly trivialOverBareMs: number;
}

interface Target {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

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

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Seconds the phase pauses in all, on average (to tell the user before it starts). */
export function idleGapSeconds(config: IdleGapConfig, targets = 5): number {
  return Math.round((config.rounds * targets * (config.minGapMs + config.maxGapMs)) / 2000);
}

export async function idleGapPhase(config: IdleGapConfig): Promise<IdleGapResults> {
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
  try {
    const client = await signIn(server.url, READER_ACCOUNT);
    const dashboard = BENCH_SPECS.find((s) => s.id === DASHBOARD_SPEC_ID)?.spec;
    if (!dashboard) throw new Error('dashboard spec missing');
    await postQuery(client, dashboard);
    if (!(await postQuery(client, dashboard)).meta.cached) throw new Error('the memory cache is off');

    const targets: Target[] = [
      { name: BARE_TARGET, method: 'GET', url: bareUrl },
      { name: TRIVIAL_TARGET, method: 'GET', url: `${server.url}/api/auth/methods` },
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
    const loadAtStart = loadAverage();
    const afterPause = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    const hot = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    for (let round = 0; round < config.rounds; round++) {
      for (const target of shuffled(targets)) {
        await pause(config.minGapMs + Math.random() * (config.maxGapMs - config.minGapMs));
        afterPause.get(target.name)?.push(await timedRequest(target));
        hot.get(target.name)?.push(await timedRequest(target));
      }
    }
    const figures = targets.map((t) => ({
      name: t.name,
      afterPause: summarise(afterPause.get(t.name) ?? []),
      hot: summarise(hot.get(t.name) ?? []),
    }));
    const medianOf = (name: string) => figures.find((f) => f.name === name)?.afterPause.median ?? Number.NaN;
    const { dataRoot: _, ...shown } = config;
    return {
      config: shown,
      loadAtStart,
      loadAtEnd: loadAverage(),
      targets: figures,
      trivialOverBareMs: medianOf(TRIVIAL_TARGET) - medianOf(BARE_TARGET),
    };
  } finally {
    await server.close();
    bare.close();
  }
}

/** The phase's table and its target, as printed. */
export function renderIdleGap(results: IdleGapResults): string {
  const { config } = results;
  const bare = results.targets.find((t) => t.name === BARE_TARGET)?.afterPause.median ?? Number.NaN;
  return [
    `Idle gaps: DuckDB, ${n(config.lines)} Chorus lines, memory cache on; ${config.rounds} rounds, pauses of ${n(config.minGapMs / 1000)}–${n(config.maxGapMs / 1000)} s in random order; a new connection per request. Load average ${results.loadAtStart} at start, ${results.loadAtEnd} at end. Milliseconds.`,
    '',
    renderTable(
      ['target', 'after a pause: median', 'p95', 'max', 'hot: median', 'after a pause − bare (median)'],
      results.targets.map((t) => [
        t.name,
        n(t.afterPause.median),
        n(t.afterPause.p95),
        n(t.afterPause.max),
        n(t.hot.median),
        n(t.afterPause.median - bare),
      ]),
    ),
    '',
    renderTable(
      ['target', 'measured', ''],
      [
        [
          `trivial route within ${TRIVIAL_OVER_BARE_MS} ms of bare node:http after a pause (medians)`,
          `${n(results.trivialOverBareMs)} ms`,
          verdict(results.trivialOverBareMs, TRIVIAL_OVER_BARE_MS),
        ],
      ],
    ),
  ].join('\n');
}
