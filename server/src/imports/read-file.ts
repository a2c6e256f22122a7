/**
 * One entry for every file an administrator deposits: the first bytes say what it is (not text,
 * encoding, then the header), never its name. An Excel workbook goes to the reference reader
 * (the Chorus « Calculette », the centres de coûts file); a localisation interministérielle
 * header or a `qpv_lieu_action` header (EJ → quartier prioritaire) to its reader; a grant header (SCDL « subventions », France 2030) to the grant reader;
 * anything else to the Chorus reader, which recognises its layouts or refuses the file with the
 * list of every accepted format.
 */

import { detectEncoding } from './chorus/encoding.ts';
import { readChorusFile } from './chorus/read.ts';
import type { DetectedLayout, ReadItem } from './chorus/records.ts';
import { ImportRefusedError } from './chorus/records.ts';
import { refuseNonText, utf8BomLength } from './chorus/signature.ts';
import { detectGrantLayout, readGrantItems } from './grants/read.ts';
import type { DetectedGrantLayout, GrantItem } from './grants/records.ts';
import { isLocalisationsHeader, readLocalisations } from './reference/read-localisations.ts';
import { isQpvLieuActionHeader, readQpvLieuAction } from './reference/read-qpv-lieu-action.ts';
import { readReferenceWorkbook } from './reference/read-workbook.ts';
import type { DetectedReferenceLayout, ReferenceItem } from './reference/records.ts';

/** Enough for any header line; Chorus detection reads on from here when it needs more. */
const PREFIX = 64 * 1024;

export type OpenedImport =
  | { readonly family: 'chorus'; readonly layout: DetectedLayout; readonly items: AsyncIterable<ReadItem> }
  | {
      readonly family: 'grants';
      readonly layout: DetectedGrantLayout;
      readonly items: AsyncIterable<GrantItem>;
    }
  | {
      readonly family: 'reference';
      readonly layout: DetectedReferenceLayout;
      readonly items: AsyncIterable<ReferenceItem>;
    };

export type ReadImportFile = (source: AsyncIterable<Uint8Array>) => Promise<OpenedImport>;

const asBuffer = (bytes: Uint8Array) =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** XLSX (and any ZIP archive) starts with a local file header. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/** The chunks already read and the rest of the source, whole (referentials are small files). */
async function whole(head: readonly Buffer[], rest: AsyncIterator<Uint8Array>): Promise<Buffer> {
  const chunks = [...head];
  for (let next = await rest.next(); !next.done; next = await rest.next()) chunks.push(asBuffer(next.value));
  return Buffer.concat(chunks);
}

async function* listed<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** The chunks already read, then the rest of the source. */
async function* replay(head: readonly Buffer[], rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* head;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return?.();
  }
}

export const readImportFile: ReadImportFile = async (source) => {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let atEnd = false;
  try {
    while (size < PREFIX) {
      const next = await iterator.next();
      if (next.done) {
        atEnd = true;
        break;
      }
      const chunk = asBuffer(next.value);
      chunks.push(chunk);
      size += chunk.length;
    }
    const prefix = Buffer.concat(chunks, size);
    if (ZIP_SIGNATURE.every((byte, i) => prefix[i] === byte)) {
      const { layout, items } = await readReferenceWorkbook(await whole(chunks, iterator));
      return { family: 'reference', layout, items: listed(items) };
    }
    refuseNonText(prefix, atEnd);
    const bomLength = utf8BomLength(prefix);
    const detected = detectEncoding(prefix.subarray(bomLength), atEnd);
    if (bomLength > 0 && detected !== 'utf-8') {
      throw new ImportRefusedError(
        'Le fichier commence par la marque UTF-8 (BOM) mais son contenu n’est pas en UTF-8 valide : enregistrez-le de nouveau en « CSV UTF-8 ».',
        'ENCODING',
      );
    }
    const start = { prefix, bomLength, encoding: bomLength > 0 ? 'utf-8-bom' : detected, atEnd } as const;
    if (isLocalisationsHeader(start)) {
      const { layout, items } = readLocalisations(await whole(chunks, iterator), start);
      return { family: 'reference', layout, items: listed(items) };
    }
    if (isQpvLieuActionHeader(start)) {
      const { layout, items } = readQpvLieuAction(await whole(chunks, iterator), start);
      return { family: 'reference', layout, items: listed(items) };
    }
    const grant = detectGrantLayout(start);
    if (grant)
      return { family: 'grants', layout: grant.detected, items: readGrantItems(start, grant, iterator) };
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  const chorus = await readChorusFile(replay(chunks, iterator));
  return { family: 'chorus', ...chorus };
};
