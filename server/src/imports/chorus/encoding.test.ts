import { describe, expect, it } from 'vitest';
import {
  decodeField,
  detectEncoding,
  FieldDecoder,
  firstInvalidUtf8,
  incompleteUtf8Tail,
  Utf8Checker,
} from './encoding.ts';
import { encodeWindows1252 } from './test-files.ts';

describe('decodeField', () => {
  it('decodes Windows-1252 as its code page chart says, 0x80–0x9F included', () => {
    const chart: [number, string][] = [
      [0x41, 'A'],
      [0x80, '€'],
      [0x85, '…'],
      [0x8c, 'Œ'],
      [0x92, '’'],
      [0x96, '–'],
      [0x9c, 'œ'],
      [0x9f, 'Ÿ'],
      [0xa0, '\u00a0'],
      [0xab, '«'],
      [0xb0, '°'],
      [0xe9, 'é'],
      [0xff, 'ÿ'],
      [0x81, '\u0081'], // undefined: a C1 control, as the WHATWG decoder gives it
    ];
    for (const [byte, char] of chart)
      expect(decodeField(String.fromCharCode(byte), 'windows-1252')).toBe(char);
    expect(decodeField(encodeWindows1252('Œuvre « 12 € » – déjà').toString('latin1'), 'windows-1252')).toBe(
      'Œuvre « 12 € » – déjà',
    );
  });

  it('decodes UTF-8 fields and leaves ASCII ones as they are', () => {
    const text = 'Non affecté – 12 € « ŒUVRE »';
    expect(decodeField(Buffer.from(text).toString('latin1'), 'utf-8')).toBe(text);
    const ascii = 'DREETS0035';
    expect(decodeField(ascii, 'utf-8')).toBe(ascii);
  });
});

describe('FieldDecoder', () => {
  it('decodes as decodeField does, its memory full or not', () => {
    const decoder = new FieldDecoder('utf-8', 2);
    const texts = ['Non affecté', 'RÉGIE DES EAUX', 'Non affecté', 'Société', 'DREETS0035', 'Non affecté'];
    for (const text of texts) {
      const raw = Buffer.from(text).toString('latin1');
      expect(decoder.decode(raw)).toBe(decodeField(raw, 'utf-8'));
      expect(decoder.decode(raw)).toBe(text);
    }
  });
});

describe('UTF-8 checks', () => {
  it('finds a sequence cut at the end of a chunk', () => {
    const e = Buffer.from('é'); // C3 A9
    const euro = Buffer.from('€'); // E2 82 AC
    expect(incompleteUtf8Tail(Buffer.from('abc'))).toBe(0);
    expect(incompleteUtf8Tail(e.subarray(0, 1))).toBe(1);
    expect(incompleteUtf8Tail(e)).toBe(0);
    expect(incompleteUtf8Tail(euro.subarray(0, 2))).toBe(2);
    expect(incompleteUtf8Tail(Buffer.from([0x61, 0xff]))).toBe(0);
  });

  it('accepts UTF-8 however it is cut, and says where invalid bytes start', () => {
    const text = Buffer.from('Référentiel « 12 € » — 𝄞 fin');
    for (let cut = 0; cut <= text.length; cut++) {
      const checker = new Utf8Checker();
      expect(checker.check(text.subarray(0, cut)) && checker.check(text.subarray(cut)) && checker.end()).toBe(
        true,
      );
    }
    const cutShort = new Utf8Checker();
    expect(cutShort.check(text.subarray(0, text.indexOf(0xe2) + 1))).toBe(true);
    expect(cutShort.end()).toBe(false);
    expect(new Utf8Checker().check(Buffer.from([0x61, 0xe9, 0x62]))).toBe(false);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe9, 0x2c]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0xaf]))).toBe(0); // overlong
    expect(firstInvalidUtf8(text)).toBe(-1);
  });
});

describe('detectEncoding', () => {
  it('UTF-8 when valid, Windows-1252 when its characters read as French, else refused', () => {
    const french = 'Centre de coûts,Référentiel,N° EJ,Montant engagé (€),Société\n';
    expect(detectEncoding(Buffer.from(french), true)).toBe('utf-8');
    // Cut inside « û »: still UTF-8 while more is to come.
    const utf8 = Buffer.from(french);
    expect(detectEncoding(utf8.subarray(0, utf8.indexOf(0xc3) + 1), false)).toBe('utf-8');
    expect(detectEncoding(encodeWindows1252(french), true)).toBe('windows-1252');
    expect(() => detectEncoding(Buffer.from([0x41, 0x81, 0x8d, 0x8f, 0x90, 0x2c, 0x9d, 0x0a]), true)).toThrow(
      /^Encodage non reconnu : le fichier n'est ni en UTF-8 ni en Windows-1252 \(octet 0x81 invalide en UTF-8 ligne 1, et 5 caractère\(s\) sur 5 sans sens en Windows-1252\)/,
    );
  });
});
