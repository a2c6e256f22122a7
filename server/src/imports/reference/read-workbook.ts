/**
 * Reads an Excel workbook deposited for import: the Chorus « Calculette » (sheets « 02 -
 * Ministères », « 03 - Programmes », « 07 - Domaines Fonct. (DF) », « 09 - Centres de coûts
 * (CCOU) », « 19 - Groupe Marchandise », each a few preamble rows, then a header, sometimes on
 * two rows: a group row — « Ministère RPROG », « Programme » — above « Code », « Intitulé »…)
 * or the centres de coûts file (`centre_cout.xlsx`: one sheet, « Ctre coûts, Description,
 * Désignation, Cde postal, Ville » after a few preamble rows). Recognised by its sheets and
 * headers, whatever their row, never by the file name; anything else is refused with what is
 * missing and where.
 */
import ExcelJS from 'exceljs';
import { ImportRefusedError, type LineProblem } from '../chorus/records.ts';
import {
  type CalculetteKind,
  type DetectedReferenceLayout,
  REFERENCE_CONTENT_LABELS,
  REFERENCE_DATASETS,
  type ReferenceEntry,
  type ReferenceItem,
} from './records.ts';
import { foldHeader, normaliseDepartement } from './text.ts';

/** Header rows are looked for in the first rows of a sheet only. */
const HEADER_ROWS = 30;

/** A cell as text (rich text, formula results, numbers as written), null when blank. */
export function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  let raw: unknown = value;
  if (value instanceof Date) raw = value.toISOString().slice(0, 10);
  else if (typeof value === 'object') {
    if ('richText' in value) raw = value.richText.map((r) => r.text).join('');
    else if ('text' in value) raw = value.text;
    else if ('result' in value) raw = value.result ?? null;
    else if ('error' in value) raw = null;
  }
  if (raw === null || raw === undefined) return null;
  const text = String(raw).trim();
  return text === '' ? null : text;
}

/** A column the import needs: its header (folded), under a group header when it is ambiguous. */
interface ColumnSpec {
  readonly name: string;
  readonly group?: string;
  /** Shown in messages. */
  readonly shown: string;
  readonly optional?: boolean;
}

interface SheetSpec {
  readonly kind: CalculetteKind;
  /** Sheet number and a word of its name (folded): « 07 » and « domaines fonct ». */
  readonly number: string;
  readonly word: string;
  /** The sheet's usual name, for messages. */
  readonly name: string;
  readonly columns: {
    readonly code: ColumnSpec;
    readonly label: ColumnSpec;
    readonly ministere?: ColumnSpec;
    readonly departement?: ColumnSpec;
  };
}

const col = (shown: string, group?: string, optional = false): ColumnSpec => ({
  name: foldHeader(shown),
  shown: group ? `${shown} (sous « ${group} »)` : shown,
  ...(group ? { group: foldHeader(group) } : {}),
  ...(optional ? { optional } : {}),
});

export const CALCULETTE_SHEETS: readonly SheetSpec[] = [
  {
    kind: 'ministere',
    number: '02',
    word: 'ministere',
    name: '02 - Ministères',
    columns: { code: col('Code ministère'), label: col('Libellé ministère') },
  },
  {
    kind: 'programme',
    number: '03',
    word: 'programme',
    name: '03 - Programmes',
    columns: {
      code: col('Code Programme'),
      label: col('Intitulé'),
      ministere: col('Code', 'Ministère RPROG', true),
    },
  },
  {
    kind: 'domaine_fonctionnel',
    number: '07',
    word: 'domaines fonct',
    name: '07 - Domaines Fonct. (DF)',
    columns: {
      code: col('Code', 'Domaine fonctionnel'),
      label: col('Intitulé', 'Domaine fonctionnel'),
      ministere: col('Code', 'Ministère RPROG', true),
    },
  },
  {
    kind: 'centre_couts',
    number: '09',
    word: 'centres de couts',
    name: '09 - Centres de coûts (CCOU)',
    columns: {
      code: col('Code', 'Centre de coûts'),
      label: col('Intitulé', 'Centre de coûts'),
      ministere: col('Code', 'Ministère RPROG', true),
      departement: col('Code département', undefined, true),
    },
  },
  {
    kind: 'groupe_marchandise',
    number: '19',
    word: 'groupe marchandise',
    name: '19 - Groupe Marchandise',
    columns: { code: col('Sous-segment (GM)'), label: col('Libellé long GM Chorus') },
  },
];

