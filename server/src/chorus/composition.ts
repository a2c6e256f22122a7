import { chorusLignes } from '../catalogue/datasets/chorus-lignes.ts';
import { withCurrentTags } from '../tags/tagged.ts';
import { quoteIdentifier, type RebuiltTable, type Warehouse } from '../warehouse/types.ts';
import { ensureLabelsTable, LABELS_TABLE, QPV_LIEU_TABLE, WHOLE_EJ } from './referentials.ts';
import {
  CHORUS_DEMO,
  CHORUS_DEMO_TABLE,
  CHORUS_IMPORT,
  CHORUS_IMPORT_TABLE,
  CHORUS_LIGNES_COLUMNS,
  CHORUS_ORIGINS,
  CHORUS_ROLLUPS,
  CHORUS_TABLE,
  IMPORT_ONLY_COLUMNS,
  QPV_ALL_COLUMNS,
  REFERENCE_LABEL_COLUMNS,
} from './tables.ts';

/**
 * `chorus_lignes` recomposed in the engine (no line crosses into JS, portable SQL):
 * - imported AE, one line per (EJ, poste): amounts summed over every slice that holds the pair,
 *   descriptive columns from its earliest row, CP of the same (EJ, poste) summed onto it;
 * - imported CP whose (EJ, poste) has no imported AE (or no EJ at all): their own line, « CP
 *   orphelin », one per (EJ, poste) or, without EJ, per payment request;
 * - demo lines of every (année, région) that no import covers;
 * each with the labels of its domaine fonctionnel and centre de coûts, and the ministère of its
 * programme, from the imported « Calculette » (`ref_chorus_libelles`, referentials.ts), and
 * split between the quartiers prioritaires the imported `qpv_lieu_action` file gives its EJ
 * (`ref_qpv_lieu_action`, `placedInQuartiers`).
 */

const q = quoteIdentifier;
const LABEL_NAMES = new Set(REFERENCE_LABEL_COLUMNS.map((c) => c.name));
/** The columns the three kinds of lines give; the labels come after, joined once. */
const LINE_NAMES = CHORUS_LIGNES_COLUMNS.map((c) => c.name).filter((name) => !LABEL_NAMES.has(name));

/** `chorus_lignes`'s columns read from `alias`, some computed instead (`overrides`). */
function selectList(overrides: Record<string, string>, alias: string): string {
  return LINE_NAMES.map((name) =>
    name in overrides ? `${overrides[name]} AS ${q(name)}` : `${alias}.${q(name)}`,
  ).join(', ');
}

const text = (value: string) => `'${value.replace(/'/g, "''")}'`;
/** Imported lines have no quartier (Chorus extracts do not say it; `qpv_lieu_action` does). */
const NO_QPV = Object.fromEntries(QPV_ALL_COLUMNS.map((c) => [c.name, 'NULL']));

/**
 * The lines with the quartiers the imported `qpv_lieu_action` file gives their EJ (referentials.ts):
 * a line whose EJ it names (that year, or every year when it gives none) becomes one line per
 * quartier, with `ROUND(amount × share, 2)` of its AE and CP, and one line without a quartier
 * with the rest — the « NR » shares, what the file does not place, the rounding cents — when
 * there is any. Amounts are summed exactly (DECIMAL on both engines), so an EJ's total never
 * changes. Other lines keep their own quartier (demo lines have one, imported lines none).
 * `lines` is read twice (lines the file names are few: numbered, then split); the shares are
 * `part × 0.0001`, an exact decimal (a division would be a DOUBLE on DuckDB).
 */
