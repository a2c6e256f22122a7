/** Input limits: text rules, JSON bounds without recursion, duplicates found in linear time. */
import { describe, expect, test } from 'vitest';
import { SpecError } from './errors.ts';
import { scanJsonText, scanJsonValue } from './jsonScan.ts';
import { INT32_MAX, JSON_LIMITS, SAFE_TEXT_PATTERN, textFault } from './limits.ts';
import { validateSpecShape } from './validate.ts';

describe('textFault', () => {
  test.each([
    ['plain French', 'Politique de la ville — été 2024', null],
    ['a well-formed pair (emoji)', 'carte 🗺️ région', null],
    ['NUL', 'a\u0000b', 'caractère nul (U+0000) interdit'],
    ['a lone high surrogate', 'titre \ud800', 'caractère UTF-16 isolé (demi-paire de substitution) interdit'],
    ['a lone low surrogate', '\udc00titre', 'caractère UTF-16 isolé (demi-paire de substitution) interdit'],
    [
      'two high surrogates',
      '\ud800\ud800\udc00',
      'caractère UTF-16 isolé (demi-paire de substitution) interdit',
    ],
  ])('%s', (_, text, expected) => {
    expect(textFault(text)).toBe(expected);
  });

  test('the schema pattern says the same (u flag, as ajv and TypeBox read it)', () => {
    const pattern = new RegExp(SAFE_TEXT_PATTERN, 'u');
    for (const text of ['été', '🗺️', '', 'a\u0000', '\ud800', 'x\udfff'])
      expect(pattern.test(text)).toBe(textFault(text) === null);
  });
});

describe('scanJsonText (raw text, before parsing)', () => {
  const bounds = { maxDepth: 3, maxNodes: 10 };

  test('accepts what fits, names the container opened too deep', () => {
    expect(scanJsonText('{"a":[{"b":1}]}', bounds)).toBeNull();
    expect(scanJsonText('{"a":[{"b/c":[1]}]}', bounds)).toEqual({
      path: '/a/0/b~1c',
      reason: 'imbrication trop profonde (3 niveaux au plus)',
    });
    expect(scanJsonText('[1,2,[3,{"x":{}}]]', bounds)?.path).toBe('/2/1/x');
  });

  test('brackets, commas and quotes inside texts do not count', () => {
    expect(scanJsonText('{"a":"[[[[,,,,,,,,,,,\\"[[["}', bounds)).toBeNull();
  });

  test('counts values', () => {
    expect(scanJsonText(`[${Array(9).fill(0).join(',')}]`, bounds)).toBeNull();
    expect(scanJsonText(`[${Array(10).fill(0).join(',')}]`, bounds)?.reason).toBe(
      'trop de valeurs (10 au plus)',
    );
  });

  test('one million nested brackets: refused at once, no stack used', () => {
    const text = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(scanJsonText(text, JSON_LIMITS)?.reason).toMatch(/imbrication trop profonde/);
  });
});

describe('scanJsonValue (parsed value)', () => {
  const bounds = { maxDepth: 4, maxNodes: 100, maxKeyLength: 5, maxStringLength: 10 };

  test.each([
    ['NUL in a nested text', { a: [{ b: 'x\u0000' }] }, '/a/0/b', 'caractère nul (U+0000) interdit'],
    ['lone surrogate in a key', { a: { 'k\ud800': 1 } }, '/a/k\ud800', 'clé invalide, caractère UTF-16'],
    ['a long key', { abcdef: 1 }, '/abcdef', 'clé trop longue (5 caractères au plus)'],
    ['a long text', { a: 'x'.repeat(11) }, '/a', 'texte trop long (10 caractères au plus)'],
    ['too deep', { a: { b: { c: { d: { e: 1 } } } } }, '/a/b/c/d', 'imbrication trop profonde'],
    ['too many values', { a: Array(100).fill(1) }, '/a', 'trop de valeurs (100 au plus)'],
  ])('%s', (_, value, path, reason) => {
    const fault = scanJsonValue(value, bounds, '');
    expect(fault?.path).toBe(path);
    expect(fault?.reason).toContain(reason);
  });

  test('a base pointer prefixes the path', () => {
    expect(scanJsonValue({ a: '\u0000' }, bounds, '/widgets/0/options')?.path).toBe('/widgets/0/options/a');
  });

  test('100 000 nested arrays built in memory: refused, no stack overflow', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(scanJsonValue(deep, JSON_LIMITS)?.reason).toMatch(/imbrication trop profonde/);
  });

  test('the limits fit an int32 id', () => {
    expect(INT32_MAX).toBe(2 ** 31 - 1);
  });
});

describe('duplicates in a spec (linear, after the size checks)', () => {
  // The best of three runs: the bound is about the algorithm, not JIT warm-up or a busy machine.
  const timed = (spec: unknown): { error: SpecError; ms: number } => {
    let ms = Number.POSITIVE_INFINITY;
    let error = errorOf(spec);
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      error = errorOf(spec);
      ms = Math.min(ms, performance.now() - started);
    }
    return { error, ms };
  };
  const errorOf = (spec: unknown): SpecError => {
    try {
      validateSpecShape(spec);
    } catch (error) {
      if (error instanceof SpecError) return error;
      throw error;
    }
    throw new Error('expected a SpecError');
  };

  test.each([
    ['measures', { dataset: 'd', measures: ['a', 'b', 'a'] }, '/measures'],
    ['dimensions', { dataset: 'd', measures: [], dimensions: ['x', 'x'] }, '/dimensions'],
    ['subtotals', { dataset: 'd', measures: [], subtotals: ['x', 'y', 'y'] }, '/subtotals'],
  ])('%s: « éléments en double » with the path of the list', (_, spec, path) => {
    const error = errorOf(spec);
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.path).toBe(path);
    expect(error.message).toBe(`La requête est invalide (éléments en double) à l’emplacement « ${path} ».`);
  });

  test('40 000 identical measures: « trop d’éléments » in a few milliseconds (was 21 s)', () => {
    const { error, ms } = timed({ dataset: 'chorus_lignes', measures: Array(40_000).fill('a') });
    expect(ms).toBeLessThan(50);
    expect(error.path).toBe('/measures');
    expect(error.details?.reason).toBe('trop d’éléments');
  });

  test('oversized lists deeper in the spec are caught before the schema', () => {
    const values = Array(200_000).fill('x');
    const { error, ms } = timed({ dataset: 'd', measures: [], filters: [{ field: 'f', op: 'in', values }] });
    expect(ms).toBeLessThan(50);
    expect(error.path).toBe('/filters/0/values');
  });

  test('a spec of many values within every list size is refused before the schema report', () => {
    const filters = Array.from({ length: 100 }, () => ({
      field: 'f',
      op: 'in',
      values: Array(1000).fill(1),
    }));
    const { error, ms } = timed({ dataset: 'd', measures: [], filters, bogus: true });
    expect(ms).toBeLessThan(50);
    expect(error.details?.reason).toBe('trop de valeurs (10000 au plus)');
  });
});
