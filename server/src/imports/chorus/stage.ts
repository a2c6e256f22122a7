import { foldForSearch, SEARCH_SEPARATOR } from '@dataetat/widgets';
import { nextTurn } from '../../query/budget.ts';
import {
  BENEFICIARY_TYPE_LABELS,
  type BeneficiaryType,
  publicTypeFromSiren,
} from '../../seed/beneficiary-types.ts';
import type { ColumnDefinition, Warehouse } from '../../warehouse/types.ts';
import type { FileCoverage } from '../coverage.ts';
import { MAX_STORED_PROBLEMS, type NewProblem } from '../jobs.ts';
import type { ChorusLine, LineProblem, ReadItem } from './records.ts';

/**
 * The analysis pass: every line of the file read once, checked and written, as normalised, to
 * the job's own staging table (`chorus_import__job_<id>`), which no query reads. Nothing of the
 * dataset changes here; confirming the job turns the staged lines into the dataset's (apply.ts).
 * Memory stays flat: lines stream from the reader to the engine, problems beyond the first
 * MAX_STORED_PROBLEMS are only counted.
 */

export const stagedTable = (jobId: number) => `chorus_import__job_${jobId}`;

/** One staged line: the reader's record, the beneficiary resolved, the amount in euros. */
export const STAGED_COLUMNS: readonly ColumnDefinition[] = [
  { name: 'kind', type: 'text' },
  { name: 'ligne_fichier', type: 'integer' },
  { name: 'ej', type: 'text' },
  { name: 'poste_ej', type: 'integer' },
  { name: 'dp', type: 'text' },
  { name: 'annee', type: 'integer' },
  { name: 'date_engagement', type: 'date' },
  { name: 'programme', type: 'text' },
  { name: 'domaine_fonctionnel', type: 'text' },
  { name: 'referentiel_programmation', type: 'text' },
  { name: 'centre_couts', type: 'text' },
  { name: 'beneficiaire', type: 'text' },
  { name: 'beneficiaire_label', type: 'text' },
  { name: 'beneficiaire_search', type: 'text' },
  { name: 'type_beneficiaire', type: 'text' },
  { name: 'type_beneficiaire_label', type: 'text' },
  { name: 'localisation', type: 'text' },
  { name: 'region_ligne', type: 'text' },
  { name: 'montant', type: 'amount' },
  { name: 'groupe_marchandise', type: 'text' },
];

const COMPANY_FORM = /\b(SAS|SASU|SARL|EURL|SA|SEM|SAEM|SPL|SCOP|SCIC|SNC|GIE)\b/;
const ASSOCIATION = /\bASSOC(IATION)?\b/;

/**
 * SIREN 1… État, 2… collectivité (INSEE numbering of public-law persons); otherwise the name
 * shows a company form (entreprise) or an association, else « autre »: an approximation,
 * documented in the catalogue, until a SIRENE lookup is available.
 */
export function chorusBeneficiaryType(siret: string | null, name: string | null): BeneficiaryType {
  const publicType = siret ? publicTypeFromSiren(siret) : null;
  if (publicType) return publicType;
  const upper = (name ?? '').toUpperCase();
  if (COMPANY_FORM.test(upper)) return 'entreprise';
  if (ASSOCIATION.test(upper)) return 'association';
  return 'autre';
}

/** A line as its staged row; `null` only for amounts of zero (dropped before summing). */
export function stagedRow(
  line: ChorusLine,
  searchOf: (code: string | null, label: string | null) => string | null,
  typeOf: (siret: string | null, name: string | null) => BeneficiaryType = chorusBeneficiaryType,
) {
  const beneficiaire = line.siret ?? line.fournisseur;
  const type = typeOf(line.siret, line.fournisseurLabel);
  const isAe = line.kind === 'ae';
  return [
    line.kind,
    line.line,
    line.ej,
    line.posteEj,
    isAe ? null : line.dp,
    isAe ? Number(line.dateEngagement.slice(0, 4)) : line.annee,
    isAe ? line.dateEngagement : null,
    line.programme,
    line.domaineFonctionnel,
    line.referentielProgrammation,
    line.centreCouts,
    beneficiaire,
    line.fournisseurLabel,
    searchOf(beneficiaire, line.fournisseurLabel),
    type,
    BENEFICIARY_TYPE_LABELS[type],
    line.localisationInterministerielle,
    line.region,
    line.montantCents / 100,
    line.groupeMarchandise,
  ];
}

