/**
 * Chorus file reading benchmark (issue 11, not a timed test): how fast `readChorusFile` turns an
 * INF-BUD-53 commitments report into normalised lines, and how much memory it takes, on a file
 * written to disk (default 1 000 000 lines, ≈ 215 MB; `lib/inf-bud-53-file.ts`).
 *
 *   pnpm --filter @dataetat/bench exec tsx chorus-read.bench.ts
 *   BENCH_CHORUS_READ_LINES=200000 BENCH_CHORUS_READ_RUNS=1 pnpm --filter @dataetat/bench exec tsx chorus-read.bench.ts
 *
 * Each run is a fresh child process (so its peak RSS is the reading's own): the file is read
 * in 64 KiB chunks, as an upload arrives, and every item is consumed (lines counted, amounts
 * summed). Beside the reader, two references on the same bytes in the same conditions: the
 * floor — chunks made into strings, lines and fields split, nothing normalised — and csv-parse,
 * the library the reader does not use for this (see `server/src/imports/chorus/tokenizer.ts`).
 * A smaller file (a tenth) shows that memory does not grow with the file. Target: reading alone
 * ≥ 500 000 lines/s (the whole import into DuckDB must reach 200 000 lines/s).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '@dataetat/server';
import type { Measure, Mode } from './lib/chorus-read-child.ts';
import { infBud53File } from './lib/inf-bud-53-file.ts';
import { describeMachine, loadAverage } from './lib/machine.ts';
import { summarise } from './lib/stats.ts';
import { formatNumber as n, renderTable } from './lib/table.ts';
import { verdict } from './lib/targets.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const TARGET_LINES_PER_SECOND = 500_000;

/** One measurement in a fresh child process (same loader as this one). */
function inChild(mode: Mode, file: string): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, path.join(here, 'lib/chorus-read-child.ts'), mode, file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (data) => {
      out += data;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1) as string) as Measure)
        : reject(new Error(`${mode}: exit ${code}`)),
    );
  });
}

const env = process.env;
const lines = Number(env.BENCH_CHORUS_READ_LINES ?? 1_000_000);
const runs = Number(env.BENCH_CHORUS_READ_RUNS ?? 3);
const withCsvParse = (env.BENCH_CHORUS_READ_CSV_PARSE ?? 'on') !== 'off';
const seedDir = path.resolve(repoRoot, '../shared/data');
const dataDir = path.join(here, '.data', 'chorus-read');

const loadAtStart = loadAverage();
const files = [];
for (const size of [Math.round(lines / 10), lines]) {
  const made = await infBud53File(dataDir, seedDir, size);
  console.log(
    `${made.file} : ${n(size)} lignes, ${n(made.bytes / 1e6)} Mo${made.generatedMs === null ? ' (déjà écrit)' : `, écrit en ${n(made.generatedMs / 1000)} s`}`,
  );
  files.push({ size, ...made });
}

interface Row {
  readonly label: string;
  readonly size: number;
  readonly runs: Measure[];
}
const rows: Row[] = [];
const phases: [Mode, string][] = [
  ['reader', 'readChorusFile (lecteur complet)'],
  ['floor', 'plancher : latin1 + split, sans normaliser'],
  ...(withCsvParse ? ([['csv-parse', 'csv-parse 7 (enregistrements seuls)']] as [Mode, string][]) : []),
];
for (const { size, file } of files) {
  for (const [mode, label] of phases) {
    if (mode !== 'reader' && size !== lines) continue;
    const measured: Measure[] = [];
    for (let run = 0; run < (mode === 'csv-parse' ? 1 : runs); run++)
      measured.push(await inChild(mode, file));
    rows.push({ label, size, runs: measured });
  }
}

const perSecond = (m: Measure, ms: number) => (m.lines / ms) * 1000;
console.log(
  `\nLecture d'un rapport INF-BUD-53 (AE) depuis le disque, morceaux de 64 Kio, un processus par mesure\n`,
);
console.log(
  renderTable(
    [
      'mesure',
      'lignes',
      'mesures',
      'lignes/s (médiane, horloge)',
      'lignes/s (médiane, CPU)',
      'meilleure',
      'RSS avant',
      'RSS max',
      'problèmes',
      'total (€)',
    ],
    rows.map(({ label, size, runs: measured }) => {
      const wall = summarise(measured.map((m) => perSecond(m, m.wallMs)));
      const cpu = summarise(measured.map((m) => perSecond(m, m.cpuMs)));
      const first = measured[0] as Measure;
      const target = label.startsWith('readChorusFile') && size === lines;
      return [
        label,
        n(size),
        String(measured.length),
        target ? `${n(wall.median)} ${verdict(wall.median, TARGET_LINES_PER_SECOND, true)}` : n(wall.median),
        n(cpu.median),
        n(wall.max),
        `${n(first.rssBeforeMb)} Mo`,
        `${n(summarise(measured.map((m) => m.peakRssMb)).max)} Mo`,
        first.mode === 'reader' ? String(first.problems) : '–',
        first.mode === 'reader' ? n(first.totalCents / 100) : '–',
      ];
    }),
  ),
);
console.log(
  `\nObjectif : lecture seule ≥ ${n(TARGET_LINES_PER_SECOND)} lignes/s (médiane, horloge) ; ` +
    'la mémoire ne doit pas croître avec le fichier (RSS max, petit et grand fichier).',
);
const machine = describeMachine();
console.log(
  `Machine : ${machine.cpu}, ${machine.cores} cœurs, ${machine.memoryGb} Go, Node ${machine.node}, ${machine.platform} ; ` +
    `charge ${loadAtStart} au début, ${loadAverage()} à la fin`,
);
