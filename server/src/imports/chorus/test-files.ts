/**
 * Test helpers: the Chorus samples of the seed pack, chunked sources, a Windows-1252 encoder
 * (its own table, so re-encoded samples do not depend on the reader's decoding), and a reader that collects everything.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seedDir } from '../../testing/harness.ts';
import { readChorusFile } from './read.ts';
import { type DetectedLayout, ImportRefusedError, type ReadItem } from './records.ts';

export const CHORUS_SAMPLES = path.join(seedDir, 'formats/chorus');

export function sample(relative: string): Buffer {
  return readFileSync(path.join(CHORUS_SAMPLES, relative));
}

/** The bytes as a source yielding chunks of `size` bytes (the whole at once by default). */
export async function* chunked(bytes: Uint8Array, size = bytes.length || 1): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

export interface ReadResult {
  readonly layout: DetectedLayout;
  readonly items: ReadItem[];
}

export async function readAll(bytes: Uint8Array, chunkSize?: number): Promise<ReadResult> {
  const { layout, items } = await readChorusFile(chunked(bytes, chunkSize));
  const all: ReadItem[] = [];
  for await (const item of items) all.push(item);
  return { layout, items: all };
}

/** The refusal reading `bytes` ends in (detection or streaming), or a failed expectation. */
export async function refusal(bytes: Uint8Array, chunkSize?: number): Promise<ImportRefusedError> {
  try {
    await readAll(bytes, chunkSize);
  } catch (error) {
    if (error instanceof ImportRefusedError) return error;
    throw error;
  }
  throw new Error('the file was read without refusal');
}

/** Windows-1252 bytes 0x80–0x9F, written as characters (the reader writes code points). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const CP1252_ENCODE = (() => {
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    table.set(
      byte >= 0x80 && byte < 0xa0 ? (CP1252_HIGH[byte - 0x80] as string) : String.fromCharCode(byte),
      byte,
    );
  }
  return table;
})();

export function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const byte = CP1252_ENCODE.get(char);
    if (byte === undefined) throw new Error(`« ${char} » n'existe pas en Windows-1252`);
    bytes.push(byte);
  }
  return Buffer.from(bytes);
}

export const lines = (items: readonly ReadItem[]) =>
  items.filter((i) => i.kind === 'line').map((i) => i.value);
export const problems = (items: readonly ReadItem[]) =>
  items.filter((i) => i.kind === 'problem').map((i) => i.value);
