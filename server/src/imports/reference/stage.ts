import {
  CENTRES_TABLE,
  LABELS_TABLE,
  LOCALISATIONS_TABLE,
  QPV_LIEU_TABLE,
  REFERENTIAL_TABLES,
} from '../../chorus/referentials.ts';
import type { Warehouse } from '../../warehouse/types.ts';
import type { StageCounters } from '../chorus/stage.ts';
import { MAX_STORED_PROBLEMS, type NewProblem } from '../jobs.ts';
import { countContents } from './read-workbook.ts';
import type { ReferenceDataset, ReferenceEntry, ReferenceItem } from './records.ts';

/**
 * The analysis pass of a reference file: every entry checked (the readers did) and written to
 * the job's staging table, shaped as the referential's own table; nothing the queries or the
 * placement read changes before the job is confirmed (apply.ts).
 */

export const referenceStagedTable = (jobId: number) => `reference_import__job_${jobId}`;

/** The warehouse table each referential replaces. */
export const REFERENCE_TABLE_OF = {
  referentiel_calculette: LABELS_TABLE,
  referentiel_centres_couts: CENTRES_TABLE,
  referentiel_localisations: LOCALISATIONS_TABLE,
  referentiel_qpv_lieu_action: QPV_LIEU_TABLE,
} as const satisfies Record<ReferenceDataset, keyof typeof REFERENTIAL_TABLES>;

export interface ReferenceStageResult {
  readonly counters: StageCounters;
  /** Entries per kind (« 14 ministères, 3 programmes… »). */
  readonly contents: { id: string; label: string; count: number }[];
}

export async function stageReferenceEntries(options: {
  readonly warehouse: Warehouse;
  readonly jobId: number;
  readonly dataset: ReferenceDataset;
  readonly items: AsyncIterable<ReferenceItem>;
  onProblems(problems: NewProblem[]): Promise<void>;
  readonly signal?: AbortSignal;
}): Promise<ReferenceStageResult> {
  const counters: StageCounters = {
    linesRead: 0,
    linesValid: 0,
    linesRejected: 0,
    linesZero: 0,
    problemsTotal: 0,
  };
  const entries: ReferenceEntry[] = [];
  const problems: NewProblem[] = [];
  for await (const item of options.items) {
    if (options.signal?.aborted) throw new Error('analyse abandonnée');
    counters.linesRead++;
    if (item.kind === 'line') {
      counters.linesValid++;
      entries.push(item.value);
      continue;
    }
    counters.linesRejected++;
    counters.problemsTotal++;
    if (problems.length < MAX_STORED_PROBLEMS) problems.push({ kind: 'rejet', ...item.value });
  }
  await options.onProblems(problems);
  const table = REFERENTIAL_TABLES[REFERENCE_TABLE_OF[options.dataset]];
  await options.warehouse.replaceTable(
    { name: referenceStagedTable(options.jobId), columns: table.columns },
    entries.map((e) => [options.jobId, ...e.row]),
  );
  return { counters, contents: countContents(entries) };
}
