import type { BenchResults, EngineResult, SpecResult } from './results.ts';
import { DASHBOARD_SPEC_ID } from './specs.ts';
import type { Summary } from './stats.ts';
import { formatNumber as n, renderTable } from './table.ts';
import { TARGETS, type Verdict, verdict } from './targets.ts';

const pair = (s: Summary | null | undefined) => (s ? `${n(s.median)} / ${n(s.p95)}` : '–');
const marked = (text: string, mark: Verdict) => (mark === '–' ? text : `${text} ${mark}`);
const count = (value: number) => value.toLocaleString('en-US').replaceAll(',', ' ');

/** Cells of one engine: raw, HTTP, overhead (cache off). */
function engineCells(engine: EngineResult | null, httpTarget: number | null): string[] {
  if (!engine) return ['–', '–', '–', '–'];
  if (engine.timedOut) return [`> ${n(engine.timeoutMs)} (cancelled)`, '–', '–', '–'];
  const http = pair(engine.http);
  return [
    pair(engine.raw),
    httpTarget === null ? http : marked(http, verdict(engine.http.median, httpTarget)),
    // Informative: on slow specs the engine's run-to-run variance swamps it; the paired one is judged.
    n(engine.overheadMs),
    marked(pair(engine.pairedOverhead), verdict(engine.pairedOverhead.median, TARGETS.httpOverheadMs)),
  ];
}

/** HTTP rollup, raw DuckDB on the rollup table, their paired overhead; « base table » when no rollup answered. */
function rollupCells(spec: SpecResult, available: boolean): string[] {
  const rollup = spec.rollup;
  if (!rollup) {
    const none = available && !spec.duckdb.timedOut ? 'base table' : '–';
    return [none, '–', '–'];
  }
  const http = pair(rollup.http);
  const target = ROLLUP_HTTP_TARGETS[spec.id];
  return [
    target === undefined ? http : marked(http, verdict(rollup.http.median, target)),
    pair(rollup.raw),
    marked(pair(rollup.pairedOverhead), verdict(rollup.pairedOverhead.median, TARGETS.httpOverheadMs)),
  ];
}

/** Targets on the HTTP time through a rollup, by spec id (issue 16: (c) and the values search, at 10M lines). */
const ROLLUP_HTTP_TARGETS: Readonly<Record<string, number>> = {
  [DASHBOARD_SPEC_ID]: TARGETS.rollupMs,
  beneficiaire_region_contains: TARGETS.regionSearchMs,
  valeurs_beneficiaire: TARGETS.valuesSearchMs,
};

function specRow(spec: SpecResult, rollupsAvailable: boolean): string[] {
  const isDashboard = spec.id === DASHBOARD_SPEC_ID;
  const duck = spec.duckdb;
  const [raw = '', http = '', overhead = '', paired = ''] = engineCells(
    duck,
    isDashboard ? TARGETS.dashboardMs : null,
  );
  const [pgRaw = '', pgHttp = ''] = engineCells(spec.postgres, null);
  return [
    spec.id,
    duck.timedOut ? '–' : count(duck.rowCount),
    duck.timedOut ? '1' : String(duck.raw.n),
    marked(pair(spec.compileUs), verdict(spec.compileUs.median, TARGETS.compileUs)),
    raw,
    http,
    overhead,
    paired,
    spec.cached ? marked(pair(spec.cached), verdict(spec.cached.median, TARGETS.cachedMs)) : '–',
    ...rollupCells(spec, rollupsAvailable),
    pgRaw,
    pgHttp,
    spec.pgRollup
      ? isDashboard
        ? marked(pair(spec.pgRollup.http), verdict(spec.pgRollup.http.median, TARGETS.pgRollupMs))
        : pair(spec.pgRollup.http)
      : spec.postgres
        ? 'base table'
        : '–',
    spec.duckdbOverPostgres === null ? '–' : n(spec.duckdbOverPostgres),
  ];
}

function worst<T>(items: readonly T[], value: (item: T) => number | null): { item: T; value: number } | null {
  let found: { item: T; value: number } | null = null;
  for (const item of items) {
    const v = value(item);
    if (v !== null && (!found || v > found.value)) found = { item, value: v };
  }
  return found;
}

const worstCell = (found: { item: { id: string }; value: number } | null, unit: string) =>
  found ? `${n(found.value)} ${unit} (${found.item.id})` : '–';

