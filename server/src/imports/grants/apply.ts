/**
 * Confirming an analysed grant import: one `rebuildTables` swaps in the dataset's table made of
 * its lines from other sources plus the job's staged lines (every line of the same source —
 * `source_cle` — replaced), with one label per code across sources. All or nothing: a failure
 * or a crash before COMMIT leaves the table as it was.
 */
import type { DatasetDefinition } from '@dataetat/widgets';
import { france2030Laureats } from '../../catalogue/datasets/france-2030-laureats.ts';
import { subventionsOperateurs } from '../../catalogue/datasets/subventions-operateurs.ts';
import type { ImportSlice } from '../../metadata/schema.ts';
import { withCurrentTags } from '../../tags/tagged.ts';
import { quoteIdentifier, type Warehouse } from '../../warehouse/types.ts';
import { MAX_STORED_PROBLEMS, type NewProblem } from '../jobs.ts';
import type { GrantDataset } from './records.ts';
import { GRANT_TABLE_OF, grantStagedTable } from './stage.ts';

const q = quoteIdentifier;
const GRANT_DATASET_OF: Record<GrantDataset, DatasetDefinition> = {
  subventions_operateurs: subventionsOperateurs,
  france_2030_laureats: france2030Laureats,
};

/** Code columns whose label (and search text) must be one per code, whatever file brought it. */
const LABELLED: Record<GrantDataset, readonly [string, string, string | null][]> = {
  subventions_operateurs: [
    ['attribuant', 'attribuant_label', 'attribuant_search'],
    ['beneficiaire', 'beneficiaire_label', 'beneficiaire_search'],
  ],
  france_2030_laureats: [
    ['beneficiaire', 'beneficiaire_label', 'beneficiaire_search'],
    ['objectif', 'objectif_label', null],
  ],
};

export interface GrantApplyResult {
  readonly linesUnplaced: number;
  readonly unplaced: NewProblem[];
  readonly slices: ImportSlice[];
  readonly rowsImported: number;
  readonly datasetLines: number;
  /** Replacement keys the file covered (an SCDL file: its attribuants). */
  readonly sourceKeys: string[];
}

const LEVEL_TEXT: Record<string, string> = {
  epci: 'au niveau EPCI',
  departement: 'au niveau département',
  region: 'au niveau région',
};

/** Lines kept but not placed at commune level: counted, the first ones listed in the report. */
async function unplacedLines(warehouse: Warehouse, staged: string) {
  const where = `FROM ${q(staged)} WHERE niveau_localisation IS NULL OR niveau_localisation <> 'commune'`;
  const [{ rows: total }, { rows }] = await Promise.all([
    warehouse.query(`SELECT count(*) ${where}`),
    warehouse.query(
      `SELECT ligne_fichier, beneficiaire, beneficiaire_label, niveau_localisation, epci_label, departement_label, region_label ${where}
       ORDER BY ligne_fichier LIMIT ${MAX_STORED_PROBLEMS}`,
    ),
  ]);
  const listed = rows.map(([line, code, name, level, epci, departement, region]): NewProblem => {
    const at =
      level === 'epci'
        ? `${LEVEL_TEXT.epci} (${epci})`
        : level === 'departement'
          ? `${LEVEL_TEXT.departement} (${departement})`
          : level === 'region'
            ? `${LEVEL_TEXT.region} (${region})`
            : 'sans territoire';
    return {
      kind: 'non_localisee',
      line: Number(line),
      column: 'Bénéficiaire',
      value: String(code ?? ''),
      reason: `Commune du bénéficiaire inconnue (${name ?? code}, SIRET jamais rencontré dans les données importées) : ligne conservée ${at}.`,
    };
  });
  return { count: Number(total[0]?.[0] ?? 0), listed };
}

export async function applyGrantImport(options: {
  readonly warehouse: Warehouse;
  readonly jobId: number;
  readonly dataset: GrantDataset;
  onPhase(phase: 'localisation' | 'remplacement'): Promise<void>;
}): Promise<GrantApplyResult> {
  const { warehouse, jobId, dataset } = options;
  const staged = grantStagedTable(jobId);
  const { table } = GRANT_TABLE_OF[dataset];
  await options.onPhase('localisation');
  const unplaced = await unplacedLines(warehouse, staged);
  const { rows: keyRows } = await warehouse.query(`SELECT DISTINCT source_cle FROM ${q(staged)} ORDER BY 1`);
  await options.onPhase('remplacement');
  const labelled = new Map<string, string>();
  for (const [code, label, search] of LABELLED[dataset]) {
    // The label of the smallest label text, and its search text: the same pair for every line.
    const window = `OVER (PARTITION BY ${q(code)} ORDER BY ${q(label)} NULLS LAST)`;
    labelled.set(label, `first_value(${q(label)}) ${window}`);
    if (search) labelled.set(search, `first_value(${q(search)}) ${window}`);
  }
  const names = table.columns.map((c) => q(c.name)).join(', ');
  const list = table.columns.map((c) => `${labelled.get(c.name) ?? q(c.name)} AS ${q(c.name)}`).join(', ');
  // Every line tagged anew by the rules in force, the kept ones as the new ones.
  const counts = await warehouse.rebuildTables([
    await withCurrentTags(
      warehouse,
      {
        ...table,
        select: (from) => `
        SELECT ${list} FROM (
          SELECT ${names} FROM ${from(table.name)} p
          WHERE p.source_cle NOT IN (SELECT DISTINCT source_cle FROM ${from(staged)})
          UNION ALL SELECT ${names} FROM ${from(staged)}
        ) t`,
      },
      GRANT_DATASET_OF[dataset],
    ),
  ]);
  const { rows } = await warehouse.query(
    `SELECT annee, region, count(*) FROM ${q(staged)} GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const { rows: imported } = await warehouse.query(`SELECT count(*) FROM ${q(staged)}`);
  await warehouse.dropTable(staged);
  return {
    linesUnplaced: unplaced.count,
    unplaced: unplaced.listed,
    slices: rows.map(([year, region, n]) => ({
      kind: 'subvention',
      year: Number(year),
      region: region as string | null,
      lines: Number(n),
    })),
    rowsImported: Number(imported[0]?.[0] ?? 0),
    datasetLines: counts[table.name] ?? 0,
    sourceKeys: keyRows.map((r) => String(r[0])),
  };
}
