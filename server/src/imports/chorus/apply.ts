import { searchText } from '@dataetat/widgets';
import {
  chorusLignesRebuild,
  ensureChorusParts,
  importedLinesRebuild,
  withChorusLock,
} from '../../chorus/composition.ts';
import { CHORUS_IMPORT, CHORUS_IMPORT_TABLE, CHORUS_TABLE } from '../../chorus/tables.ts';
import type { ImportSlice } from '../../metadata/schema.ts';
import type { GeoReference } from '../../seed/geo-reference.ts';
import type { Programme } from '../../seed/programmes.ts';
import { quoteIdentifier, type Warehouse } from '../../warehouse/types.ts';
import { MAX_STORED_PROBLEMS, type NewProblem } from '../jobs.ts';
import type { ChorusPlacer } from './placement.ts';
import { stagedTable } from './stage.ts';

/**
 * Confirming an analysed Chorus import: its staged lines become the dataset's, in the engine.
 * 1. Each distinct (centre de coûts, localisation, région of the line) is placed once (JS,
 *    placement.ts) into a small table, and the programmes' labels and themes into another.
 * 2. One `rebuildTables`: `chorus_import_lignes` with the slices the job's lines cover replaced
 *    by them (AE summed per (EJ, poste, année), CP per (EJ, poste, année) or per payment request
 *    without EJ, zero totals dropped; computed in the same statement), then `chorus_lignes` and
 *    its rollups; all swapped together, or nothing (a crash before COMMIT leaves every table as
 *    it was).
 */

const q = quoteIdentifier;
export const geoTable = (jobId: number) => `chorus_import__job_${jobId}__geo`;
export const linesTable = (jobId: number) => `chorus_import__job_${jobId}__lignes`;
const PROGRAMMES_TABLE = 'chorus_import__programmes';

export interface ApplyOptions {
  readonly warehouse: Warehouse;
  readonly jobId: number;
  readonly kind: 'ae' | 'cp';
  /** The région a regional report covers (named by the administrator); null for national files. */
  readonly region: string | null;
  readonly placer: ChorusPlacer;
  readonly geo: GeoReference;
  readonly programmes: readonly Programme[];
  onPhase(phase: 'localisation' | 'remplacement'): Promise<void>;
}

export interface ApplyResult {
  readonly linesUnplaced: number;
  readonly unplaced: NewProblem[];
  readonly slices: ImportSlice[];
  /** Rows the job added to `chorus_import_lignes` (after summing per EJ and poste). */
  readonly rowsImported: number;
  /** Lines of `chorus_lignes` after the swap. */
  readonly datasetLines: number;
}

async function placeDistinct(options: ApplyOptions): Promise<void> {
  const { warehouse, jobId, placer, geo, region } = options;
  const staged = q(stagedTable(jobId));
  const { rows } = await warehouse.query(
    `SELECT DISTINCT centre_couts, localisation, region_ligne FROM ${staged}`,
  );
  const placed = rows.map(([centre, localisation, lineRegion]) => {
    const p = placer.place(
      centre as string | null,
      localisation as string | null,
      lineRegion as string | null,
      region,
    );
    const labels = geo.labels(p);
    return [
      centre,
      localisation,
      lineRegion,
      p.level ?? 'aucun',
      p.commune,
      labels.commune_label,
      p.epci,
      labels.epci_label,
      p.departement,
      labels.departement_label,
      p.region,
      labels.region_label,
      searchText(p.commune, labels.commune_label),
      searchText(p.epci, labels.epci_label),
      searchText(p.departement, labels.departement_label),
      searchText(p.region, labels.region_label),
    ];
  });
  const text = (name: string) => ({ name, type: 'text' }) as const;
  await warehouse.replaceTable(
    {
      name: geoTable(jobId),
      columns: [
        'centre_couts',
        'localisation',
        'region_ligne',
        'niveau',
        'commune',
        'commune_label',
        'epci',
        'epci_label',
        'departement',
        'departement_label',
        'region',
        'region_label',
        'commune_search',
        'epci_search',
        'departement_search',
        'region_search',
      ].map(text),
    },
    placed,
  );
  await warehouse.replaceTable(
    {
      name: PROGRAMMES_TABLE,
      columns: ['programme', 'programme_label', 'theme', 'programme_search', 'theme_search'].map(text),
    },
    options.programmes.map((p) => [
      p.code,
      p.label,
      p.theme,
      searchText(p.code, p.label),
      searchText(p.theme),
    ]),
  );
}

/** Null-safe equality of a staged line and its placement (codes may be absent). */
const GEO_JOIN = ['centre_couts', 'localisation', 'region_ligne']
  .map((c) => `COALESCE(g.${q(c)}, '') = COALESCE(s.${q(c)}, '')`)
  .join(' AND ');

/**
 * The job's lines, summed per (EJ, poste, année) — per payment request for CP without EJ — each
 * described by its first line in the file. A staged row is one line of the file (`ligne_fichier`
 * is unique), so the first line is a MIN in a narrow GROUP BY joined back, not a window sorting
 * every column.
 */
