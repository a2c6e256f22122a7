/**
 * Reads a Chorus file (any layout of `layouts/`) into normalised records, as it arrives.
 *
 * 1. The first bytes (64 Kio, up to 1 Mio while the header is not found) say what the file is:
 *    not text (`signature.ts`), its encoding (`encoding.ts`), its layout and header
 *    (`detect-layout.ts`). A refusal there happens before any line is read.
 * 2. `items` then streams: each chunk is checked (UTF-8 valid, no NUL), turned into a byte string,
 *    split into records (`tokenizer.ts`) and each record into a line or its problems
 *    (`line-reader.ts`). Only the unfinished record is kept between chunks.
 */
import { type Detection, detectLayout } from './detect-layout.ts';
import { decodeField, detectEncoding, firstInvalidUtf8, Utf8Checker } from './encoding.ts';
import { LineReader } from './line-reader.ts';
import {
  type DetectedLayout,
  type FileEncoding,
  ImportRefusedError,
  type ReadChorusFile,
  type ReadItem,
} from './records.ts';
import { refuseBinary, refuseNonText, utf8BomLength } from './signature.ts';
import { CsvTokenizer, type RecordSink } from './tokenizer.ts';

/** Detection reads at least this much (or the whole file when smaller)… */
const PREFIX_TARGET = 64 * 1024;
/** …and at most this much while looking for the header. */
const PREFIX_MAX = 1024 * 1024;
/** Chunks are cut to this size so one huge chunk cannot make a huge string. */
const SLICE = 1024 * 1024;
const MAX_RECORD_LENGTH = 1024 * 1024;

const asBuffer = (bytes: Uint8Array) =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const countNewlines = (text: string) => {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
};