const CENTRES_COLUMNS = {
  code: col('Ctre coûts'),
  label: col('Désignation', undefined, true),
  description: col('Description', undefined, true),
  postcode: col('Cde postal'),
  town: col('Ville'),
} as const;

const CALCULETTE_LABEL =
  'Calculette Chorus (référentiels : ministères, programmes, DF, centres de coûts, GM)';
const CENTRES_LABEL = 'Référentiel des centres de coûts (code postal et ville)';

/** The sheet of a Calculette kind: « 07 - Domaines Fonct. (DF) » and spellings near it. */
function sheetOf(workbook: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((sheet) => {
    const name = foldHeader(sheet.name);
    return (
      name.startsWith(spec.number) &&
      name
        .replace(/[^a-z ]/g, ' ')
        .replace(/\s+/g, ' ')
        .includes(spec.word)
    );
  });
}

interface HeaderFound {
  /** Row number of the (lower) header row. */
  readonly row: number;
  /** Spec key → column number (1-based). */
  readonly columns: ReadonlyMap<string, number>;
  readonly missing: readonly ColumnSpec[];
}

/** Folded cells of a row, by column number; with `fill`, a group name carried to the right. */
function rowCells(row: ExcelJS.Row, fill: boolean): Map<number, string> {
  const cells = new Map<number, string>();
  const values = row.values as ExcelJS.CellValue[];
  let last: string | null = null;
  for (let c = 1; c < Math.max(values.length, fill ? 40 : 0); c++) {
    const text = cellText(values[c]);
    if (text) last = foldHeader(text);
    const value = text ? foldHeader(text) : fill ? last : null;
    if (value) cells.set(c, value);
  }
  return cells;
}

/**
 * The header row of a sheet: the first row among the first HEADER_ROWS that holds the most of
 * `specs` (group headers read on the row above). Every spec found gives its column; the rest
 * are listed as missing.
 */
function findHeader(sheet: ExcelJS.Worksheet, specs: Record<string, ColumnSpec>): HeaderFound | null {
  let best: HeaderFound | null = null;
  let above = new Map<number, string>();
  const last = Math.min(sheet.rowCount, HEADER_ROWS);
  for (let r = 1; r <= last; r++) {
    const row = sheet.getRow(r);
    const cells = rowCells(row, false);
    const columns = new Map<string, number>();
    const missing: ColumnSpec[] = [];
    for (const [key, spec] of Object.entries(specs)) {
      let found: number | undefined;
      for (const [c, value] of cells) {
        if (value !== spec.name) continue;
        if (spec.group && !(above.get(c) ?? '').startsWith(spec.group)) continue;
        found = c;
        break;
      }
      if (found === undefined) missing.push(spec);
      else columns.set(key, found);
    }
    if (columns.size > 0 && (!best || columns.size > best.columns.size)) best = { row: r, columns, missing };
    if (cells.size > 0) above = rowCells(row, true);
  }
  return best;
}

const requiredMissing = (found: HeaderFound) => found.missing.filter((s) => !s.optional);

function refuseHeader(
  what: string,
  where: string,
  found: HeaderFound | null,
  specs: Record<string, ColumnSpec>,
) {
  const missing = found ? requiredMissing(found) : Object.values(specs).filter((s) => !s.optional);
  const at = found
    ? ` (en-tête trouvé ligne ${found.row})`
    : ` (aucun en-tête dans les ${HEADER_ROWS} premières lignes)`;
  return new ImportRefusedError(
    `En-tête abîmé ${where}${at} : ${missing.length > 1 ? 'colonnes' : 'colonne'} ${missing
      .map((s) => `« ${s.shown} »`)
      .join(
        ', ',
      )} introuvable${missing.length > 1 ? 's' : ''}. Le fichier est reconnu comme ${what} : rétablissez l’en-tête tel que Chorus l’exporte.`,
    'MISSING_COLUMN',
  );
}

