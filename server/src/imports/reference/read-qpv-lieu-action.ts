/**
 * Reads the `qpv_lieu_action` file: which quartiers prioritaires the action of an EJ (engagement
 * juridique Chorus) takes place in, and for what share of its amount —
 * `reference,annee,ej,code_qpv,code_qp2024,ratio_montant_ej` (`,` or `;`, UTF-8 or
 * Windows-1252), recognised by its header (an EJ column and a QPV code column), whatever its name.
 *
 * `ratio_montant_ej` is the share of the EJ in hundredths of a percent: 10 000 is the whole EJ,
 * 5 000 half of it (docs/quartiers-prioritaires.md says why). `code_qpv` is the 2015 code
 * (`QP044017`) or « NR » (not in a quartier), `code_qp2024` the 2024 code (`QN04417I`).
 * Each line is checked on its own, then the file as a whole: a line said twice, the shares of
 * an EJ above 100 %, an EJ given with and without a year. The quartier the data shows is the
 * 2015 code when the line has one, else the 2024 code — or the 2015 code the file links that
 * 2024 code to when it links it to exactly one (the 2015 boundaries are the map's).
 */
import { searchText } from '@dataetat/widgets';
import { parse } from 'csv-parse/sync';
import { WHOLE_EJ } from '../../chorus/referentials.ts';
import { normaliseQpvCode } from '../../geo/qpv.ts';
import { ImportRefusedError, type LineProblem } from '../chorus/records.ts';
import type { FileStart } from '../grants/read.ts';
import { type DetectedReferenceLayout, REFERENCE_DATASETS, type ReferenceItem } from './records.ts';
import { decodeText, firstLine, foldHeader } from './text.ts';

export const QPV_LIEU_ACTION_LABEL = 'Lieux d’action en quartier prioritaire (qpv_lieu_action)';

const COLUMNS = {
  reference: { names: ['reference', 'ref_action', 'code_reference'], shown: 'reference', required: false },
  annee: { names: ['annee', 'annee_exercice', 'exercice'], shown: 'annee', required: false },
  ej: { names: ['ej', 'n_ej', 'no ej', 'n° ej', 'numero ej', 'num_ej'], shown: 'ej', required: true },
  code_qpv: {
    names: ['code_qpv', 'code_qp', 'code_qp2015', 'code_qpv15', 'code_qpv2015', 'code_qpv_2015'],
    shown: 'code_qpv',
    required: false,
  },
  code_qp2024: {
    names: ['code_qp2024', 'code_qpv24', 'code_qpv2024', 'code_qpv_2024', 'code_qp24'],
    shown: 'code_qp2024',
    required: false,
  },
  ratio: { names: ['ratio_montant_ej', 'ratio_montant', 'ratio'], shown: 'ratio_montant_ej', required: true },
} as const;
type Key = keyof typeof COLUMNS;

const isName = (key: Key, cell: string) => (COLUMNS[key].names as readonly string[]).includes(cell);

/** Header cells folded, from a `,` or `;` separated first line (quotes dropped). */
function headerCells(line: string): { separator: ',' | ';'; cells: string[] } {
  const separator = (line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ';' : ',';
  return { separator, cells: line.split(separator).map((c) => foldHeader(c.trim().replace(/^"|"$/g, ''))) };
}

/** Whether the file's first line is a `qpv_lieu_action` header: an EJ column and a QPV code column. */
export function isQpvLieuActionHeader(start: FileStart): boolean {
  const line = firstLine(start);
  if (!line) return false;
  const { cells } = headerCells(line);
  return (
    cells.some((c) => isName('ej', c)) && cells.some((c) => isName('code_qpv', c) || isName('code_qp2024', c))
  );
}

/** `5000`, `5 000`, `5000.0` (a float column written by a tool) → 5000; anything else null. */
function readShare(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0\u202f]/g, '');
  const match = /^(\d{1,9})(?:[.,]0+)?$/.exec(text);
  return match ? Number(match[1]) : null;
}

const percent = (share: number) => `${(share / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} %`;

