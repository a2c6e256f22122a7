/**
 * Reads a grant file (SCDL « subventions », France 2030) as it arrives, with the Chorus reader's
 * building blocks: the same encoding detection and checks (`chorus/encoding.ts`), the same
 * tokenizer (`chorus/tokenizer.ts`, RFC 4180 quoting), the same normalisation of amounts, dates and
 * SIRETs (`chorus/normalise.ts`). The header is the first line; its columns say the layout.
 */
import { decodeField, firstInvalidUtf8, Utf8Checker } from '../chorus/encoding.ts';
import { type FileEncoding, ImportRefusedError, type LineProblem } from '../chorus/records.ts';
import { refuseBinary } from '../chorus/signature.ts';
import { CsvTokenizer, type RecordSink } from '../chorus/tokenizer.ts';
import { GRANT_LAYOUTS, type GrantLayout, headerKey, isMissing } from './layouts.ts';
import type { DetectedGrantLayout, GrantItem } from './records.ts';

/** A layout is recognised when its header names at least this share of its columns. */
const MIN_SHARE = 0.5;
const MAX_RECORD_LENGTH = 1024 * 1024;
const SLICE = 1024 * 1024;

/** The start of a file as detection read it. */
export interface FileStart {
  /** Bytes read so far, BOM included. */
  readonly prefix: Buffer;
  readonly bomLength: number;
  readonly encoding: FileEncoding;
  /** `prefix` is the whole file. */
  readonly atEnd: boolean;
}

export interface GrantDetection {
  readonly layout: GrantLayout;
  readonly detected: DetectedGrantLayout;
  /** Header cells as written (decoded, trimmed). */
  readonly header: readonly string[];
  /** Column key → index in a record. */
  readonly indexes: ReadonlyMap<string, number>;
  /** Offset in the body (after the BOM) where data starts. */
  readonly dataOffset: number;
}

function cellsOf(line: string, separator: ',' | ';', encoding: FileEncoding): string[] | null {
  let cells: string[] | null = null;
  const take: RecordSink = (fields) => {
    cells ??= fields?.map((f) => decodeField(f, encoding).trim()) ?? null;
  };
  const tokenizer = new CsvTokenizer({
    separator,
    quoting: 'rfc4180',
    firstLine: 1,
    maxRecordLength: Number.POSITIVE_INFINITY,
  });
  try {
    tokenizer.push(line, take);
    tokenizer.end(take);
  } catch {
    return null;
  }
  return cells;
}

/** Which column each header cell is, for one layout. */
function indexesOf(cells: readonly string[], layout: GrantLayout): Map<string, number> {
  const keys = cells.map(headerKey);
  const indexes = new Map<string, number>();
  for (const [key, column] of Object.entries(layout.columns)) {
    const names = new Set(column.names.map(headerKey));
    const at = keys.findIndex((k) => names.has(k));
    if (at >= 0) indexes.set(key, at);
  }
  return indexes;
}

/**
 * The grant layout of a file from its first line, or null when it is not one (the Chorus reader
 * then looks). A header recognised but lacking columns the import needs is refused, naming them.
 */
