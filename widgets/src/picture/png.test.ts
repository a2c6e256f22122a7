import { deflateSync, inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, withTextChunks } from './png.ts';

/** A 2 × 1 RGB PNG written independently (Node's zlib and CRC): red, then blue. */
function tinyPng(): { png: Uint8Array; pixels: Buffer } {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlibCrc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixels = Buffer.from([0, 255, 0, 0, 0, 0, 255]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { png: new Uint8Array(png), pixels };
}

/** Chunks of a PNG: type, data, and whether the stored CRC is right. */
function chunks(png: Uint8Array) {
  const bytes = Buffer.from(png);
  const out: { type: string; data: Buffer; crcOk: boolean }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const body = bytes.subarray(at + 4, at + 8 + length);
    out.push({
      type: body.subarray(0, 4).toString('latin1'),
      data: body.subarray(4),
      crcOk: bytes.readUInt32BE(at + 8 + length) === zlibCrc32(body),
    });
    at += 12 + length;
  }
  return out;
}

describe('PNG text chunks', () => {
  it('computes the CRC-32 of the PNG specification (as zlib does)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(crc32(bytes)).toBe(zlibCrc32(bytes));
      }),
    );
  });

  it('writes UTF-8 iTXt chunks after the header, the image data untouched', () => {
    const { png, pixels } = tinyPng();
    const out = withTextChunks(png, {
      Title: 'Crédits — Côtes-d’Armor',
      Description: 'Filtres : Bretagne, 2021–2023\nSource : DGCL',
    });
    const list = chunks(out);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'iTXt', 'IDAT', 'IEND']);
    expect(list.every((c) => c.crcOk)).toBe(true);
    const text = list
      .filter((c) => c.type === 'iTXt')
      .map((c) => {
        const keyword = c.data.subarray(0, c.data.indexOf(0)).toString('latin1');
        // keyword \0, compression flag and method, empty language and translated keyword (\0 \0)
        expect([...c.data.subarray(keyword.length, keyword.length + 5)]).toEqual([0, 0, 0, 0, 0]);
        return [keyword, c.data.subarray(keyword.length + 5).toString('utf8')];
      });
    expect(Object.fromEntries(text)).toEqual({
      Title: 'Crédits — Côtes-d’Armor',
      Description: 'Filtres : Bretagne, 2021–2023\nSource : DGCL',
    });
    const idat = list.find((c) => c.type === 'IDAT');
    expect(inflateSync(idat?.data ?? Buffer.alloc(0))).toEqual(pixels);
  });

  it('refuses what is not a PNG and keywords the format does not allow', () => {
    expect(() => withTextChunks(new Uint8Array([1, 2, 3]), {})).toThrow('n’est pas une image PNG');
    expect(() => withTextChunks(tinyPng().png, { Légende: 'x' })).toThrow('Mot-clé PNG invalide');
  });
});
