/**
 * Text encodings of Chorus files: detection on the first bytes, a streaming UTF-8 check of the
 * rest, and decoding of single fields.
 *
 * The tokenizer works on « byte strings »: each chunk is turned into a string with one character
 * per byte (`latin1`, the cheapest decoding Node has: ~3 GB/s against ~0.1–0.2 GB/s for UTF-8
 * text with accents on this machine). Separators, quotes and line breaks are ASCII, so they are
 * found the same way in UTF-8 and Windows-1252; only the fields a layout keeps are then decoded
 * to real text, and only when they hold a byte ≥ 0x80 (`decodeField`).
 */
import { isUtf8 } from 'node:buffer';
import { type FileEncoding, ImportRefusedError } from './records.ts';

/**
 * Windows-1252 differs from latin1 only in 0x80–0x9F: these are its characters there (WHATWG
 * Encoding Standard, index-windows-1252; the five undefined bytes stay C1 controls). Not
 * `new TextDecoder('windows-1252')`: Node 20 decodes that label as latin1 (€ comes out U+0080).
 */
const CP1252_C1 = String.fromCharCode(
  0x20ac,
  0x0081,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  0x008d,
  0x017d,
  0x008f,
  0x0090,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  0x009d,
  0x017e,
  0x0178,
);

/** One field of a byte string as text in the file's encoding. */
export function decodeField(raw: string, encoding: FileEncoding): string {
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) >= 0x80) return decodeHigh(raw, encoding);
  }
  return raw;
}

/**
 * `decodeField` with a memory of the non-ASCII fields it decoded: suppliers' names and labels
 * repeat from line to line, and decoding UTF-8 goes through a Buffer each time. Bounded: the
 * memory is emptied when full.
 */
export class FieldDecoder {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly encoding: FileEncoding,
    private readonly capacity = 4096,
  ) {}

  decode(raw: string): string {
    for (let i = 0; i < raw.length; i++) {
      if (raw.charCodeAt(i) >= 0x80) return this.decodeHigh(raw);
    }
    return raw;
  }

  private decodeHigh(raw: string): string {
    let text = this.known.get(raw);
    if (text === undefined) {
      if (this.known.size >= this.capacity) this.known.clear();
      text = decodeHigh(raw, this.encoding);
      this.known.set(raw, text);
    }
    return text;
  }
}

function decodeHigh(raw: string, encoding: FileEncoding): string {
  if (encoding !== 'windows-1252') return Buffer.from(raw, 'latin1').toString('utf8');
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    text += code >= 0x80 && code < 0xa0 ? CP1252_C1[code - 0x80] : raw[i];
  }
  return text;
}

/** Length of the incomplete UTF-8 sequence that ends `bytes` (0 when the last one is whole). */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  const end = bytes.length;
  let i = end - 1;
  while (i >= 0 && end - i <= 3 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i--;
  if (i < 0) return 0;
  const lead = bytes[i] ?? 0;
  const expected = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 1;
  if (lead < 0xc2 || lead > 0xf4) return 0;
  return end - i < expected ? end - i : 0;
}

/**
 * Index of the first byte that is not valid UTF-8 (a JavaScript scan, used only to say where
 * an invalid file goes wrong), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1] ?? 0;
    // The second byte's range excludes overlong forms and surrogates (RFC 3629).
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

/**
 * Checks that a stream of chunks is UTF-8, a sequence cut between two chunks included. Fast:
 * `isUtf8` is native (simdutf).
 */
export class Utf8Checker {
  private pending: Buffer | null = null;

  /** Whether the chunk (after what the previous one left incomplete) is valid so far. */
  check(chunk: Buffer): boolean {
    const bytes = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    const tail = incompleteUtf8Tail(bytes);
    this.pending = tail > 0 ? Buffer.from(bytes.subarray(bytes.length - tail)) : null;
    return isUtf8(tail > 0 ? bytes.subarray(0, bytes.length - tail) : bytes);
  }

  /** At the end of the file nothing may be left incomplete. */
  end(): boolean {
    return this.pending === null;
  }
}

/** Letters and signs a French text in Windows-1252 plausibly holds above ASCII. */
const PLAUSIBLE_SIGNS = new Set('€‚„…‘’“”•–—«»°²³§µ·\u00a0');
const LETTER = /\p{L}/u;

/**
 * The encoding of a file from its first bytes (BOM stripped by the caller): valid UTF-8 →
 * UTF-8; else Windows-1252 when its characters above ASCII read as French text (letters, `°`,
 * `€`, quotes…). Anything else is refused: a Mac Roman or ISO-8859-15 file would be read wrong.
 */
export function detectEncoding(prefix: Buffer, atEnd: boolean): FileEncoding {
  const tail = atEnd ? 0 : incompleteUtf8Tail(prefix);
  if (isUtf8(prefix.subarray(0, prefix.length - tail))) return 'utf-8';
  const text = decodeField(prefix.toString('latin1'), 'windows-1252');
  let high = 0;
  let plausible = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char.charCodeAt(0) < 0x80) continue;
    high++;
    if (LETTER.test(char) || PLAUSIBLE_SIGNS.has(char)) plausible++;
  }
  if (high > 0 && plausible / high >= 0.9) return 'windows-1252';
  const where = firstInvalidUtf8(prefix);
  const line = lineAt(prefix, where);
  throw new ImportRefusedError(
    `Encodage non reconnu : le fichier n'est ni en UTF-8 ni en Windows-1252 (octet 0x${(prefix[where] ?? 0)
      .toString(16)
      .toUpperCase()
      .padStart(2, '0')} invalide en UTF-8 ligne ${line}, et ${high - plausible} caractère(s) sur ${high} ` +
      'sans sens en Windows-1252). Enregistrez le fichier en « CSV UTF-8 » puis importez-le de nouveau.',
    'ENCODING',
  );
}

/** 1-based line of a byte offset. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
