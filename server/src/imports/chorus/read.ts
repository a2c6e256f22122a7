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
    return { layout: start.layout, items: new ReadItems(iterator, start) };
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

/**
 * The items of the file, made one slice at a time as the consumer asks for them. A hand-written
 * async iterator rather than an async generator: a generator's `yield` costs two more promise
 * ticks per item (≈ 0.5 µs here, a quarter of the reading), this costs one. Like any async
 * iterator it is read by one consumer at a time (`for await`).
 */
class ReadItems implements AsyncIterableIterator<ReadItem> {
  private readonly tokenizer: CsvTokenizer;
  private readonly reader: LineReader;
  private readonly utf8: Utf8Checker | null;
  private readonly sink: RecordSink;
  private batch: ReadItem[] = [];
  private index = 0;
  /** Bytes detection read (BOM removed) and how far they were fed. */
  private readonly prefix: Buffer;
  private prefixFed = 0;
  /** The source chunk being fed, and how far. */
  private chunk: Buffer | null = null;
  private chunkFed = 0;
  private sourceDone: boolean;
  private finished = false;
  private released = false;

  constructor(
    private readonly iterator: AsyncIterator<Uint8Array>,
    private readonly start: Start,
  ) {
    const { detection, encoding } = start;
    const { layout, header } = detection;
    this.tokenizer = new CsvTokenizer({
      separator: layout.separator,
      quoting: layout.quoting,
      firstLine: detection.headerLine + 1,
      maxRecordLength: MAX_RECORD_LENGTH,
    });
    this.reader = new LineReader(layout, header, encoding, detection.context);
    this.utf8 = encoding === 'windows-1252' ? null : new Utf8Checker();
    this.prefix = start.prefix.subarray(start.bomLength);
    this.sourceDone = start.atEnd;
    this.sink = (fields, line, raw, terminated) => {
      if (!terminated) refuseTruncated(fields, line, raw, header.length, layout.separator, encoding);
      this.reader.read(fields, line, raw, this.batch);
    };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ReadItem>> {
    if (this.index < this.batch.length) {
      return Promise.resolve({ value: this.batch[this.index++] as ReadItem, done: false });
    }
    return this.refill();
  }

  async return(): Promise<IteratorResult<ReadItem>> {
    this.finished = true;
    this.batch = [];
    this.index = 0;
    await this.release();
    return { value: undefined, done: true };
  }

  private async refill(): Promise<IteratorResult<ReadItem>> {
    try {
      while (this.index >= this.batch.length) {
        if (this.finished) return { value: undefined, done: true };
        this.batch = [];
        this.index = 0;
        await this.step();
      }
    } catch (error) {
      this.finished = true;
      await this.release();
      throw error;
    }
    return { value: this.batch[this.index++] as ReadItem, done: false };
  }

  /** Feeds the next slice: the prefix first (its data starts after the header), then the source. */
  private async step(): Promise<void> {
    if (this.prefixFed < this.prefix.length) {
      const offset = this.prefixFed;
      const slice = this.prefix.subarray(offset, offset + SLICE);
      this.prefixFed += slice.length;
      this.feed(slice, Math.min(Math.max(this.start.detection.dataOffset - offset, 0), slice.length));
      return;
    }
    if (this.chunk) {
      const slice = this.chunk.subarray(this.chunkFed, this.chunkFed + SLICE);
      this.chunkFed += slice.length;
      if (this.chunkFed >= this.chunk.length) this.chunk = null;
      this.feed(slice, 0);
      return;
    }
    if (!this.sourceDone) {
      const next = await this.iterator.next();
      if (next.done) this.sourceDone = true;
      else {
        this.chunk = asBuffer(next.value);
        this.chunkFed = 0;
      }
      return;
    }
    if (this.utf8 && !this.utf8.end()) {
      throw new ImportRefusedError(
        `Le fichier semble tronqué : il s'arrête au milieu d'un caractère UTF-8 (ligne ${this.tokenizer.currentLine}). Renvoyez le fichier complet.`,
        'TRUNCATED',
      );
    }
    this.tokenizer.end(this.sink);
    this.finished = true;
    await this.release();
  }

  /** Checks a slice of the file and tokenises it from `from`. */
  private feed(bytes: Buffer, from: number): void {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw refuseBinary(0, lineOf(this.tokenizer, bytes, from, nul));
    if (this.utf8 && !this.utf8.check(bytes)) {
      const at = Math.max(0, firstInvalidUtf8(bytes));
      throw new ImportRefusedError(
        `Ligne ${lineOf(this.tokenizer, bytes, from, at)} : octet 0x${(bytes[at] ?? 0).toString(16).toUpperCase()} invalide en UTF-8, alors que le début du fichier est en UTF-8 : ` +
          'le fichier mélange deux encodages (UTF-8 et Windows-1252 ?). Enregistrez-le entièrement en « CSV UTF-8 » puis importez-le de nouveau.',
        'ENCODING',
      );
    }
    let text = bytes.toString('latin1', from);
    if (this.start.crOnly) text = text.replaceAll('\r', '\n');
    this.tokenizer.push(text, this.sink);
  }

  private async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.iterator.return?.();
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