export interface StageCounters {
  /** Lines read (valid and rejected). */
  linesRead: number;
  linesValid: number;
  /** Lines with at least one problem. */
  linesRejected: number;
  /** Valid lines of amount zero (not imported: nothing committed nor paid). */
  linesZero: number;
  problemsTotal: number;
}

export interface StageOptions {
  readonly warehouse: Warehouse;
  readonly jobId: number;
  readonly items: AsyncIterable<ReadItem>;
  /** Notes the years and régions of the lines as they are read. */
  readonly coverage?: FileCoverage;
  /** Called with the stored share of problems as they come (the rest are only counted). */
  onProblems(problems: NewProblem[]): Promise<void>;
  /** Called every few hundred milliseconds with the counters so far. */
  onProgress(counters: Readonly<StageCounters>): Promise<void>;
  readonly signal?: AbortSignal;
}

/** Longest stretch of line handling before other requests get a turn. */
const SLICE_MS = 10;
const PROGRESS_MS = 500;

/** Reads every item into the staging table; returns the counters (throws what the reader throws). */
export async function stageChorusLines(options: StageOptions): Promise<StageCounters> {
  const counters: StageCounters = {
    linesRead: 0,
    linesValid: 0,
    linesRejected: 0,
    linesZero: 0,
    problemsTotal: 0,
  };
  // searchText(code, label), its parts folded apart: labels repeat (a few thousand suppliers),
  // codes (SIRETs) rarely do but fold at once (already folded ASCII).
  const folded = new Map<string, string>();
  const fold = (text: string) => {
    let value = folded.get(text);
    if (value === undefined) {
      value = foldForSearch(text);
      if (folded.size < 100_000) folded.set(text, value);
    }
    return value;
  };
  const searchOf = (code: string | null, label: string | null) => {
    if (code === null) return label === null ? null : fold(label);
    return label === null ? foldForSearch(code) : foldForSearch(code) + SEARCH_SEPARATOR + fold(label);
  };
  // The type read from a name (no public SIREN) is the same for every line of that name.
  const typeByName = new Map<string | null, BeneficiaryType>();
  const typeOf = (siret: string | null, name: string | null): BeneficiaryType => {
    const publicType = siret ? publicTypeFromSiren(siret) : null;
    if (publicType) return publicType;
    let type = typeByName.get(name);
    if (type === undefined) {
      type = chorusBeneficiaryType(null, name);
      if (typeByName.size < 100_000) typeByName.set(name, type);
    }
    return type;
  };
  let pending: NewProblem[] = [];
  let stored = 0;
  let lastRejected = -1;
  const flushProblems = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await options.onProblems(batch);
  };
  const noteProblem = (problem: LineProblem) => {
    counters.problemsTotal++;
    if (problem.line !== lastRejected) {
      counters.linesRejected++;
      counters.linesRead++;
      lastRejected = problem.line;
    }
    if (stored < MAX_STORED_PROBLEMS) {
      stored++;
      pending.push({ kind: 'rejet', ...problem });
    }
  };

  async function* rows(): AsyncGenerator<unknown[]> {
    let sliceStart = performance.now();
    let lastProgress = sliceStart;
    for await (const item of options.items) {
      if (item.kind === 'problem') noteProblem(item.value);
      else {
        options.coverage?.note(item.value);
        counters.linesRead++;
        counters.linesValid++;
        if (item.value.montantCents === 0) counters.linesZero++;
        else yield stagedRow(item.value, searchOf, typeOf);
      }
      if ((counters.linesRead & 1023) === 0) {
        const now = performance.now();
        if (now - sliceStart >= SLICE_MS) {
          if (options.signal?.aborted) throw new Error('analyse interrompue');
          if (now - lastProgress >= PROGRESS_MS) {
            lastProgress = now;
            await flushProblems();
            await options.onProgress(counters);
          }
          await nextTurn();
          sliceStart = performance.now();
        }
      }
    }
  }

  await options.warehouse.replaceTable({ name: stagedTable(options.jobId), columns: STAGED_COLUMNS }, rows());
  await flushProblems();
  await options.onProgress(counters);
  return counters;
}
