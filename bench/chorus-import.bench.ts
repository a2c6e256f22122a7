/**
 * Chorus import benchmark (issue 11, not a timed test): a generated INF-BUD-53 commitments
 * report (`lib/inf-bud-53-file.ts`, default 1 000 000 lines) imported end to end into a real
 * server process on DuckDB — upload over HTTP, reading and checking every line, confirmation,
 * placement and the swap — with the time of each phase and the server's peak memory.
 *
 *   pnpm --filter @dataetat/bench exec tsx chorus-import.bench.ts
 *   BENCH_CHORUS_IMPORT_LINES=10000000 pnpm --filter @dataetat/bench exec tsx chorus-import.bench.ts
 *   BENCH_CPU_PROF=/tmp/prof pnpm --filter @dataetat/bench exec tsx chorus-import.bench.ts
 *   BENCH_CHORUS_IMPORT_RUNS=3 …                      # three imports per size, medians printed
 *
 * Each size runs in a fresh server (a new data directory, 20 000 demo lines), so the peak RSS
 * (`VmHWM`) is that import's. A tenth of the file is imported too: memory that does not grow
 * with the file shows the import streams. Target: ≥ 200 000 lines/s from upload to swap.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openAsBlob, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@dataetat/server';
import type { ImportJob, ImportJobAnswer } from '@dataetat/widgets';
import { ADMIN_ACCOUNT, type QueryClient, signIn } from './lib/http-client.ts';
import { infBud53File } from './lib/inf-bud-53-file.ts';
import { describeMachine, loadAverage } from './lib/machine.ts';
import { summarise } from './lib/stats.ts';
import { formatNumber as n, renderTable } from './lib/table.ts';
import { verdict } from './lib/targets.ts';

const TARGET_LINES_PER_SECOND = 200_000;
/**
 * How often the job is read (the admin page reads it every 500 ms). Read every 50 ms, the
 * answers (the job and its preview, read from the metadata store, compressed) took ≈ 5 s of the
 * server's main thread in a million-line import (CPU profile): the bench measured its polling.
 */
const POLL_MS = 250;
const env = process.env;
const lines = Number(env.BENCH_CHORUS_IMPORT_LINES ?? 1_000_000);
/** Imports per size, each in its own fresh server; the table gives each run and the median. */
const runs = Math.max(1, Number(env.BENCH_CHORUS_IMPORT_RUNS ?? 1));
const cpuProfileDir = env.BENCH_CPU_PROF;
const seedDir = path.resolve(repoRoot, '../shared/data');
const serverRoot = path.join(repoRoot, 'server');
const dataDir = path.join(import.meta.dirname, '.data', 'chorus-read');

interface Server {
  readonly process: ChildProcess;
  readonly url: string;
  readonly dir: string;
}

async function startServer(): Promise<Server> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dataetat-import-bench-'));
  const proc = spawn(
    process.execPath,
    [
      ...(cpuProfileDir ? [`--cpu-prof`, `--cpu-prof-dir=${cpuProfileDir}`] : []),
      '--import',
      'tsx',
      path.join(serverRoot, 'src/testing/serve.ts'),
    ],
    {
      cwd: serverRoot,
      env: {
        ...env,
        DATAETAT_DATA_DIR: dir,
        DATAETAT_SEED_DIR: seedDir,
        DATAETAT_CHORUS_LINES: '20000',
        DATAETAT_CACHE: 'off',
        DATAETAT_MAX_EVENT_LOOP_DELAY_MS: '0',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    proc.once('exit', (code) => reject(new Error(`le serveur s’est arrêté (code ${code})`)));
  });
  return { process: proc, url, dir };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  await exited;
  rmSync(server.dir, { recursive: true, force: true });
}

/** Resident memory of a process now and at its peak, in MB (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU time a process has used so far (user + system), in seconds (Linux, 100 ticks a second). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function jobOf(server: Server, session: QueryClient, id: number): Promise<ImportJob> {
  const response = await fetch(`${server.url}/api/imports/${id}`, { headers: session.headers });
  return ((await response.json()) as ImportJobAnswer).job;
}

async function waitFor(
  server: Server,
  session: QueryClient,
  id: number,
  done: (job: ImportJob) => boolean,
  onPhase: (phase: string) => void,
): Promise<ImportJob> {
  for (;;) {
    const job = await jobOf(server, session, id);
    onPhase(`${job.status}/${job.phase}`);
    if (done(job)) return job;
    if (['failed', 'refused', 'cancelled'].includes(job.status)) {
      throw new Error(`import ${id} : ${job.statusLabel} — ${job.message ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

interface Measured {
  readonly lines: number;
  readonly megabytes: number;
  readonly uploadMs: number;
  readonly readMs: number;
  readonly applyMs: number;
  /** Time spent in each status/phase seen while polling, and the server's CPU seconds in it. */
  readonly phases: Map<string, number>;
  readonly phasesCpu: Map<string, number>;
  readonly rssBefore: number;
  readonly peak: number;
  /** Server CPU (user + system, every thread) from the upload to the swap: less sensitive to a loaded machine than wall time. */
  readonly cpuSeconds: number;
  readonly datasetLines: number | null;
}