interface ParsedLine {
  readonly line: number;
  readonly reference: string | null;
  readonly annee: number | null;
  readonly ej: string;
  /** 2015 and 2024 codes (normalised), null when absent. */
  readonly code2015: string | null;
  readonly code2024: string | null;
  /** « NR » written in a code column. */
  readonly saidNr: boolean;
  /** Not in a quartier: « NR » and no code given. */
  readonly outside: boolean;
  readonly share: number;
}

type Cell = (key: Key) => string | null;

/** One line's values, or the first problem it has (one per line, the column named). */
function parseLine(cell: Cell, line: number): ParsedLine | LineProblem {
  const problem = (column: Key, value: string | null, reason: string): LineProblem => ({
    line,
    column: COLUMNS[column].shown,
    value: value ?? '',
    reason,
  });
  const rawEj = cell('ej');
  if (!rawEj) return problem('ej', rawEj, 'N° EJ vide : la ligne ne dit pas quel engagement est placé.');
  const ej = rawEj.replace(/[\s\u00a0]/g, '').toUpperCase();
  if (!/^[0-9A-Z]{1,20}$/.test(ej)) {
    return problem(
      'ej',
      rawEj,
      /E\+?\d/i.test(rawEj)
        ? 'N° EJ écrit en notation scientifique (un tableur l’a converti en nombre) : réexportez la colonne « ej » en texte.'
        : 'N° EJ illisible (attendu : des chiffres, ex. 2103609602).',
    );
  }
  const rawYear = cell('annee');
  let annee: number | null = null;
  if (rawYear) {
    annee = /^\d{4}$/.test(rawYear) ? Number(rawYear) : null;
    if (annee === null || annee < 2000 || annee > 2100) {
      return problem(
        'annee',
        rawYear,
        'Année invalide (attendu : une année sur 4 chiffres, ex. 2022, ou vide).',
      );
    }
  }
  const codes: { code2015: string | null; code2024: string | null; nr: boolean } = {
    code2015: null,
    code2024: null,
    nr: false,
  };
  for (const key of ['code_qpv', 'code_qp2024'] as const) {
    const raw = cell(key);
    if (!raw) continue;
    if (raw.trim().toUpperCase() === 'NR') {
      codes.nr = true;
      continue;
    }
    const code = normaliseQpvCode(raw);
    if (!code) {
      return problem(
        key,
        raw,
        'Code de quartier illisible (attendu : « QP » et 6 caractères pour un code 2015, ex. QP044017 ; « QN » et 6 caractères pour un code 2024, ex. QN04417I ; ou « NR » hors quartier prioritaire).',
      );
    }
    const vintage = code.startsWith('QP') ? 'code2015' : 'code2024';
    if (codes[vintage]) {
      return problem(
        key,
        raw,
        `Deux codes ${vintage === 'code2015' ? '2015' : '2024'} sur la même ligne (${codes[vintage]} et ${code}) : une ligne place l’EJ dans un seul quartier.`,
      );
    }
    codes[vintage] = code;
  }
  if (!codes.code2015 && !codes.code2024 && !codes.nr) {
    return problem(
      'code_qpv',
      '',
      'Aucun code de quartier (ni 2015 ni 2024) : écrivez « NR » si l’action n’a pas lieu dans un quartier prioritaire.',
    );
  }
  const rawShare = cell('ratio');
  const share = rawShare ? readShare(rawShare) : null;
  if (share === null || share < 1 || share > WHOLE_EJ) {
    return problem(
      'ratio',
      rawShare,
      rawShare && share !== null
        ? `Part hors limites (${share.toLocaleString('fr-FR')}) : attendu un entier de 1 à 10 000 (part de l’EJ en centièmes de pour cent : 10 000 = tout l’EJ, 5 000 = 50 %).`
        : 'Part illisible : attendu un entier de 1 à 10 000 (part de l’EJ en centièmes de pour cent : 10 000 = tout l’EJ, 5 000 = 50 %).',
    );
  }
  return {
    line,
    reference: cell('reference'),
    annee,
    ej,
    code2015: codes.code2015,
    code2024: codes.code2024,
    saidNr: codes.nr,
    outside: !codes.code2015 && !codes.code2024,
    share,
  };
}

