/**
 * Which Chorus layout a file is, from its first lines: the header row is the line that names
 * most of a layout's columns (a regional report has a 7-line preamble before it), never the
 * file's name. Refuses, in French, a file without a recognisable header, a header that lacks
 * columns the import needs (naming them), or a header with no line after it.
 */
import { decodeField } from './encoding.ts';
import { LAYOUTS, type LayoutDefinition } from './layouts/index.ts';
import { describeColumn, type FileContext, findColumn, normaliseHeader } from './line-reader.ts';
import { type FileEncoding, ImportRefusedError } from './records.ts';
import { CsvTokenizer, type RecordSink } from './tokenizer.ts';

/** The header is looked for in this many first lines. */
export const HEADER_SEARCH_LINES = 30;
/** A layout is recognised when its header row names at least this share of its columns. */
const MIN_SHARE = 0.5;

export interface Detection {
  readonly layout: LayoutDefinition;
  /** 1-based line of the header. */
  readonly headerLine: number;
  /** The header cells as written in the file (decoded, trimmed). */
  readonly header: readonly string[];
  /** Where the data starts in the text (just after the header's line break). */
  readonly dataOffset: number;
  readonly context: FileContext;
}

/** Splits one line as a layout would (its first record only), cells decoded and trimmed. */
function cellsOf(line: string, layout: LayoutDefinition, encoding: FileEncoding): string[] | null {
  let cells: string[] | null | undefined;
  const take: RecordSink = (fields) => {
    if (cells === undefined) cells = fields?.map((field) => decodeField(field, encoding).trim()) ?? null;
  };
  const tokenizer = new CsvTokenizer({
    separator: layout.separator,
    quoting: layout.quoting,
    firstLine: 1,
    maxRecordLength: Number.POSITIVE_INFINITY,
  });
  try {
    tokenizer.push(line, take);
    tokenizer.end(take);
  } catch {
    return null; // an unclosed quote: not a header
  }
  return cells ?? null;
}

/** How many of the layout's header columns the row names (a column named twice counts twice). */
function matchedColumns(cells: readonly string[], layout: LayoutDefinition): number {
  const available = new Map<string, number>();
  for (const cell of cells) {
    const key = normaliseHeader(cell);
    available.set(key, (available.get(key) ?? 0) + 1);
  }
  let matched = 0;
  for (const name of layout.header) {
    const key = normaliseHeader(name);
    const left = available.get(key) ?? 0;
    if (left > 0) {
      matched++;
      available.set(key, left - 1);
    }
  }
  return matched;
}

interface PhysicalLine {
  readonly text: string;
  /** Offset just after its line break (or the end of the text). */
  readonly next: number;
}

/** The first physical lines of the text (line breaks LF or CRLF), complete ones only unless at the end. */
function firstLines(text: string, atEnd: boolean): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let pos = 0;
  while (pos < text.length && lines.length < HEADER_SEARCH_LINES) {
    const lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1 && !atEnd) break;
    const stop = lineEnd === -1 ? text.length : lineEnd;
    lines.push({
      text: text.slice(pos, stop > pos && text.charCodeAt(stop - 1) === 0x0d ? stop - 1 : stop),
      next: lineEnd === -1 ? text.length : lineEnd + 1,
    });
    pos = lineEnd === -1 ? text.length : lineEnd + 1;
  }
  return lines;
}

/** « Exercice comptable,2023 » in a regional report's preamble. */
function exerciceOf(preamble: readonly PhysicalLine[], layout: LayoutDefinition, encoding: FileEncoding) {
  for (const line of preamble) {
    const cells = cellsOf(line.text, layout, encoding) ?? [];
    const at = cells.findIndex((cell) => normaliseHeader(cell) === 'exercice comptable');
    if (at < 0) continue;
    const year = cells.slice(at + 1).find((cell) => cell !== '');
    if (year && /^\d{4}$/.test(year)) return Number(year);
  }
  return null;
}

const quote = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** How much of the file `detectLayout` sees. */
export interface DetectionInput {
  /** The start of the file as a byte string (BOM removed, line breaks LF or CRLF). */
  readonly text: string;
  readonly encoding: FileEncoding;
  /** `text` is the whole file. */
  readonly atEnd: boolean;
  /** No more text will come (the whole file, or as much as detection may read). */
  readonly exhausted: boolean;
}

/**
 * Finds the layout and its header. Returns null when more text is needed to decide (no header
 * yet, or nothing after it yet) and more may come.
 */