function placedInQuartiers(lines: string, table: (name: string) => string): string {
  const shares = table(QPV_LIEU_TABLE);
  const named = `SELECT 1 FROM ${shares} m WHERE m.ej = l.ej AND (m.annee = l.annee OR m.annee IS NULL)`;
  const part = (column: string) => `ROUND(t.${q(column)} * (m.part * 0.0001), 2)`;
  const parts = `
    SELECT t.cle, m.qpv, m.qpv_label, m.qpv_search, ${part('montant_ae')} AS ae, ${part('montant_cp')} AS cp, m.part
    FROM touchees t JOIN ${shares} m ON m.ej = t.ej AND (m.annee = t.annee OR m.annee IS NULL)
    WHERE m.qpv IS NOT NULL`;
  const inQuartier = selectList(
    {
      montant_ae: 'p.ae',
      montant_cp: 'p.cp',
      qpv: 'p.qpv',
      qpv_label: 'p.qpv_label',
      qpv_search: 'p.qpv_search',
    },
    't',
  );
  const rest = selectList(
    {
      montant_ae: 't.montant_ae - COALESCE(s.ae, 0)',
      montant_cp: 't.montant_cp - COALESCE(s.cp, 0)',
      ...NO_QPV,
    },
    't',
  );
  return `
    WITH touchees AS MATERIALIZED (
      SELECT l.*, ROW_NUMBER() OVER () AS cle FROM (${lines}) l WHERE EXISTS (${named})
    ),
    parties AS MATERIALIZED (${parts}),
    sommes AS (SELECT cle, SUM(ae) AS ae, SUM(cp) AS cp, SUM(part) AS part FROM parties GROUP BY cle)
    SELECT ${LINE_NAMES.map((name) => `l.${q(name)}`).join(', ')} FROM (${lines}) l WHERE NOT EXISTS (${named})
    UNION ALL
    SELECT ${inQuartier} FROM touchees t JOIN parties p ON p.cle = t.cle
    UNION ALL
    SELECT ${rest} FROM touchees t LEFT JOIN sommes s ON s.cle = t.cle
    WHERE COALESCE(s.part, 0) < ${WHOLE_EJ} OR t.montant_ae <> COALESCE(s.ae, 0) OR t.montant_cp <> COALESCE(s.cp, 0)`;
}

function linesSelect(table: (name: string) => string, quartiers: boolean): string {
  const imported = table(CHORUS_IMPORT_TABLE);
  const demo = table(CHORUS_DEMO_TABLE);
  const ae = `
    SELECT i.*,
      SUM(montant_ae) OVER (PARTITION BY ej, poste_ej) AS total_ae,
      ROW_NUMBER() OVER (PARTITION BY ej, poste_ej ORDER BY date_engagement, import_id DESC, ligne_fichier) AS rang
    FROM ${imported} i WHERE kind = 'ae'`;
  const cp = `
    SELECT ej, poste_ej, SUM(montant_cp) AS total_cp FROM ${imported}
    WHERE kind = 'cp' AND ej IS NOT NULL AND poste_ej IS NOT NULL GROUP BY ej, poste_ej`;
  const orphans = `
    SELECT i.*,
      SUM(montant_cp) OVER (PARTITION BY ej, poste_ej, dp) AS total_cp,
      ROW_NUMBER() OVER (PARTITION BY ej, poste_ej, dp ORDER BY annee, import_id DESC, ligne_fichier) AS rang
    FROM ${imported} i
    WHERE kind = 'cp' AND NOT EXISTS (
      SELECT 1 FROM ${imported} a WHERE a.kind = 'ae' AND a.ej = i.ej AND a.poste_ej = i.poste_ej)`;
  const covered = `SELECT DISTINCT annee, region FROM ${imported} WHERE region IS NOT NULL`;
  const linked = selectList(
    {
      montant_ae: 'a.total_ae',
      montant_cp: 'COALESCE(c.total_cp, 0)',
      origine: text('importe'),
      origine_label: text(CHORUS_ORIGINS.importe),
      ...NO_QPV,
    },
    'a',
  );
  const orphan = selectList(
    {
      montant_ae: '0',
      montant_cp: 'o.total_cp',
      origine: text('cp_orphelin'),
      origine_label: text(CHORUS_ORIGINS.cp_orphelin),
      ...NO_QPV,
    },
    'o',
  );
  const demoList = selectList(
    {
      origine: text('demo'),
      origine_label: text(CHORUS_ORIGINS.demo),
      ...Object.fromEntries(IMPORT_ONLY_COLUMNS.map((c) => [c.name, 'NULL'])),
    },
    'd',
  );
  const lines = `
    SELECT ${linked} FROM (${ae}) a LEFT JOIN (${cp}) c ON c.ej = a.ej AND c.poste_ej = a.poste_ej
    WHERE a.rang = 1
    UNION ALL
    SELECT ${orphan} FROM (${orphans}) o WHERE o.rang = 1
    UNION ALL
    SELECT ${demoList} FROM ${demo} d
    WHERE NOT EXISTS (SELECT 1 FROM (${covered}) v WHERE v.annee = d.annee AND v.region = d.region)`;
  // One label per (kind, code) whatever the table holds: a join never multiplies a line.
  const labels = (kind: string) =>
    `(SELECT code, MIN(label) AS label, MIN(ministere) AS ministere FROM ${table(LABELS_TABLE)}
      WHERE kind = ${text(kind)} GROUP BY code)`;
  return `
    SELECT ${LINE_NAMES.map((name) => `u.${q(name)}`).join(', ')},
      df.label AS domaine_fonctionnel_label, cc.label AS centre_couts_label,
      pr.ministere AS ministere, mi.label AS ministere_label, gm.label AS groupe_marchandise_label
    FROM (${quartiers ? placedInQuartiers(lines, table) : lines}) u
    LEFT JOIN ${labels('domaine_fonctionnel')} df ON df.code = u.domaine_fonctionnel
    LEFT JOIN ${labels('centre_couts')} cc ON cc.code = u.centre_couts
    LEFT JOIN ${labels('programme')} pr ON pr.code = u.programme
    LEFT JOIN ${labels('ministere')} mi ON mi.code = pr.ministere
    LEFT JOIN ${labels('groupe_marchandise')} gm ON gm.code = u.groupe_marchandise`;
}

