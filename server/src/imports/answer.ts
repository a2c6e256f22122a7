import {
  IMPORT_ENCODING_LABELS,
  IMPORT_PHASE_LABELS,
  IMPORT_STATUS_LABELS,
  type ImportEncoding,
  type ImportJob,
  type ImportPhase,
} from '@dataetat/widgets';
import { CSV_BOM, csvLine } from '../export/csv.ts';
import type { ImportJobRow, ImportProblemRow } from '../metadata/schema.ts';
import { MAX_STORED_PROBLEMS } from './jobs.ts';

const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : [];
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Entries per referential of a reference file (noted when it was analysed). */
function contentsOf(job: ImportJobRow): ImportJob['contents'] {
  const value = job.result.contents;
  if (!Array.isArray(value)) return [];
  return value.filter(
    (c): c is ImportJob['contents'][number] =>
      typeof c === 'object' &&
      c !== null &&
      typeof c.id === 'string' &&
      typeof c.label === 'string' &&
      Number.isInteger(c.count),
  );
}

/** Years and régions the file's lines cover (noted by FileCoverage while they are read). */
export function foundIn(job: ImportJobRow): { years: number[]; regions: string[] } {
  return { years: numbers(job.result.years), regions: strings(job.result.regions) };
}

/** Every région code a job names (its own, its slices', its lines'), to label them. */
export function regionCodesOf(job: ImportJobRow): string[] {
  return [job.region, ...job.slices.map((s) => s.region), ...foundIn(job).regions].filter(
    (code): code is string => typeof code === 'string',
  );
}

/** A job as the API shows it (widgets/src/api/imports.ts). */
export function describeImportJob(
  job: ImportJobRow,
  regionLabel: (code: string | null) => string | null,
): ImportJob {
  const phase = (job.phase in IMPORT_PHASE_LABELS ? job.phase : 'termine') as ImportPhase;
  const { datasetLines, encoding } = job.result;
  const found = foundIn(job);
  return {
    id: job.id,
    dataset: job.dataset,
    status: job.status,
    statusLabel: IMPORT_STATUS_LABELS[job.status],
    phase,
    phaseLabel: IMPORT_PHASE_LABELS[phase],
    progress: Math.max(0, Math.min(1, job.progress)),
    layout:
      job.layout && job.layoutLabel
        ? { id: job.layout, label: job.layoutLabel, carriesRegion: job.carriesRegion ?? false }
        : null,
    encoding:
      typeof encoding === 'string' && encoding in IMPORT_ENCODING_LABELS
        ? (encoding as ImportEncoding)
        : null,
    yearsFound: found.years,
    regionsFound: found.regions.map((code) => ({ code, label: regionLabel(code) })),
    fileName: job.fileName,
    size: job.size,
    sha256: job.sha256,
    mode: job.mode,
    region: job.region,
    regionLabel: regionLabel(job.region),
    author: { id: job.authorId, email: job.authorEmail },
    confirmedBy: job.confirmedByEmail ? { id: job.confirmedById, email: job.confirmedByEmail } : null,
    counters: {
      linesRead: job.linesRead,
      linesValid: job.linesValid,
      linesRejected: job.linesRejected,
      linesUnplaced: job.linesUnplaced,
      problemsTotal: job.problemsTotal,
    },
    // Written by ImportService from the reader's records, in this shape.
    preview: job.preview as unknown as ImportJob['preview'],
    contents: contentsOf(job),
    slices: job.slices.map((s) => ({ ...s, regionLabel: regionLabel(s.region) })),
    datasetLines: typeof datasetLines === 'number' ? datasetLines : null,
    message: job.error,
    createdAt: job.createdAt.toISOString(),
    confirmedAt: job.confirmedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    reportUrl: `/api/imports/${job.id}/rapport.csv`,
  };
}

export const REPORT_COLUMNS = ['Ligne', 'Colonne', 'Valeur', 'Motif'] as const;

/**
 * The report as a French CSV (same conventions as data exports: BOM, `;`, CRLF, formula-looking
 * values made inert): one line per stored problem in file order, then what was only counted.
 */
export function* importReportChunks(
  job: ImportJobRow,
  problems: readonly ImportProblemRow[],
): Generator<Buffer> {
  let text = CSV_BOM + csvLine([...REPORT_COLUMNS]);
  for (const p of problems) text += csvLine([p.line, p.column, p.value, p.reason]);
  const untold = job.problemsTotal - problems.length;
  if (untold > 0) {
    text += csvLine([
      null,
      null,
      null,
      `${untold.toLocaleString('fr-FR')} autre(s) problème(s) non listé(s) : seuls les ${MAX_STORED_PROBLEMS.toLocaleString('fr-FR')} premiers de chaque nature (lignes rejetées, lignes non localisées) sont conservés.`,
    ]);
  }
  yield Buffer.from(text, 'utf8');
}