export function detectGrantLayout(start: FileStart): GrantDetection | null {
  const body = start.prefix.subarray(start.bomLength);
  const text = body.toString('latin1');
  const end = text.indexOf('\n');
  if (end < 0 && !start.atEnd) return null;
  const stop = end < 0 ? text.length : end;
  const firstLine = text.slice(0, stop > 0 && text.charCodeAt(stop - 1) === 0x0d ? stop - 1 : stop);
  let best: {
    layout: GrantLayout;
    separator: ',' | ';';
    cells: string[];
    indexes: Map<string, number>;
    share: number;
  } | null = null;
  for (const separator of [',', ';'] as const) {
    const cells = cellsOf(firstLine, separator, start.encoding);
    if (!cells || cells.length < 2) continue;
    for (const layout of GRANT_LAYOUTS) {
      const indexes = indexesOf(cells, layout);
      const share = indexes.size / Object.keys(layout.columns).length;
      if (share >= MIN_SHARE && (!best || share > best.share))
        best = { layout, separator, cells, indexes, share };
    }
  }
  if (!best) return null;
  const { layout, separator, cells, indexes } = best;
  const missing = Object.entries(layout.columns)
    .filter(([key, column]) => column.required && !indexes.has(key))
    .map(([, column]) => `« ${column.names[0]} »`);
  if (missing.length > 0) {
    throw new ImportRefusedError(
      `Colonnes manquantes : ${missing.join(', ')}. Le fichier est reconnu comme « ${layout.label} » (en-tête ligne 1)` +
        ' mais ces colonnes, nécessaires à l’import, n’y sont pas (ou leur nom est abîmé) : réexportez le fichier avec toutes ses colonnes.',
      'MISSING_COLUMN',
    );
  }
  const dataOffset = end < 0 ? text.length : end + 1;
  if (start.atEnd && !/[^\s,;"]/.test(text.slice(dataOffset))) {
    throw new ImportRefusedError(
      `Le fichier ne contient aucune ligne de données : rien après l’en-tête (ligne 1) de ce fichier « ${layout.label} ».`,
      'EMPTY',
    );
  }
  return {
    layout,
    detected: {
      id: layout.id,
      label: layout.label,
      dataset: layout.dataset,
      encoding: start.encoding,
      separator,
      headerLine: 1,
    },
    header: cells,
    indexes,
    dataOffset,
  };
}

const asBuffer = (bytes: Uint8Array) =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The lines and per-line problems of a grant file, in file order: what detection read first, then
 * the rest of `source` chunk by chunk (only the unfinished record is kept between chunks). Throws
 * `ImportRefusedError` for what makes the whole file unreadable (binary content, an encoding that
 * changes mid-file, a last line cut short).
 */
export async function* readGrantItems(
  start: FileStart,
  detection: GrantDetection,
  source: AsyncIterator<Uint8Array>,
): AsyncGenerator<GrantItem> {
  const { layout, header, indexes, detected } = detection;
  const { encoding } = start;
  const tokenizer = new CsvTokenizer({
    separator: detected.separator,
    quoting: 'rfc4180',
    firstLine: 2,
    maxRecordLength: MAX_RECORD_LENGTH,
  });
  const utf8 = encoding === 'windows-1252' ? null : new Utf8Checker();
  const columnName = (key: string) => header[indexes.get(key) ?? -1] ?? layout.columns[key]?.names[0] ?? key;
  let batch: GrantItem[] = [];
  const sink: RecordSink = (fields, line, raw, terminated) => {
    if (fields === null || fields.every((f) => f.trim() === '')) return;
    if (fields.length < header.length) {
      const shown = decodeField(raw, encoding);
      const quoted = shown.length > 120 ? `${shown.slice(0, 120)}…` : shown;
      if (!terminated) {
        throw new ImportRefusedError(
          `Le fichier semble tronqué : sa dernière ligne (ligne ${line}) s’arrête au milieu (${fields.length} champ(s) sur ${header.length}, séparateur « ${detected.separator} ») : « ${quoted} ». Renvoyez le fichier complet.`,
          'TRUNCATED',
        );
      }
      batch.push({
        kind: 'problem',
        value: {
          line,
          column: '(ligne entière)',
          value: quoted,
          reason: `Ligne incomplète : ${fields.length} champ(s) au lieu de ${header.length} (séparateur « ${detected.separator} »).`,
        },
      });
      return;
    }
    const field = (key: string): string | null => {
      const at = indexes.get(key);
      if (at === undefined) return null;
      const value = decodeField(fields[at] ?? '', encoding).trim();
      return isMissing(value) ? null : value;
    };
    const problems: LineProblem[] = [];
    const parsed = layout.parse(field, line, columnName, problems);
    for (const problem of problems) batch.push({ kind: 'problem', value: problem });
    if (parsed) batch.push({ kind: 'line', value: parsed });
  };
  const feed = (bytes: Buffer) => {
    if (bytes.indexOf(0) >= 0) throw refuseBinary(0, tokenizer.currentLine);
    if (utf8 && !utf8.check(bytes)) {
      const at = Math.max(0, firstInvalidUtf8(bytes));
      throw new ImportRefusedError(
        `Vers la ligne ${tokenizer.currentLine} : octet 0x${(bytes[at] ?? 0).toString(16).toUpperCase()} invalide en UTF-8, alors que le début du fichier est en UTF-8 : ` +
          'le fichier mélange deux encodages (UTF-8 et Windows-1252 ?). Enregistrez-le entièrement en « CSV UTF-8 » puis importez-le de nouveau.',
        'ENCODING',
      );
    }
    tokenizer.push(bytes.toString('latin1'), sink);
  };
  const body = start.prefix.subarray(start.bomLength);
  try {
    // The header's bytes go through the UTF-8 check too, then tokenising starts after it.
    if (utf8) utf8.check(body.subarray(0, detection.dataOffset));
    for (let at = detection.dataOffset; at < body.length; at += SLICE) {
      feed(body.subarray(at, at + SLICE));
      yield* batch;
      batch = [];
    }
    for (;;) {
      const next = await source.next();
      if (next.done) break;
      const chunk = asBuffer(next.value);
      for (let at = 0; at < chunk.length; at += SLICE) {
        feed(chunk.subarray(at, at + SLICE));
        yield* batch;
        batch = [];
      }
    }
    if (utf8 && !utf8.end()) {
      throw new ImportRefusedError(
        `Le fichier semble tronqué : il s’arrête au milieu d’un caractère UTF-8 (ligne ${tokenizer.currentLine}). Renvoyez le fichier complet.`,
        'TRUNCATED',
      );
    }
    tokenizer.end(sink);
    yield* batch;
  } finally {
    await source.return?.();
  }
}
