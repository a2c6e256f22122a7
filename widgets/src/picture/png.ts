/**
 * PNG text chunks: a picture carries its own words (title, the text drawn on it, when it was
 * made), so a figure pasted into a note and separated from it still says what and whence —
 * and tools can read it. International text chunks (iTXt, UTF-8, uncompressed) go right after
 * the header chunk, as the PNG specification allows.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let table: Uint32Array | null = null;

/** CRC-32 of the PNG specification (ISO 3309), over `bytes`. */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (table[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One iTXt chunk: length, type, keyword (Latin-1, 1–79 characters), flags, UTF-8 text, CRC. */
export function textChunk(keyword: string, text: string): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error(`Mot-clé PNG invalide : ${keyword}`);
  const encoder = new TextEncoder();
  // keyword \0, compression flag 0, method 0, language tag "" \0, translated keyword "" \0, text
  const data = new Uint8Array([...encoder.encode(keyword), 0, 0, 0, 0, 0, ...encoder.encode(text)]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(encoder.encode('iTXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** `png` with `texts` (keyword → text) inserted after its IHDR chunk. */
export function withTextChunks(png: Uint8Array, texts: Readonly<Record<string, string>>): Uint8Array {
  if (!SIGNATURE.every((byte, i) => png[i] === byte)) throw new Error('Ce fichier n’est pas une image PNG.');
  // Signature (8) + IHDR: length (4), type (4), 13 bytes of data, CRC (4).
  const afterHeader = 8 + 12 + 13;
  const chunks = Object.entries(texts).map(([keyword, text]) => textChunk(keyword, text));
  const out = new Uint8Array(png.length + chunks.reduce((sum, c) => sum + c.length, 0));
  out.set(png.subarray(0, afterHeader), 0);
  let at = afterHeader;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  out.set(png.subarray(afterHeader), at);
  return out;
}
