import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportRefusedError } from './records.ts';
import { CsvTokenizer, type Quoting } from './tokenizer.ts';

interface Record {
  readonly fields: string[] | null;
  readonly line: number;
  readonly raw: string;
  readonly terminated: boolean;
}

/** Tokenises `text` pushed in pieces of the given sizes (cycled), then ends. */
function tokenize(
  text: string,
  options: {
    separator?: ',' | ';';
    quoting?: Quoting;
    pieces?: readonly number[];
    maxRecordLength?: number;
  } = {},
): Record[] {
  const records: Record[] = [];
  const tokenizer = new CsvTokenizer({
    separator: options.separator ?? ',',
    quoting: options.quoting ?? 'rfc4180',
    firstLine: 1,
    maxRecordLength: options.maxRecordLength ?? 1 << 20,
  });
  const sink = (fields: string[] | null, line: number, raw: string, terminated: boolean) =>
    records.push({ fields, line, raw, terminated });
  const pieces = options.pieces ?? [text.length || 1];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = Math.max(1, pieces[i % pieces.length] as number);
    tokenizer.push(text.slice(at, at + size), sink);
    at += size;
  }
  tokenizer.end(sink);
  return records;
}

const fieldsOf = (records: Record[]) => records.map((r) => r.fields);

/** Well-formed CSV (RFC 4180): csv-parse, the library the project already trusts, is the reference. */
const wellFormedCsv = (separator: ',' | ';') => {
  const plain = fc.string({
    unit: fc.constantFrom(...`ab Z9é#/-.${separator === ',' ? ';' : ','}`),
    maxLength: 8,
  });
  const quoted = fc
    .string({ unit: fc.constantFrom(...`ab "\n\r${separator}é`), maxLength: 8 })
    .map((text) => `"${text.replaceAll('"', '""')}"`);
  const field = fc.oneof({ arbitrary: plain, weight: 3 }, { arbitrary: quoted, weight: 1 });
  const row = fc.array(field, { minLength: 1, maxLength: 6 }).map((fields) => fields.join(separator));
  return fc
    .tuple(fc.array(row, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([rows, eol, finalBreak]) => rows.join(eol) + (finalBreak ? eol : ''));
};

describe('CsvTokenizer (rfc4180)', () => {
  it('reads well-formed CSV as csv-parse does, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<',' | ';'>(',', ';'),
        fc.gen(),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        (separator, gen, pieces) => {
          const text = gen(() => wellFormedCsv(separator));
          const expected = parse(text, {
            delimiter: separator,
            relax_column_count: true,
            skip_empty_lines: true,
          }) as string[][];
          expect(fieldsOf(tokenize(text, { separator, pieces }))).toEqual(expected);
          expect(fieldsOf(tokenize(text, { separator }))).toEqual(expected);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('numbers each record by the line it starts on, quoted line breaks included', () => {
    const text = 'a,b\n\n"x\ny",z\r\nlast,"q"\n';
    const records = tokenize(text, { pieces: [1] });
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [3, ['x\ny', 'z']],
      [5, ['last', 'q']],
    ]);
    expect(records.map((r) => r.raw)).toEqual(['a,b', '"x\ny",z', 'last,"q"']);
  });

  it('keeps stray quotes as text: inside an unquoted field, or not followed by the separator', () => {
    expect(fieldsOf(tokenize('ab"c,d\n'))).toEqual([['ab"c', 'd']]);
    expect(fieldsOf(tokenize('"a"b",c\n'))).toEqual([['a"b', 'c']]);
    expect(fieldsOf(tokenize('1,"22500,12"\n2,15000'))).toEqual([
      ['1', '22500,12'],
      ['2', '15000'],
    ]);
    expect(fieldsOf(tokenize(',"",\n'))).toEqual([['', '', '']]);
  });

  it('says whether the last record ended with a line break', () => {
    expect(tokenize('a,b\nc,d').map((r) => r.terminated)).toEqual([true, false]);
    expect(tokenize('a,b\nc,d\n').map((r) => r.terminated)).toEqual([true, true]);
    expect(tokenize('a,"b"').map((r) => [r.fields, r.terminated])).toEqual([[['a', 'b'], false]]);
  });

  it('refuses a quote still open at the end of the file as a truncated file', () => {
    const error = (() => {
      try {
        tokenize('a,b\nc,"22500,', { pieces: [3] });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect(error).toMatchObject({ code: 'TRUNCATED' });
    expect((error as Error).message).toContain('guillemet ouvert ligne 2');
  });

  it('refuses a record longer than the limit instead of holding the rest of the file', () => {
    const text = `a,b\nc,"${'x'.repeat(5000)}\nd,e\n`;
    expect(() => tokenize(text, { pieces: [100], maxRecordLength: 1000 })).toThrow(
      /Ligne 2 : plus de 1 Kio sans fin de ligne/,
    );
  });
});

describe('CsvTokenizer (all-quoted, AIFE)', () => {
  it('reads fields whose inner quotes are not doubled, as the national export writes them', () => {
    const text =
      '"0354";"1000972118";"XXX ";P BBB"";"13000326200024"\r\n' +
      '"0354";"1000972118";"AGENCE; NATIONALE "DES TITRES"";"13000326200024"\r\n' +
      '"0354";"";"say ""hi""";"x"';
    expect(fieldsOf(tokenize(text, { separator: ';', quoting: 'all-quoted', pieces: [5] }))).toEqual([
      ['0354', '1000972118', 'XXX ";P BBB"', '13000326200024'],
      ['0354', '1000972118', 'AGENCE; NATIONALE "DES TITRES"', '13000326200024'],
      ['0354', '', 'say "hi"', 'x'],
    ]);
  });

  it('hands over a line that is not quoted as it should be, with its line number', () => {
    const records = tokenize('"a";"b"\r\n"a";b\r\n"c";"d"\r\n', { separator: ';', quoting: 'all-quoted' });
    expect(records.map((r) => [r.line, r.fields, r.raw])).toEqual([
      [1, ['a', 'b'], '"a";"b"'],
      [2, null, '"a";b'],
      [3, ['c', 'd'], '"c";"d"'],
    ]);
  });
});