export function detectLayout({ text, encoding, atEnd, exhausted }: DetectionInput): Detection | null {
  const lines = firstLines(text, atEnd);
  let best: { layout: LayoutDefinition; line: number; cells: string[]; share: number } | null = null;
  for (const [index, line] of lines.entries()) {
    for (const layout of LAYOUTS) {
      const cells = cellsOf(line.text, layout, encoding);
      if (!cells) continue;
      const share = matchedColumns(cells, layout) / layout.header.length;
      if (share >= MIN_SHARE && (!best || share > best.share)) best = { layout, line: index, cells, share };
    }
    if (best?.share === 1) break;
  }
  const searchedEnough = exhausted || lines.length >= HEADER_SEARCH_LINES;
  if (!best) {
    if (!searchedEnough) return null;
    throw noHeader(lines, encoding);
  }
  const { layout, cells } = best;
  const headerLine = best.line + 1;
  const normalised = cells.map(normaliseHeader);
  const missing = Object.values(layout.columns).filter((ref) => findColumn(normalised, ref) < 0);
  if (missing.length > 0) {
    throw new ImportRefusedError(
      `Colonnes manquantes : ${missing.map(describeColumn).join(', ')}. Le fichier est reconnu comme « ${layout.label} »` +
        ` (en-tête ligne ${headerLine}) mais ces colonnes, nécessaires à l'import, n'y sont pas : réexportez le rapport avec toutes ses colonnes.`,
      'MISSING_COLUMN',
    );
  }
  const detection: Detection = {
    layout,
    headerLine,
    header: cells,
    dataOffset: (lines[best.line] as PhysicalLine).next,
    context: { exercice: exerciceOf(lines.slice(0, best.line), layout, encoding) },
  };
  if (/[^\s,;"]/.test(text.slice(detection.dataOffset))) return detection;
  // Nothing after the header yet: wait for more, unless the file ends here.
  if (atEnd) {
    throw new ImportRefusedError(
      `Le fichier ne contient aucune ligne de données : rien après l'en-tête (ligne ${headerLine}) de ce fichier « ${layout.label} ».`,
      'EMPTY',
    );
  }
  return exhausted ? detection : null;
}

/** Why no header was found, as precisely as the first lines allow. */
function noHeader(lines: readonly PhysicalLine[], encoding: FileEncoding): ImportRefusedError {
  const decoded = lines.map((line) => decodeField(line.text, encoding));
  const nonBlank = decoded.filter((line) => /[^\s,;"]/.test(line));
  if (nonBlank.length === 0) {
    return new ImportRefusedError(
      'Le fichier ne contient que des lignes vides : aucune ligne à importer.',
      'EMPTY',
    );
  }
  const first = quote((nonBlank[0] as string).trim());
  if (/^"?INF-BUD-53/i.test(first)) {
    // A preamble line names one or two things; a header or data line, many.
    const tableLike = decoded.some(
      (line) => line.split(/[,;]/).filter((cell) => cell.trim() !== '').length >= 5,
    );
    if (!tableLike) {
      return new ImportRefusedError(
        `Le rapport INF-BUD-53 s'arrête après son préambule (${decoded.length} lignes) : il n'a ni ligne d'en-tête (« Programme, Domaine fonctionnel, … ») ni données. Réexportez le rapport détaillé.`,
        'EMPTY',
      );
    }
    return new ImportRefusedError(
      `Rapport INF-BUD-53 sans ligne d'en-tête reconnaissable dans ses ${decoded.length} premières lignes (attendu : « Programme, Domaine fonctionnel, Centre de coûts, … ») : l'en-tête est abîmé ou le rapport n'est pas la vue détaillée.`,
      'UNKNOWN_LAYOUT',
    );
  }
  return new ImportRefusedError(
    `Format de fichier non reconnu : aucune ligne d'en-tête connue dans les ${Math.min(decoded.length, HEADER_SEARCH_LINES)} premières lignes. ` +
      'Formats acceptés : rapport Chorus INF-BUD-53 (AE ou CP, « Programme, Domaine fonctionnel, … »), export national AIFE ' +
      '(« "Centre financier - Programme (Clé)";… »), export national nation_ej (« prog,Domaine fonctionnel - Clé,… »), ' +
      'SCDL « subventions » (« nomAttribuant,idAttribuant,dateConvention,… »), France 2030 lauréats (« date_dpm,operateur,procedure,… »), ' +
      'localisations interministérielles (« Loc int;Niveau;… ») et lieux d’action en quartier prioritaire (« reference,annee,ej,code_qpv,code_qp2024,ratio_montant_ej »). ' +
      `Première ligne lue : « ${first} ».`,
    'UNKNOWN_LAYOUT',
  );
}