function targetRows(results: BenchResults): string[][] {
  const specs = results.specs;
  const dashboard = specs.find((s) => s.id === DASHBOARD_SPEC_ID);
  const dashboardHttp = dashboard && !dashboard.duckdb.timedOut ? dashboard.duckdb.http.median : null;
  const compile = worst(specs, (s) => s.compileUs.median);
  const paired = worst(specs, (s) => (s.duckdb.timedOut ? null : s.duckdb.pairedOverhead.median));
  const pairedRollup = worst(specs, (s) => s.rollup?.pairedOverhead.median ?? null);
  const routedHttp = (id: string) => specs.find((s) => s.id === id)?.rollup?.http.median;
  const regionSearch = routedHttp('beneficiaire_region_contains');
  const valuesSearch = routedHttp('valeurs_beneficiaire');
  const cached = worst(specs, (s) => s.cached?.median ?? null);
  const load = results.load;
  const loadFailures = load.errors + load.timeouts + load.non2xx;
  const loadOk =
    verdict(load.requestsPerSecond, TARGETS.loadRequestsPerSecond, true) === '✓' && loadFailures === 0;
  return [
    [
      `compileQuery ≤ ${TARGETS.compileUs} µs (median, slowest spec)`,
      worstCell(compile, 'µs'),
      verdict(compile?.value, TARGETS.compileUs),
    ],
    [
      `paired overhead ≤ ${TARGETS.httpOverheadMs} ms, cache off (median of HTTP − server engineMs per request, worst spec)`,
      worstCell(paired, 'ms'),
      verdict(paired?.value, TARGETS.httpOverheadMs),
    ],
    [
      `paired overhead ≤ ${TARGETS.httpOverheadMs} ms through rollups (same, worst spec)`,
      worstCell(pairedRollup, 'ms'),
      verdict(pairedRollup?.value, TARGETS.httpOverheadMs),
    ],
    [
      `cached query ≤ ${TARGETS.cachedMs} ms (HTTP median, slowest spec)`,
      worstCell(cached, 'ms'),
      verdict(cached?.value, TARGETS.cachedMs),
    ],
    [
      `dashboard query ≤ ${TARGETS.dashboardMs} ms (HTTP median, cache off, no rollup)`,
      dashboardHttp === null ? 'timed out' : `${n(dashboardHttp)} ms`,
      dashboardHttp === null ? '✗' : verdict(dashboardHttp, TARGETS.dashboardMs),
    ],
    [
      `dashboard query through a rollup ≤ ${TARGETS.rollupMs} ms (HTTP median, cache off)`,
      dashboard?.rollup ? `${n(dashboard.rollup.http.median)} ms` : 'not measured (no rollup setting)',
      verdict(dashboard?.rollup?.http.median, TARGETS.rollupMs),
    ],
    [
      `top 20 beneficiaries of a région containing a word ≤ ${TARGETS.regionSearchMs} ms (HTTP median, cache off, rollups on)`,
      regionSearch === undefined ? 'not measured' : `${n(regionSearch)} ms`,
      verdict(regionSearch, TARGETS.regionSearchMs),
    ],
    [
      `beneficiary values search ≤ ${TARGETS.valuesSearchMs} ms (HTTP median, cache off, rollups on)`,
      valuesSearch === undefined ? 'not measured' : `${n(valuesSearch)} ms`,
      verdict(valuesSearch, TARGETS.valuesSearchMs),
    ],
    [
      `PostgreSQL: dashboard query through a rollup ≤ ${TARGETS.pgRollupMs} ms (HTTP median, cache off)`,
      dashboard?.pgRollup ? `${n(dashboard.pgRollup.http.median)} ms` : 'not measured',
      verdict(dashboard?.pgRollup?.http.median, TARGETS.pgRollupMs),
    ],
    [
      `PostgreSQL: the same, cold ≤ ${TARGETS.pgRollupColdMs} ms (first request on a fresh server)`,
      typeof dashboard?.pgRollupFirstMs === 'number' ? `${n(dashboard.pgRollupFirstMs)} ms` : 'not measured',
      verdict(dashboard?.pgRollupFirstMs, TARGETS.pgRollupColdMs),
    ],
    [
      `${results.load.connections} clients × ${n(results.load.seconds)} s on cached widgets ≥ ${count(TARGETS.loadRequestsPerSecond)} req/s, no errors`,
      `${count(Math.round(load.requestsPerSecond))} req/s, ${count(load.total)} requests, ${loadFailures} errors/timeouts/non-2xx, ` +
        `latency p50 ${n(load.latencyP50Ms)} ms, p99 ${n(load.latencyP99Ms)} ms`,
      loadOk ? '✓' : '✗',
    ],
  ];
}

/** The whole printed report: machine, per-spec figures, targets, notes. */
export function renderReport(results: BenchResults): string {
  const m = results.machine;
  const pg =
    results.versions.postgres === null
      ? 'PostgreSQL: not measured'
      : `PostgreSQL ${results.versions.postgres} (${count(results.pgLines ?? 0)} lines)`;
  const cacheOff =
    results.cacheOffKind === 'off'
      ? 'DATAETAT_CACHE=off'
      : `${results.cacheOffKind} cache emptied before each request`;
  const header = [
    `Data-État query benchmark — ${results.startedAt} (${n(results.seconds)} s)`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}`,
    `Engines: ${results.versions.duckdb} (${count(results.lines)} lines) · ${pg}`,
    `Cache off = ${cacheOff} · rollups: ${
      results.rollupsAvailable
        ? 'DATAETAT_ROLLUPS=on in the rollup column, off elsewhere'
        : 'no setting in this server'
    }`,
    'Times in ms, median / p95 (compile: µs); overhead = HTTP median − raw median; paired overhead = HTTP −',
    'the server-measured engine time, request by request; raw DuckDB rollup = the engine alone on the SQL the',
    'server sends to the rollup (the peer line); runs = timed engine runs. Client: node:http, kept-alive, gzip.',
  ];
  const specTable = renderTable(
    [
      'spec',
      'rows',
      'runs',
      'compile µs',
      'raw DuckDB',
      'HTTP (cache off)',
      'overhead',
      'paired overhead',
      'HTTP cached',
      'HTTP rollup',
      'raw DuckDB rollup',
      'rollup paired overhead',
      'raw PG',
      'HTTP PG',
      'HTTP PG rollup',
      'DuckDB/PG',
    ],
    results.specs.map((spec) => specRow(spec, results.rollupsAvailable)),
  );
  const targets = renderTable(['target', 'measured', ''], targetRows(results));
  const routed = results.specs
    .filter((s) => s.rollup)
    .map((s) => `${s.id} → ${s.rollupTable ?? 'base table'}`);
  const notes = [...(routed.length ? [`rollup routing: ${routed.join(', ')}`] : []), ...results.notes].map(
    (note) => `Note: ${note}`,
  );
  return [...header, '', specTable, '', targets, ...(notes.length ? ['', ...notes] : [])].join('\n');
}
