import { chorusLignesRebuild, ensureChorusParts, withChorusLock } from '../../chorus/composition.ts';
import { REFERENTIAL_TABLES } from '../../chorus/referentials.ts';
import { CHORUS_TABLE } from '../../chorus/tables.ts';
import type { ImportSlice } from '../../metadata/schema.ts';
import { quoteIdentifier, type RebuiltTable, type Warehouse } from '../../warehouse/types.ts';
import type { NewProblem } from '../jobs.ts';
import { RECOMPOSES_CHORUS, REFERENCE_DATASETS, type ReferenceDataset } from './records.ts';
import { REFERENCE_TABLE_OF, referenceStagedTable } from './stage.ts';

/**
 * Confirming an analysed reference import: its staged entries become the referential, whole, in
 * one `rebuildTables`. The Calculette's labels and the `qpv_lieu_action` quartiers are part of
 * `chorus_lignes` (composition.ts): it is recomposed in the same transaction, so no query ever
 * sees new labels or quartiers on old lines or the reverse. The centres de coûts and
 * localisations referentials are read by the next Chorus imports' placement; the lines already
 * imported keep their place.
 */

const q = quoteIdentifier;

export interface ReferenceApplyResult {
  readonly linesUnplaced: number;
  readonly unplaced: NewProblem[];
  readonly slices: ImportSlice[];
  readonly rowsImported: number;
  /** Entries in the referential after the swap. */
  readonly datasetLines: number;
  /** Lines of `chorus_lignes` recomposed with the referential (RECOMPOSES_CHORUS), null for the others. */
  readonly chorusLines: number | null;
}

export async function applyReferenceImport(options: {
  readonly warehouse: Warehouse;
  readonly jobId: number;
  readonly dataset: ReferenceDataset;
  onPhase(phase: 'localisation' | 'remplacement'): Promise<void>;
}): Promise<ReferenceApplyResult> {
  const { warehouse, jobId, dataset } = options;
  const target = REFERENTIAL_TABLES[REFERENCE_TABLE_OF[dataset]];
  const staged = referenceStagedTable(jobId);
  await options.onPhase('remplacement');
  const names = target.columns.map((c) => q(c.name)).join(', ');
  const referential: RebuiltTable = {
    ...target,
    select: (table) => `SELECT ${names} FROM ${table(staged)}`,
  };
  const recomposes = RECOMPOSES_CHORUS.has(dataset);
  const counts = recomposes
    ? await withChorusLock(warehouse, async () => {
        await ensureChorusParts(warehouse);
        // The quartiers' table is new in this very swap the first time: say it is there.
        const quartiers = dataset === REFERENCE_DATASETS['qpv-lieu-action'] ? { quartiers: true } : {};
        return warehouse.rebuildTables([referential, await chorusLignesRebuild(warehouse, quartiers)]);
      })
    : await warehouse.rebuildTables([referential]);
  await warehouse.dropTable(staged);
  const entries = counts[target.name] ?? 0;
  return {
    linesUnplaced: 0,
    unplaced: [],
    slices: [],
    rowsImported: entries,
    datasetLines: entries,
    chorusLines: recomposes ? (counts[CHORUS_TABLE] ?? 0) : null,
  };
}