async function importOnce(file: string, size: number, bytes: number): Promise<Measured> {
  const server = await startServer();
  try {
    const admin = await signIn(server.url, ADMIN_ACCOUNT);
    const rssBefore = memoryOf(server.process.pid as number).rss;
    const phases = new Map<string, number>();
    const phasesCpu = new Map<string, number>();
    const pid = server.process.pid as number;
    let current = '';
    let since = performance.now();
    let cpuSince = cpuSecondsOf(pid);
    const onPhase = (phase: string) => {
      const now = performance.now();
      const cpu = cpuSecondsOf(pid);
      if (current) {
        phases.set(current, (phases.get(current) ?? 0) + now - since);
        phasesCpu.set(current, (phasesCpu.get(current) ?? 0) + cpu - cpuSince);
      }
      current = phase;
      since = now;
      cpuSince = cpu;
    };

    const cpuBefore = cpuSecondsOf(server.process.pid as number);
    const started = performance.now();
    const form = new FormData();
    form.append('fichier', await openAsBlob(file), path.basename(file));
    const response = await fetch(`${server.url}/api/imports`, {
      method: 'POST',
      headers: admin.headers,
      body: form,
    });
    if (response.status !== 201)
      throw new Error(`dépôt refusé : ${response.status} ${await response.text()}`);
    const { job } = (await response.json()) as ImportJobAnswer;
    const uploaded = performance.now();
    await waitFor(server, admin, job.id, (j) => j.status === 'awaiting_confirmation', onPhase);
    const read = performance.now();
    const confirmed = await fetch(`${server.url}/api/imports/${job.id}/confirmation`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ region: '53', mode: 'ignorer_invalides' }),
    });
    if (confirmed.status !== 200) throw new Error(`confirmation refusée : ${await confirmed.text()}`);
    const finished = await waitFor(server, admin, job.id, (j) => j.status === 'succeeded', onPhase);
    const applied = performance.now();
    onPhase('');
    return {
      lines: size,
      megabytes: bytes / 1e6,
      uploadMs: uploaded - started,
      readMs: read - uploaded,
      applyMs: applied - read,
      phases,
      phasesCpu,
      rssBefore,
      peak: memoryOf(server.process.pid as number).peak,
      cpuSeconds: cpuSecondsOf(server.process.pid as number) - cpuBefore,
      datasetLines: finished.datasetLines,
    };
  } finally {
    await stopServer(server);
  }
}

const loadAtStart = loadAverage();
const measured: Measured[] = [];
for (const size of [Math.round(lines / 10), lines]) {
  const made = await infBud53File(dataDir, seedDir, size);
  console.log(
    `${made.file} : ${n(size)} lignes, ${n(made.bytes / 1e6)} Mo${made.generatedMs === null ? ' (déjà écrit)' : `, écrit en ${n(made.generatedMs / 1000)} s`}`,
  );
  for (let run = 0; run < runs; run++) {
    const m = await importOnce(made.file, size, made.bytes);
    console.log(
      `  ${n(size)} lignes, essai ${run + 1} : ${n((m.uploadMs + m.readMs + m.applyMs) / 1000)} s (charge ${loadAverage()})`,
    );
    measured.push(m);
  }
}

const perSecond = (count: number, ms: number) => (count / ms) * 1000;
const totalMs = (m: Measured) => m.uploadMs + m.readMs + m.applyMs;
const median = (values: readonly number[]) => summarise(values).median;
/** Each run, then (several runs) the median of each column per size. */
const rows: (Measured & { readonly label: string })[] = [];
for (const size of [Math.round(lines / 10), lines]) {
  const ofSize = measured.filter((m) => m.lines === size);
  rows.push(...ofSize.map((m) => ({ ...m, label: n(size) })));
  if (ofSize.length > 1) {
    rows.push({
      ...(ofSize[0] as Measured),
      label: `${n(size)} (médiane)`,
      uploadMs: median(ofSize.map((m) => m.uploadMs)),
      readMs: median(ofSize.map((m) => m.readMs)),
      applyMs: median(ofSize.map((m) => m.applyMs)),
      rssBefore: median(ofSize.map((m) => m.rssBefore)),
      cpuSeconds: median(ofSize.map((m) => m.cpuSeconds)),
      peak: median(ofSize.map((m) => m.peak)),
    });
  }
}
console.log(`\nImport d'un rapport INF-BUD-53 (AE) dans DuckDB par l'API, serveur neuf par mesure\n`);
console.log(
  renderTable(
    [
      'lignes',
      'Mo',
      'dépôt (s)',
      'lecture + contrôle (s)',
      'localisation + remplacement (s)',
      'total (s)',
      'CPU serveur (s)',
      'lignes/s',
      'RSS avant (Mo)',
      'RSS max (Mo)',
      'lignes du jeu',
    ],
    rows.map((m) => {
      const rate = perSecond(m.lines, totalMs(m));
      return [
        m.label,
        n(m.megabytes),
        n(m.uploadMs / 1000),
        n(m.readMs / 1000),
        n(m.applyMs / 1000),
        n(totalMs(m) / 1000),
        n(m.cpuSeconds),
        m.lines === lines ? `${n(rate)} ${verdict(rate, TARGET_LINES_PER_SECOND, true)}` : n(rate),
        n(m.rssBefore),
        n(m.peak),
        m.datasetLines === null ? '–' : n(m.datasetLines),
      ];
    }),
  ),
);
for (const m of measured.filter((x) => x.lines === lines)) {
  console.log(
    `\nPhases observées (${n(m.lines)} lignes) : ${[...m.phases]
      .map(([phase, ms]) => `${phase} ${n(ms / 1000)} s (CPU ${n(m.phasesCpu.get(phase) ?? 0)} s)`)
      .join(' · ')}`,
  );
}
console.log(`Cible : ≥ ${n(TARGET_LINES_PER_SECOND)} lignes/s du dépôt au remplacement.`);
console.log(`Machine : ${JSON.stringify(describeMachine())}`);
console.log(`Charge (1/5/15 min) au début : ${loadAtStart}, à la fin : ${loadAverage()}`);
