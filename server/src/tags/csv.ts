import { CsvError, parse } from 'csv-parse/sync';
import { MAX_FILE_LINES, MAX_TAGS_PER_TARGET } from './manual.ts';
import { TAG_CODE_RE } from './rules.ts';

/**
 * The CSV of manual tags: a header `n_ej;n_poste_ej;tags`, then one Chorus line per row — its
 * EJ number, its poste number, and one or more tag codes separated by `|`
 * (`2103105755;1;fonds_vert|grand_plan_velo`). Separator `;` (what a French spreadsheet writes),
 * UTF-8 with or without BOM, values may be quoted. Every problem is reported with its line,
 * column and value; a file with any problem is refused whole.
 */

export const CSV_HEADER = ['n_ej', 'n_poste_ej', 'tags'] as const;
export const TAG_SEPARATOR = '|';

export interface AssignmentProblem {
  /** Line of the file (1 = the header). */
  readonly line: number;
  readonly column: string;
  readonly value: string;
  /** Why, in French. */
  readonly reason: string;
}

export interface ParsedLine {
  readonly line: number;
  readonly ej: string;
  readonly poste: number;
  readonly tags: readonly string[];
}

export interface ParsedFile {
  /** Data lines read (the header and blank lines aside). */
  readonly linesRead: number;
  readonly lines: readonly ParsedLine[];
  readonly problems: readonly AssignmentProblem[];
}

const EJ_RE = /^[0-9A-Za-z]{1,20}$/;
const POSTE_RE = /^[0-9]{1,6}$/;
const SHOWN_VALUE = 80;

const shown = (value: string) => (value.length > SHOWN_VALUE ? `${value.slice(0, SHOWN_VALUE)}…` : value);

/** « Ligne 4, colonne « n_poste_ej », valeur « 1a » : numéro de poste attendu… ». */
export function describeProblem(problem: AssignmentProblem): string {
  return `Ligne ${problem.line}, colonne « ${problem.column} », valeur « ${problem.value} » : ${problem.reason}`;
}

/** Codes of a `tags` cell, or why not. */
export function tagCodesOf(cell: string): { codes: string[] } | { reason: string } {
  if (cell.length === 0)
    return { reason: `au moins une étiquette attendue (codes séparés par « ${TAG_SEPARATOR} »).` };
  const parts = cell.split(TAG_SEPARATOR).map((p) => p.trim());
  if (parts.some((p) => p.length === 0))
    return { reason: `étiquette vide : les codes sont séparés par un seul « ${TAG_SEPARATOR} ».` };
  const bad = parts.find((p) => !TAG_CODE_RE.test(p));
  if (bad !== undefined) {
    const hint = /[,;]/.test(bad) ? ` Séparez les étiquettes par « ${TAG_SEPARATOR} ».` : '';
    return {
      reason: `code d’étiquette « ${shown(bad)} » invalide : 2 à 40 caractères, minuscules sans accent, chiffres ou « _ », commençant par une lettre.${hint}`,
    };
  }
  const codes = [...new Set(parts)];
  if (codes.length > MAX_TAGS_PER_TARGET)
    return { reason: `${MAX_TAGS_PER_TARGET} étiquettes au plus par ligne.` };
  return { codes };
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'guillemet ouvert jamais fermé.',
  INVALID_OPENING_QUOTE: 'guillemet au milieu d’une valeur.',
  CSV_INVALID_CLOSING_QUOTE: 'caractère inattendu après un guillemet fermant.',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'caractère inattendu après un guillemet fermant.',
};

export function parseAssignmentCsv(content: string): ParsedFile {
  const problems: AssignmentProblem[] = [];
  const lines: ParsedLine[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // One end of line whatever the file mixes (csv-parse keeps the first it meets).
    records = parse(content.replace(/\r\n?/g, '\n'), {
      // `info`: each record comes with the line where it ends.
      delimiter: ';',
      record_delimiter: '\n',
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    return {
      linesRead: 0,
      lines: [],
      problems: [
        {
          line,
          column: '(ligne)',
          value: '',
          reason: `CSV illisible : ${CSV_ERRORS[error.code] ?? 'guillemets ou séparateurs mal placés.'}`,
        },
      ],
    };
  }
  const expected = CSV_HEADER.join(';');
  const [head, ...rows] = records;
  if (!head) {
    return {
      linesRead: 0,
      lines: [],
      problems: [
        {
          line: 1,
          column: '(en-tête)',
          value: '',
          reason: `fichier vide : en-tête « ${expected} » attendu.`,
        },
      ],
    };
  }
  const header = head.record.map((c) => c.trim().toLowerCase());
  if (header.join(';') !== expected) {
    const comma = header.length === 1 && (header[0] ?? '').includes(',');
    return {
      linesRead: rows.length,
      lines: [],
      problems: [
        {
          line: head.info.lines,
          column: '(en-tête)',
          value: shown(head.record.join(';')),
          reason: comma
            ? `séparateur « ; » attendu entre les colonnes (en-tête « ${expected} »).`
            : `en-tête « ${expected} » attendu.`,
        },
      ],
    };
  }
  if (rows.length === 0) {
    return {
      linesRead: 0,
      lines: [],
      problems: [
        {
          line: head.info.lines + 1,
          column: '(fichier)',
          value: '',
          reason:
            'aucune ligne après l’en-tête : une ligne « n_ej;n_poste_ej;tags » par ligne Chorus attendue.',
        },
      ],
    };
  }
  if (rows.length > MAX_FILE_LINES) {
    return {
      linesRead: rows.length,
      lines: [],
      problems: [
        {
          line: rows[MAX_FILE_LINES]?.info.lines ?? 0,
          column: '(fichier)',
          value: '',
          reason: `${rows.length} lignes : ${MAX_FILE_LINES} au plus par fichier ; découpez-le.`,
        },
      ],
    };
  }
  for (const { record, info } of rows) {
    const line = info.lines;
    const problem = (column: string, value: string, reason: string) =>
      problems.push({ line, column, value: shown(value), reason });
    if (record.length !== CSV_HEADER.length) {
      problem(
        '(ligne)',
        record.join(';'),
        `${CSV_HEADER.length} colonnes attendues (${expected}), ${record.length} trouvée${record.length > 1 ? 's' : ''}.`,
      );
      continue;
    }
    const [ej = '', poste = '', cell = ''] = record;
    let ok = true;
    if (!EJ_RE.test(ej)) {
      ok = false;
      problem(
        'n_ej',
        ej,
        ej.length === 0 ? 'numéro d’EJ manquant.' : 'numéro d’EJ attendu : 1 à 20 chiffres ou lettres.',
      );
    }
    const posteNumber = POSTE_RE.test(poste) ? Number(poste) : 0;
    if (posteNumber < 1) {
      ok = false;
      problem('n_poste_ej', poste, 'numéro de poste attendu : nombre entier de 1 à 999999.');
    }
    const codes = tagCodesOf(cell);
    if ('reason' in codes) {
      ok = false;
      problem('tags', cell, codes.reason);
    }
    if (ok && 'codes' in codes) lines.push({ line, ej, poste: posteNumber, tags: codes.codes });
  }
  return { linesRead: rows.length, lines, problems };
}
