/**
 * What a file is before it is read as text: an empty file, a PDF or a spreadsheet saved under a
 * `.csv` name, UTF-16/UTF-32, binary content. Each is refused with a French message that says
 * what the file is and what to do instead.
 */
import { lineAt } from './encoding.ts';
import { ImportRefusedError } from './records.ts';

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

const SAVE_AS_CSV =
  'Dans Chorus, exportez le rapport au format CSV ; depuis Excel, « Enregistrer sous » puis « CSV UTF-8 (délimité par des virgules) ».';

interface Signature {
  readonly bytes: readonly number[];
  readonly what: string;
  readonly code: 'NOT_TEXT' | 'ENCODING';
}

const SIGNATURES: readonly Signature[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'un document PDF', code: 'NOT_TEXT' },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'un classeur Excel (XLSX) ou une archive ZIP',
    code: 'NOT_TEXT',
  },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'une archive ZIP vide', code: 'NOT_TEXT' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: 'un classeur Excel 97-2003 (XLS)',
    code: 'NOT_TEXT',
  },
  { bytes: [0x1f, 0x8b], what: 'une archive compressée (gzip)', code: 'NOT_TEXT' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], what: 'un texte encodé en UTF-32', code: 'ENCODING' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], what: 'un texte encodé en UTF-32', code: 'ENCODING' },
  { bytes: [0xff, 0xfe], what: 'un texte encodé en UTF-16', code: 'ENCODING' },
  { bytes: [0xfe, 0xff], what: 'un texte encodé en UTF-16', code: 'ENCODING' },
];

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Length of the UTF-8 byte order mark at the start of the file (0 or 3). */
export function utf8BomLength(bytes: Uint8Array): number {
  return startsWith(bytes, UTF8_BOM) ? 3 : 0;
}

/**
 * Refuses the file when its first bytes say it is not a text file we can read (`prefix` is what
 * was read so far; `atEnd` when that is the whole file).
 */
export function refuseNonText(prefix: Uint8Array, atEnd: boolean): void {
  if (atEnd && prefix.length === 0) {
    throw new ImportRefusedError('Le fichier est vide (0 octet) : aucune ligne à importer.', 'EMPTY');
  }
  for (const signature of SIGNATURES) {
    if (startsWith(prefix, signature.bytes)) {
      const encoding = signature.code === 'ENCODING';
      throw new ImportRefusedError(
        encoding
          ? `Ce fichier est ${signature.what}, encodage non pris en charge : enregistrez-le en UTF-8 ou en Windows-1252. ${SAVE_AS_CSV}`
          : `Ce fichier est ${signature.what}, pas un fichier CSV. ${SAVE_AS_CSV}`,
        signature.code,
      );
    }
  }
  const nul = prefix.indexOf(0);
  if (nul >= 0) {
    // Text in UTF-16 without a byte order mark: one byte in two is zero.
    let zeros = 0;
    const sample = Math.min(prefix.length, 4096);
    for (let i = 0; i < sample; i++) if (prefix[i] === 0) zeros++;
    if (zeros >= sample * 0.3) {
      throw new ImportRefusedError(
        `Ce fichier semble encodé en UTF-16 (sans marque d'ordre des octets) : encodage non pris en charge, enregistrez-le en UTF-8 ou en Windows-1252. ${SAVE_AS_CSV}`,
        'ENCODING',
      );
    }
    throw refuseBinary(0, lineAt(prefix, nul));
  }
  const control = firstControlByte(prefix);
  if (control >= 0) throw refuseBinary(prefix[control] ?? 0, lineAt(prefix, control));
}

/** Control characters have no place in a CSV text (tab, line breaks and form feed apart). */
export function firstControlByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) {
      return i;
    }
  }
  return -1;
}

/** A byte no text holds, met at `line` (1-based). */
export function refuseBinary(byte: number, line: number): ImportRefusedError {
  const hex = byte.toString(16).toUpperCase().padStart(2, '0');
  return new ImportRefusedError(
    `Ce fichier n'est pas un fichier texte CSV : il contient l'octet de contrôle 0x${hex} ligne ${line} (contenu binaire). ${SAVE_AS_CSV}`,
    'NOT_TEXT',
  );
}
