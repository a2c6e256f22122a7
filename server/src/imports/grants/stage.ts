/**
 * The analysis pass of a grant file: every line read once, checked, placed (place.ts) and written
 * as the dataset's row to the job's own staging table (`grants_import__job_<id>`), which no query
 * reads. Nothing of the dataset changes here; confirming the job swaps the rows in (apply.ts).
 */
import { BENEFICIARY_TYPE_LABELS } from '../../seed/beneficiary-types.ts';
import type { GeoReference } from '../../seed/geo-reference.ts';
import type { SearchColumns } from '../../seed/search-columns.ts';
import type { TableDefinition, Warehouse } from '../../warehouse/types.ts';
import { chorusBeneficiaryType, type StageCounters } from '../chorus/stage.ts';
import { MAX_STORED_PROBLEMS, type NewProblem } from '../jobs.ts';
import { headerKey } from './layouts.ts';
import type { GrantPlacement, GrantPlacer } from './place.ts';
import type { France2030Line, GrantDataset, GrantItem, GrantLine, SubventionLine } from './records.ts';
import { FRANCE_2030_SEARCH, FRANCE_2030_TABLE, SUBVENTIONS_SEARCH, SUBVENTIONS_TABLE } from './tables.ts';

export const grantStagedTable = (jobId: number) => `grants_import__job_${jobId}`;

export const GRANT_TABLE_OF: Record<GrantDataset, { table: TableDefinition; search: SearchColumns }> = {
  subventions_operateurs: { table: SUBVENTIONS_TABLE, search: SUBVENTIONS_SEARCH },
  france_2030_laureats: { table: FRANCE_2030_TABLE, search: FRANCE_2030_SEARCH },
};

/**
 * What a new file replaces: an SCDL file holds the aids of its attribuant (the operator
 * publishing it), so it replaces that attribuant's lines only; the France 2030 list is published
 * whole and replaces the dataset.
 */
export function sourceKey(line: GrantLine): string {
  if (line.dataset === 'france_2030_laureats') return 'france_2030';
  return `scdl:${line.attribuantSiret ?? headerKey(line.attribuantNom)}`;
}

/** A beneficiary's code: its SIRET, else its name in upper case with spaces collapsed. */
const beneficiaryCode = (siret: string | null, name: string) =>
  siret ?? name.toUpperCase().replace(/\s+/g, ' ').trim();

const euros = (cents: number | null) => (cents === null ? null : cents / 100);

function placeColumns(p: GrantPlacement, geo: GeoReference): unknown[] {
  const labels = geo.labels(p);
  return [
    p.commune,
    labels.commune_label,
    p.epci,
    labels.epci_label,
    p.departement,
    labels.departement_label,
    p.region,
    labels.region_label,
    p.level,
  ];
}

function subventionRow(jobId: number, line: SubventionLine, p: GrantPlacement, geo: GeoReference): unknown[] {
  const type = chorusBeneficiaryType(line.beneficiaireSiret, line.beneficiaireNom);
  return SUBVENTIONS_SEARCH.extend([
    jobId,
    line.line,
    sourceKey(line),
    line.attribuantSiret ?? line.attribuantNom,
    line.attribuantNom,
    beneficiaryCode(line.beneficiaireSiret, line.beneficiaireNom),
    line.beneficiaireNom,
    type,
    BENEFICIARY_TYPE_LABELS[type],
    line.objet,
    line.nature,
    line.referenceDecision,
    line.conditionsVersement,
    line.datesPeriodeVersement,
    line.notificationUe,
    line.pourcentageSubvention,
    line.dateConvention,
    Number(line.dateConvention.slice(0, 4)),
    line.montantCents / 100,
    ...placeColumns(p, geo),
  ]);
}

function france2030Row(jobId: number, line: France2030Line, p: GrantPlacement, geo: GeoReference): unknown[] {
  return FRANCE_2030_SEARCH.extend([
    jobId,
    line.line,
    sourceKey(line),
    line.operateur,
    line.procedure,
    line.projet,
    beneficiaryCode(line.beneficiaireSiret, line.beneficiaireNom),
    line.beneficiaireNom,
    line.typologie,
    line.strategie,
    line.objectifCode,
    line.objectifLabel,
    line.acteurEmergent,
    line.regions,
    line.localisation,
    line.dateDecision,
    Number(line.dateDecision.slice(0, 4)),
    euros(line.subventionCents),
    euros(line.avanceCents),
    line.aideCents / 100,
    ...placeColumns(p, geo),
  ]);
}

export interface GrantStageOptions {
  readonly warehouse: Warehouse;
  readonly jobId: number;
  readonly dataset: GrantDataset;
  readonly items: AsyncIterable<GrantItem>;
  readonly placer: GrantPlacer;
  readonly geo: GeoReference;
  onProblems(problems: NewProblem[]): Promise<void>;
  onProgress(counters: Readonly<StageCounters>): Promise<void>;
  readonly signal?: AbortSignal;
}

const PROGRESS_EVERY = 5_000;

/** Reads every item into the staging table; returns the counters (throws what the reader throws). */
export async function stageGrantLines(options: GrantStageOptions): Promise<StageCounters> {
  const { jobId, placer, geo } = options;
  const counters: StageCounters = {
    linesRead: 0,
    linesValid: 0,
    linesRejected: 0,
    linesZero: 0,
    problemsTotal: 0,
  };
  let pending: NewProblem[] = [];
  let stored = 0;
  let lastRejected = -1;
  async function* rows(): AsyncGenerator<unknown[]> {
    for await (const item of options.items) {
      if (item.kind === 'problem') {
        counters.problemsTotal++;
        if (item.value.line !== lastRejected) {
          counters.linesRejected++;
          counters.linesRead++;
          lastRejected = item.value.line;
        }
        if (stored < MAX_STORED_PROBLEMS) {
          stored++;
          pending.push({ kind: 'rejet', ...item.value });
        }
        continue;
      }
      const line = item.value;
      counters.linesRead++;
      counters.linesValid++;
      if (line.dataset === 'subventions_operateurs') {
        yield subventionRow(jobId, line, placer.place(line.beneficiaireSiret), geo);
      } else {
        const p = placer.place(line.beneficiaireSiret, {
          departement: line.localisation,
          regions: line.regions,
        });
        yield france2030Row(jobId, line, p, geo);
      }
      if (counters.linesRead % PROGRESS_EVERY === 0) {
        if (options.signal?.aborted) throw new Error('analyse interrompue');
        const batch = pending;
        pending = [];
        await options.onProblems(batch);
        await options.onProgress(counters);
      }
    }
  }
  const { table } = GRANT_TABLE_OF[options.dataset];
  await options.warehouse.replaceTable({ name: grantStagedTable(jobId), columns: table.columns }, rows());
  await options.onProblems(pending);
  await options.onProgress(counters);
  return counters;
}