/** Entries of one sheet, in row order: duplicates and codes without a label are problems. */
function* sheetItems(
  sheet: ExcelJS.Worksheet,
  header: HeaderFound,
  make: (cells: (key: string) => string | null, line: number) => ReferenceEntry | LineProblem | null,
): Generator<ReferenceItem> {
  const seen = new Map<string, number>();
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as ExcelJS.CellValue[];
    const cells = (key: string) => {
      const c = header.columns.get(key);
      return c === undefined ? null : cellText(values[c]);
    };
    const made = make(cells, r);
    if (!made) continue;
    if ('reason' in made) {
      yield { kind: 'problem', value: made };
      continue;
    }
    const first = seen.get(made.code);
    if (first !== undefined) {
      yield {
        kind: 'problem',
        value: {
          line: r,
          column: `Onglet « ${sheet.name} » : ${made.content === 'centre_couts_lieu' ? 'Ctre coûts' : 'Code'}`,
          value: made.code,
          reason: `Code en double : déjà ligne ${first} de l’onglet « ${sheet.name} ».`,
        },
      };
      continue;
    }
    seen.set(made.code, r);
    yield { kind: 'line', value: made };
  }
}

function calculetteItems(workbook: ExcelJS.Workbook): { items: ReferenceItem[] } {
  const found = CALCULETTE_SHEETS.map((spec) => ({ spec, sheet: sheetOf(workbook, spec) }));
  const missing = found.filter((f) => !f.sheet).map((f) => `« ${f.spec.name} »`);
  if (missing.length > 0) {
    const present = found.filter((f) => f.sheet).map((f) => `« ${f.sheet?.name} »`);
    throw new ImportRefusedError(
      `Onglet${missing.length > 1 ? 's' : ''} manquant${missing.length > 1 ? 's' : ''} : ${missing.join(', ')}. Le classeur est reconnu comme la Calculette Chorus (onglet${present.length > 1 ? 's' : ''} ${present.join(', ')} trouvé${present.length > 1 ? 's' : ''}) mais ${missing.length > 1 ? 'ces onglets, nécessaires à l’import, n’y sont pas' : 'cet onglet, nécessaire à l’import, n’y est pas'} (ou ${missing.length > 1 ? 'leur' : 'son'} nom est abîmé) : déposez la Calculette complète.`,
      'MISSING_COLUMN',
    );
  }
  const items: ReferenceItem[] = [];
  for (const { spec, sheet } of found) {
    if (!sheet) continue;
    const specs: Record<string, ColumnSpec> = { ...spec.columns };
    const header = findHeader(sheet, specs);
    const where = `l’onglet « ${sheet.name} »`;
    if (!header || requiredMissing(header).length > 0) {
      throw refuseHeader('la Calculette Chorus', `dans ${where}`, header, specs);
    }
    items.push(
      ...sheetItems(sheet, header, (cells, line) => {
        const code = cells('code');
        const label = cells('label');
        // A blank row, a note under the table. A code without a label (Chorus has some: technical
        // centres) is kept: the code is shown alone, as before.
        if (!code) return null;
        const ministere = spec.columns.ministere ? cells('ministere') : null;
        // `093` → `93`: a département the placement knows, or none.
        const departement = spec.columns.departement
          ? (normaliseDepartement(cells('departement')) ?? null)
          : null;
        return {
          line,
          content: spec.kind,
          code,
          label,
          detail:
            ministere && spec.kind === 'programme'
              ? `Ministère ${ministere}`
              : departement
                ? `Département ${departement}`
                : null,
          row: [spec.kind, code, label, ministere, departement],
        };
      }),
    );
  }
  return { items };
}