/**
 * `chorus_lignes` and its rollups, rebuilt from `chorus_import_lignes` and `chorus_demo`, placed in
 * the quartiers of the imported `qpv_lieu_action` file once there is one (`quartiers`: it is
 * rebuilt in the same call, so not there yet the first time), tagged by the rules in force (demo
 * and imported lines alike).
 */
export async function chorusLignesRebuild(
  warehouse: Warehouse,
  options: { readonly quartiers?: boolean } = {},
): Promise<RebuiltTable> {
  const quartiers = options.quartiers ?? (await warehouse.tableExists(QPV_LIEU_TABLE));
  return withCurrentTags(
    warehouse,
    {
      name: CHORUS_TABLE,
      columns: CHORUS_LIGNES_COLUMNS,
      select: (table) => linesSelect(table, quartiers),
      derived: CHORUS_ROLLUPS,
    },
    chorusLignes,
  );
}

/**
 * `chorus_import_lignes` with the slices an import covers replaced by its rows (same columns):
 * every (kind, année, région) the new rows hold loses its previous rows; others stay. `incoming`
 * is a table name, or a SELECT giving the rows (computed once, in the engine: an import's summed
 * lines are not written anywhere else).
 */
export function importedLinesRebuild(
  incoming: string | ((table: (name: string) => string) => string),
): RebuiltTable {
  const columns = CHORUS_IMPORT.columns.map((c) => q(c.name)).join(', ');
  return {
    name: CHORUS_IMPORT_TABLE,
    columns: CHORUS_IMPORT.columns,
    select: (table) => {
      const rows = typeof incoming === 'string' ? `SELECT * FROM ${table(incoming)}` : incoming(table);
      return `
        WITH incoming AS MATERIALIZED (${rows}),
        slices AS (SELECT DISTINCT kind, annee, region FROM incoming)
        SELECT ${columns} FROM ${table(CHORUS_IMPORT_TABLE)} p
        WHERE NOT EXISTS (
          SELECT 1 FROM slices s
          WHERE s.kind = p.kind AND s.annee = p.annee
            AND (s.region = p.region OR (s.region IS NULL AND p.region IS NULL)))
        UNION ALL SELECT ${columns} FROM incoming`;
    },
  };
}

/** Creates the parts `chorus_lignes` is composed from when missing (a first start, a first import). */
export async function ensureChorusParts(warehouse: Warehouse): Promise<void> {
  for (const table of [CHORUS_DEMO, CHORUS_IMPORT]) {
    if (!(await warehouse.tableExists(table.name))) await warehouse.replaceTable(table, []);
  }
  // Imported lines kept from before a column was added: it is added, empty (both engines).
  for (const column of IMPORT_ONLY_COLUMNS) {
    await warehouse.query(
      `ALTER TABLE ${q(CHORUS_IMPORT_TABLE)} ADD COLUMN IF NOT EXISTS ${q(column.name)} TEXT`,
    );
  }
  await ensureLabelsTable(warehouse);
}

const locks = new WeakMap<Warehouse, Promise<unknown>>();

/**
 * Runs `work` alone among this process's Chorus recompositions on `warehouse` (the seed loader
 * and import jobs): DuckDB refuses two transactions replacing the same table at once.
 * PostgreSQL servers also lock each other out (advisory locks in `rebuildTables`).
 */
export function withChorusLock<T>(warehouse: Warehouse, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(warehouse) ?? Promise.resolve();
  const run = previous.then(work, work);
  locks.set(
    warehouse,
    run.catch(() => undefined),
  );
  return run;
}