/** The file's checks across lines: each returns the lines it rejects, with why. */
function fileProblems(lines: readonly ParsedLine[], quartierOf: (l: ParsedLine) => string | null) {
  const rejected = new Map<number, LineProblem>();
  const reject = (l: ParsedLine, column: Key, value: string, reason: string) => {
    if (!rejected.has(l.line))
      rejected.set(l.line, { line: l.line, column: COLUMNS[column].shown, value, reason });
  };
  // The same placement twice.
  const seen = new Map<string, number>();
  for (const l of lines) {
    const key = JSON.stringify([l.annee, l.reference, l.ej, quartierOf(l) ?? 'NR']);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, l.line);
    else
      reject(
        l,
        'ej',
        l.ej,
        `Placement en double : même EJ, année, référence et quartier que la ligne ${first}.`,
      );
  }
  // An EJ with and without a year: which lines apply to a year would be ambiguous.
  const years = new Map<string, Set<number | null>>();
  for (const l of lines) years.set(l.ej, (years.get(l.ej) ?? new Set()).add(l.annee));
  for (const l of lines) {
    const of = years.get(l.ej) as Set<number | null>;
    if (of.has(null) && of.size > 1) {
      reject(
        l,
        'annee',
        l.annee === null ? '' : String(l.annee),
        `L’EJ ${l.ej} a des lignes avec et sans année : donnez l’année partout ou nulle part pour un même EJ.`,
      );
    }
  }
  // More than the whole EJ.
  const groups = new Map<string, ParsedLine[]>();
  for (const l of lines) {
    if (rejected.has(l.line)) continue;
    const key = `${l.ej}|${l.annee ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  for (const group of groups.values()) {
    const total = group.reduce((sum, l) => sum + l.share, 0);
    if (total <= WHOLE_EJ) continue;
    const first = group[0] as ParsedLine;
    const where = group.map((l) => l.line).join(', ');
    for (const l of group) {
      reject(
        l,
        'ratio',
        String(l.share),
        `Les parts de l’EJ ${first.ej}${first.annee === null ? '' : ` en ${first.annee}`} dépassent tout l’EJ : ${percent(total)} au total (lignes ${where}) ; aucune de ces lignes n’est gardée.`,
      );
    }
  }
  return rejected;
}

/** The one 2015 code each 2024 code is linked to by the file's lines, when there is exactly one. */
function linksOf(lines: readonly ParsedLine[]): Map<string, string> {
  const linked = new Map<string, Set<string>>();
  for (const l of lines) {
    if (l.code2015 && l.code2024)
      linked.set(l.code2024, (linked.get(l.code2024) ?? new Set()).add(l.code2015));
  }
  const links = new Map<string, string>();
  for (const [code2024, codes] of linked) if (codes.size === 1) links.set(code2024, [...codes][0] as string);
  return links;
}

/** Reads the whole file (bounded by the upload limit) once recognised. */
export function readQpvLieuAction(
  bytes: Buffer,
  start: FileStart,
): { layout: DetectedReferenceLayout; items: ReferenceItem[] } {
  const text = decodeText(bytes, start);
  const { separator } = headerCells(firstLine(start) ?? '');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportRefusedError(
      `Fichier des lieux d’action en quartier prioritaire illisible${line ? ` ligne ${line}` : ''} : ${error instanceof Error ? error.message : String(error)}.`,
      'MALFORMED',
    );
  }
  const header = (records[0]?.record ?? []).map((c) => foldHeader(c));
  const indexes = new Map<Key, number>();
  for (const key of Object.keys(COLUMNS) as Key[]) {
    const at = header.findIndex((c) => isName(key, c));
    if (at >= 0) indexes.set(key, at);
  }
  const missing = (Object.keys(COLUMNS) as Key[])
    .filter((key) => COLUMNS[key].required && !indexes.has(key))
    .map((key) => `« ${COLUMNS[key].shown} »`);
  if (missing.length > 0) {
    throw new ImportRefusedError(
      `En-tête abîmé ligne 1 : ${missing.length > 1 ? 'colonnes' : 'colonne'} ${missing.join(', ')} introuvable${missing.length > 1 ? 's' : ''}. Le fichier est reconnu comme « ${QPV_LIEU_ACTION_LABEL} » (colonnes « ej » et « code_qpv ») mais ${missing.length > 1 ? 'ces colonnes, nécessaires à l’import, n’y sont pas' : 'cette colonne, nécessaire à l’import, n’y est pas'} : réexportez le fichier avec toutes ses colonnes.`,
      'MISSING_COLUMN',
    );
  }
  if (records.length < 2) {
    throw new ImportRefusedError(
      `Le fichier ne contient aucune ligne de données : rien après l’en-tête (ligne 1) de ce fichier « ${QPV_LIEU_ACTION_LABEL} ».`,
      'EMPTY',
    );
  }
  const problems: LineProblem[] = [];
  const parsed: ParsedLine[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.every((c) => c.trim() === '')) continue;
    const cell: Cell = (key) => {
      const at = indexes.get(key);
      const value = at === undefined ? '' : (record[at] ?? '').trim();
      return value === '' ? null : value;
    };
    const read = parseLine(cell, info.lines);
    if ('reason' in read) problems.push(read);
    else parsed.push(read);
  }
  const links = linksOf(parsed);
  const quartierOf = (l: ParsedLine) =>
    l.code2015 ?? (l.code2024 ? (links.get(l.code2024) ?? l.code2024) : null);
  const rejected = fileProblems(parsed, quartierOf);
  const entries: ReferenceItem[] = parsed.map((l) => {
    const problem = rejected.get(l.line);
    if (problem) return { kind: 'problem', value: problem };
    const qpv = quartierOf(l);
    const written2015 = l.code2015 ?? (l.saidNr ? 'NR' : null);
    const codes = [written2015, l.code2024].filter(Boolean).join(' / ');
    const linked = !l.code2015 && l.code2024 && qpv !== l.code2024 ? ` (lié à ${qpv} par le fichier)` : '';
    return {
      kind: 'line',
      value: {
        line: l.line,
        content: qpv ? 'qpv_lieu' : 'qpv_hors',
        code: l.ej,
        // The quartier's name is known to the service (the seed pack's file): it fills it in.
        label: qpv ? null : 'Hors quartier prioritaire',
        detail: `${percent(l.share)} de l’EJ${l.annee === null ? ', toutes années' : ` en ${l.annee}`} ; ${codes}${linked}`,
        row: [l.line, l.reference, l.annee, l.ej, written2015, l.code2024, qpv, null, null, l.share],
      },
    };
  });
  // Problems found line by line first, then the file's: the report lists them in file order.
  const items = [...entries, ...problems.map((value): ReferenceItem => ({ kind: 'problem', value }))];
  items.sort((a, b) => a.value.line - b.value.line);
  return {
    layout: {
      id: 'qpv-lieu-action',
      label: QPV_LIEU_ACTION_LABEL,
      dataset: REFERENCE_DATASETS['qpv-lieu-action'],
      encoding: start.encoding,
    },
    items,
  };
}

/** Positions in a `qpv_lieu_action` row (after `import_id`): the quartier, its name and search text. */
const QPV_ROW = { qpv: 6, label: 7, search: 8 } as const;

/**
 * The entries with their quartier's name (`label`: « Nom (Commune) » from the boundary file, or
 * the code in words) and search text, as the Chorus lines' own quartiers have them.
 */
export async function* withQuartierNames(
  items: AsyncIterable<ReferenceItem>,
  label: (code: string) => string,
): AsyncGenerator<ReferenceItem> {
  for await (const item of items) {
    const code = item.kind === 'line' ? item.value.row[QPV_ROW.qpv] : null;
    if (item.kind !== 'line' || typeof code !== 'string') {
      yield item;
      continue;
    }
    const name = label(code);
    const row = [...item.value.row];
    row[QPV_ROW.label] = name;
    row[QPV_ROW.search] = searchText(code, name);
    yield { kind: 'line', value: { ...item.value, label: name, row } };
  }
}