export const readChorusFile: ReadChorusFile = async (source) => {
  const iterator = source[Symbol.asyncIterator]();
  try {
    const start = await detect(iterator);
    return { layout: start.layout, items: readItems(iterator, start) };
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
};

/** What detection learnt, and the bytes it read (they are read again as data). */
interface Start {
  readonly layout: DetectedLayout;
  readonly detection: Detection;
  readonly encoding: FileEncoding;
  readonly prefix: Buffer;
  readonly bomLength: number;
  readonly crOnly: boolean;
  readonly atEnd: boolean;
}

async function detect(iterator: AsyncIterator<Uint8Array>): Promise<Start> {
  const chunks: Buffer[] = [];
  let size = 0;
  let atEnd = false;
  let target = PREFIX_TARGET;
  for (;;) {
    while (!atEnd && size < target) {
      const next = await iterator.next();
      if (next.done) atEnd = true;
      else {
        const chunk = asBuffer(next.value);
        chunks.push(chunk);
        size += chunk.length;
      }
    }
    const prefix = Buffer.concat(chunks, size);
    refuseNonText(prefix, atEnd);
    const bomLength = utf8BomLength(prefix);
    const body = prefix.subarray(bomLength);
    const detected = detectEncoding(body, atEnd);
    if (bomLength > 0 && detected !== 'utf-8') {
      throw new ImportRefusedError(
        'Le fichier commence par la marque UTF-8 (BOM) mais son contenu n’est pas en UTF-8 valide : enregistrez-le de nouveau en « CSV UTF-8 ».',
        'ENCODING',
      );
    }
    const encoding: FileEncoding = bomLength > 0 ? 'utf-8-bom' : detected;
    let text = body.toString('latin1');
    // Old Macintosh line breaks (CR alone): read as LF.
    const crOnly = !text.includes('\n') && text.includes('\r');
    if (crOnly) text = text.replaceAll('\r', '\n');
    const exhausted = atEnd || size >= PREFIX_MAX;
    const detection = detectLayout({ text, encoding, atEnd, exhausted });
    if (detection) {
      const { layout } = detection;
      return {
        layout: {
          id: layout.id,
          label: layout.label,
          kind: layout.kind,
          encoding,
          separator: layout.separator,
          headerLine: detection.headerLine,
          carriesRegion: layout.carriesRegion,
        },
        detection,
        encoding,
        prefix,
        bomLength,
        crOnly,
        atEnd,
      };
    }
    target = Math.min(target * 4, PREFIX_MAX);
  }
}

async function* readItems(iterator: AsyncIterator<Uint8Array>, start: Start): AsyncGenerator<ReadItem> {
  const { detection, encoding } = start;
  const { layout, header } = detection;
  const tokenizer = new CsvTokenizer({
    separator: layout.separator,
    quoting: layout.quoting,
    firstLine: detection.headerLine + 1,
    maxRecordLength: MAX_RECORD_LENGTH,
  });
  const reader = new LineReader(layout, header, encoding, detection.context);
  const utf8 = encoding === 'windows-1252' ? null : new Utf8Checker();
  let batch: ReadItem[] = [];
  const sink: RecordSink = (fields, line, raw, terminated) => {
    if (!terminated) refuseTruncated(fields, line, raw, header.length, layout.separator, encoding);
    reader.read(fields, line, raw, batch);
  };

  /** Checks a slice of the file and tokenises it from `from` (the prefix starts after its header). */
  const feed = (bytes: Buffer, from: number) => {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw refuseBinary(0, lineOf(tokenizer, bytes, from, nul));
    if (utf8 && !utf8.check(bytes)) {
      const at = Math.max(0, firstInvalidUtf8(bytes));
      throw new ImportRefusedError(
        `Ligne ${lineOf(tokenizer, bytes, from, at)} : octet 0x${(bytes[at] ?? 0).toString(16).toUpperCase()} invalide en UTF-8, alors que le début du fichier est en UTF-8 : ` +
          'le fichier mélange deux encodages (UTF-8 et Windows-1252 ?). Enregistrez-le entièrement en « CSV UTF-8 » puis importez-le de nouveau.',
        'ENCODING',
      );
    }
    let text = bytes.toString('latin1', from);
    if (start.crOnly) text = text.replaceAll('\r', '\n');
    tokenizer.push(text, sink);
  };

  try {
    // The bytes detection read come first; the data starts after the header line.
    const body = start.prefix.subarray(start.bomLength);
    for (let offset = 0; offset < body.length; offset += SLICE) {
      const slice = body.subarray(offset, offset + SLICE);
      feed(slice, Math.min(Math.max(detection.dataOffset - offset, 0), slice.length));
      for (const item of take()) yield item;
    }
    if (!start.atEnd) {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const chunk = asBuffer(next.value);
        for (let offset = 0; offset < chunk.length; offset += SLICE) {
          feed(chunk.subarray(offset, offset + SLICE), 0);
          for (const item of take()) yield item;
        }
      }
    }
    if (utf8 && !utf8.end()) {
      throw new ImportRefusedError(
        `Le fichier semble tronqué : il s'arrête au milieu d'un caractère UTF-8 (ligne ${tokenizer.currentLine}). Renvoyez le fichier complet.`,
        'TRUNCATED',
      );
    }
    tokenizer.end(sink);
    for (const item of take()) yield item;
  } finally {
    await iterator.return?.();
  }

  /** The items made since the last call. */
  function take(): ReadItem[] {
    const items = batch;
    batch = [];
    return items;
  }
}

/**
 * Line of byte `offset` of the slice being fed (whose data starts at `from`): after the records
 * already made and the unfinished one.
 */
function lineOf(tokenizer: CsvTokenizer, bytes: Buffer, from: number, offset: number): number {
  const before = offset > from ? bytes.toString('latin1', from, offset) : '';
  return tokenizer.currentLine + countNewlines(tokenizer.pending) + countNewlines(before);
}

/** The last line of a file without a final line break is refused when it stops short. */
function refuseTruncated(
  fields: string[] | null,
  line: number,
  raw: string,
  expected: number,
  separator: string,
  encoding: FileEncoding,
): void {
  if (fields !== null && fields.length >= expected) return;
  if (fields?.every((field) => field.trim() === '')) return;
  const text = decodeField(raw, encoding);
  const shown = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  const count = fields === null ? 'mal formée' : `${fields.length} champ(s) sur ${expected}`;
  throw new ImportRefusedError(
    `Le fichier semble tronqué : sa dernière ligne (ligne ${line}) s'arrête au milieu (${count}, séparateur « ${separator} ») : « ${shown} ». Renvoyez le fichier complet.`,
    'TRUNCATED',
  );
}