function jobLines(options: ApplyOptions): string {
  const { jobId, kind } = options;
  const staged = q(stagedTable(jobId));
  // A CP without EJ is its own line per payment request.
  const dpKey = (alias: string) =>
    kind === 'ae' ? 'NULL' : `CASE WHEN ${alias}.ej IS NULL THEN ${alias}.dp END`;
  const key = kind === 'ae' ? 'ej, poste_ej, annee' : `ej, poste_ej, ${dpKey('t')}, annee`;
  const expressions: Record<string, string> = {
    import_id: String(jobId),
    kind: `'${kind}'`,
    ligne_fichier: 's.ligne_fichier',
    dp: 's.dp_cle',
    montant_ae: kind === 'ae' ? 's.total' : '0',
    montant_cp: kind === 'cp' ? 's.total' : '0',
    programme_label: 'p.programme_label',
    theme: 'p.theme',
    programme_search: 'p.programme_search',
    theme_search: 'p.theme_search',
  };
  for (const c of [
    'commune',
    'commune_label',
    'epci',
    'epci_label',
    'departement',
    'departement_label',
    'region',
    'region_label',
    'commune_search',
    'epci_search',
    'departement_search',
    'region_search',
  ]) {
    expressions[c] = `g.${q(c)}`;
  }
  const list = CHORUS_IMPORT.columns
    .map((c) => `${expressions[c.name] ?? `s.${q(c.name)}`} AS ${q(c.name)}`)
    .join(', ');
  return `
      SELECT ${list}
      FROM (
        SELECT t.*, ${dpKey('t')} AS dp_cle, k.total
        FROM (
          SELECT MIN(ligne_fichier) AS premiere, SUM(montant) AS total FROM ${staged} t GROUP BY ${key}
        ) k
        JOIN ${staged} t ON t.ligne_fichier = k.premiere
        WHERE k.total <> 0
      ) s
      LEFT JOIN ${q(geoTable(jobId))} g ON ${GEO_JOIN}
      LEFT JOIN ${q(PROGRAMMES_TABLE)} p ON p.programme = s.programme`;
}

/** Lines kept but not placed at commune level: counted, the first ones listed in the report. */
async function unplacedLines(options: ApplyOptions): Promise<{ count: number; listed: NewProblem[] }> {
  const { warehouse, jobId } = options;
  const from = `FROM ${q(stagedTable(jobId))} s JOIN ${q(geoTable(jobId))} g ON ${GEO_JOIN} WHERE g.niveau <> 'commune'`;
  const [{ rows: total }, { rows }] = await Promise.all([
    warehouse.query(`SELECT count(*) ${from}`),
    warehouse.query(
      `SELECT s.ligne_fichier, s.centre_couts, s.localisation, g.niveau, g.departement_label, g.region_label ${from}
       ORDER BY s.ligne_fichier LIMIT ${MAX_STORED_PROBLEMS}`,
    ),
  ]);
  const listed = rows.map(([line, centre, localisation, level, departement, region]): NewProblem => {
    const where =
      level === 'departement'
        ? `au niveau département (${departement})`
        : level === 'region'
          ? `au niveau région (${region})`
          : 'sans territoire';
    const known = [
      centre ? `centre de coûts ${centre}` : null,
      localisation ? `localisation ${localisation}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    return {
      kind: 'non_localisee',
      line: Number(line),
      column: centre ? 'Centre de coûts' : 'Localisation interministérielle',
      value: String(centre ?? localisation ?? ''),
      reason: `Commune introuvable (${known || 'ni centre de coûts ni localisation'}) : ligne conservée ${where}.`,
    };
  });
  return { count: Number(total[0]?.[0] ?? 0), listed };
}

export async function applyChorusImport(options: ApplyOptions): Promise<ApplyResult> {
  const { warehouse, jobId } = options;
  await options.onPhase('localisation');
  await placeDistinct(options);
  const unplaced = await unplacedLines(options);
  await options.onPhase('remplacement');
  // The summed lines go straight into chorus_import_lignes (no table of their own).
  const lines = jobLines(options);
  const counts = await withChorusLock(warehouse, async () => {
    // A first import before any seed load: the parts (and the Calculette's labels) exist, empty.
    await ensureChorusParts(warehouse);
    return warehouse.rebuildTables([importedLinesRebuild(() => lines), await chorusLignesRebuild(warehouse)]);
  });
  // Only this job's rows carry its id.
  const { rows } = await warehouse.query(
    `SELECT kind, annee, region, count(*) FROM ${q(CHORUS_IMPORT_TABLE)} WHERE import_id = $1
     GROUP BY 1, 2, 3 ORDER BY 2, 3`,
    [jobId],
  );
  await dropJobTables(warehouse, jobId);
  const slices = rows.map(([kind, year, region, n]) => ({
    kind: kind as 'ae' | 'cp',
    year: Number(year),
    region: region as string | null,
    lines: Number(n),
  }));
  return {
    linesUnplaced: unplaced.count,
    unplaced: unplaced.listed,
    slices,
    rowsImported: slices.reduce((sum, slice) => sum + slice.lines, 0),
    datasetLines: counts[CHORUS_TABLE] ?? 0,
  };
}

/** Removes a job's working tables (staged lines, placements, summed lines). */
export async function dropJobTables(warehouse: Warehouse, jobId: number): Promise<void> {
  for (const name of [stagedTable(jobId), geoTable(jobId), linesTable(jobId)])
    await warehouse.dropTable(name);
}
