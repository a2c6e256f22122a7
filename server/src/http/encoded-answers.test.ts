import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EncodedAnswers, preferredEncoding } from './encoded-answers.ts';

describe('preferredEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['deflate', null],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['*', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['BR, GZIP', 'br'],
    ['gzip;q=0, br;q=0', null],
    ['br;q=0, gzip;q=0.1', 'gzip'],
    ['gzip; q=0.8, br ; q=0.9', 'br'],
  ])('%j → %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});

describe('EncodedAnswers', () => {
  const big = { rows: Array.from({ length: 200 }, (_v, i) => [`ligne ${i}`, i]) };
  const json = JSON.stringify(big);

  it('keeps the text and compresses it once per encoding', () => {
    const answers = new EncodedAnswers();
    expect(answers.text(big)).toBeUndefined();
    answers.keep(big, json);
    expect(answers.text(big)).toBe(json);
    const gzip = answers.encoded(big, json, 'gzip');
    const br = answers.encoded(big, json, 'br');
    expect(gunzipSync(gzip as Buffer).toString()).toBe(json);
    expect(brotliDecompressSync(br as Buffer).toString()).toBe(json);
    // The same bytes, not a new compression.
    expect(answers.encoded(big, json, 'gzip')).toBe(gzip);
    expect(answers.encoded(big, json, 'br')).toBe(br);
  });

  it('sends small answers as text, and nothing it does not keep', () => {
    const answers = new EncodedAnswers();
    const small = { rows: [[1]] };
    answers.keep(small, JSON.stringify(small));
    expect(answers.encoded(small, JSON.stringify(small), 'gzip')).toBeNull();
    // Never kept: no bytes, and never bytes of another text.
    expect(answers.encoded(big, json, 'gzip')).toBeNull();
    answers.keep(big, json);
    expect(answers.encoded(big, `${json} `, 'gzip')).toBeNull();
  });

  it('does not keep answers too large to hold beside the cache entry', () => {
    const answers = new EncodedAnswers();
    const huge = { text: 'x'.repeat(300 * 1024) };
    answers.keep(huge, JSON.stringify(huge));
    expect(answers.text(huge)).toBeUndefined();
  });
});