function centresItems(sheet: ExcelJS.Worksheet, header: HeaderFound): ReferenceItem[] {
  const where = `Onglet « ${sheet.name} »`;
  return [
    ...sheetItems(sheet, header, (cells, line) => {
      const code = cells('code');
      if (!code) return null;
      const raw = cells('postcode');
      // Read as a number by Excel: 1000 is 01000.
      const postcode = raw && /^\d{4,5}$/.test(raw) ? raw.padStart(5, '0') : null;
      if (raw && !postcode) {
        return {
          line,
          column: `${where} : Cde postal`,
          value: raw,
          reason: `Code postal invalide pour le centre « ${code} » : 5 chiffres attendus.`,
        };
      }
      const town = cells('town');
      const label = cells('label') ?? cells('description');
      return {
        line,
        content: 'centre_couts_lieu',
        code,
        label,
        detail: postcode || town ? [postcode, town].filter(Boolean).join(' ') : 'sans code postal ni ville',
        row: [code, postcode, town, label],
      };
    }),
  ];
}

const WORKBOOK_HELP =
  `Les classeurs Excel acceptés sont la Calculette Chorus (onglets ${CALCULETTE_SHEETS.map((s) => `« ${s.name} »`).join(', ')}) ` +
  'et le référentiel des centres de coûts (en-tête « Ctre coûts, Description, Désignation, Cde postal, Ville ») ; ' +
  'un rapport Chorus ou un fichier de subventions se dépose en CSV (depuis Excel, « Enregistrer sous » puis « CSV UTF-8 »).';

/**
 * Recognises and reads a workbook (the whole file, already bounded by the upload limit).
 * Throws ImportRefusedError when it is not a readable XLSX, not one of the two, or damaged.
 */
export async function readReferenceWorkbook(
  bytes: Buffer,
): Promise<{ layout: DetectedReferenceLayout; items: ReferenceItem[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's own Buffer type lags Node's.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportRefusedError(
      `Ce fichier est une archive ZIP mais pas un classeur Excel (XLSX) lisible (archive abîmée ou d’un autre type). ${WORKBOOK_HELP}`,
      'NOT_TEXT',
    );
  }
  const calculette = CALCULETTE_SHEETS.filter((spec) => sheetOf(workbook, spec)).length;
  if (calculette >= 2) {
    return {
      layout: {
        id: 'calculette-chorus',
        label: CALCULETTE_LABEL,
        dataset: REFERENCE_DATASETS['calculette-chorus'],
        encoding: null,
      },
      items: calculetteItems(workbook).items,
    };
  }
  for (const sheet of workbook.worksheets) {
    const specs: Record<string, ColumnSpec> = { ...CENTRES_COLUMNS };
    const header = findHeader(sheet, specs);
    if (!header?.columns.has('code')) continue;
    if (requiredMissing(header).length > 0) {
      throw refuseHeader(
        `le référentiel des centres de coûts`,
        `dans l’onglet « ${sheet.name} »`,
        header,
        specs,
      );
    }
    return {
      layout: {
        id: 'centres-couts',
        label: CENTRES_LABEL,
        dataset: REFERENCE_DATASETS['centres-couts'],
        encoding: null,
      },
      items: centresItems(sheet, header),
    };
  }
  const names = workbook.worksheets.map((s) => `« ${s.name} »`).join(', ');
  throw new ImportRefusedError(
    `Ce classeur Excel (onglet${workbook.worksheets.length > 1 ? 's' : ''} ${names || 'aucun'}) n’est pas un référentiel reconnu. ${WORKBOOK_HELP}`,
    'UNKNOWN_LAYOUT',
  );
}

/** Entries per kind, in a fixed order (the job's counts). */
export function countContents(
  items: readonly ReferenceEntry[],
): { id: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of items) counts.set(e.content, (counts.get(e.content) ?? 0) + 1);
  return Object.entries(REFERENCE_CONTENT_LABELS)
    .filter(([id]) => counts.has(id))
    .map(([id, label]) => ({ id, label, count: counts.get(id) ?? 0 }));
}
