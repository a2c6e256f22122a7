import { describe, expect, it } from 'vitest';
import { formatCompactEur, formatEur, formatInteger, formatNumber, formatPercent } from './number.ts';

/** Intl separators, written out so the expected strings are unambiguous. */
const NNBSP = '\u202f'; // group separator
const NBSP = '\u00a0'; // before € and %

/** Replaces every kind of space by a plain one, for readable assertions. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatEur', () => {
  it('formats with Intl fr-FR separators', () => {
    expect(formatEur(1234567.89)).toBe(`1${NNBSP}234${NNBSP}567,89${NBSP}€`);
  });

  it('drops cents for whole amounts unless asked', () => {
    expect(plain(formatEur(977561920))).toBe('977 561 920 €');
    expect(plain(formatEur(12, { decimals: 2 }))).toBe('12,00 €');
    expect(plain(formatEur(12.4, { decimals: 0 }))).toBe('12 €');
    expect(plain(formatEur(0.5))).toBe('0,50 €');
  });

  it('handles negatives and missing values', () => {
    expect(plain(formatEur(-1500))).toBe('-1 500 €');
    expect(formatEur(null)).toBe('—');
    expect(formatEur(undefined)).toBe('—');
    expect(formatEur(Number.NaN)).toBe('—');
  });
});

describe('formatCompactEur', () => {
  it.each([
    [1.2e6, '1,2 M€'],
    [2e6, '2 M€'],
    [3.45e9, '3,5 Md€'],
    [977561920, '977,6 M€'],
    [1500, '1,5 k€'],
    [999_960, '1 M€'],
    [999_940, '999,9 k€'],
    [850, '850 €'],
    [0, '0 €'],
    [-2.5e6, '-2,5 M€'],
  ])('%d → %s', (value, expected) => {
    expect(plain(formatCompactEur(value))).toBe(expected);
  });

  it('keeps the unit on the same line', () => {
    expect(formatCompactEur(1.2e6)).toBe(`1,2${NBSP}M€`);
  });

  it('shows a dash for a missing value', () => {
    expect(formatCompactEur(null)).toBe('—');
  });
});

describe('formatNumber / formatInteger / formatPercent', () => {
  it('formats numbers with two decimals at most', () => {
    expect(plain(formatNumber(1234567.891))).toBe('1 234 567,89');
    expect(plain(formatNumber(3.5, { minimumFractionDigits: 2 }))).toBe('3,50');
  });

  it('rounds integers', () => {
    expect(plain(formatInteger(1234567.6))).toBe('1 234 568');
    expect(formatInteger(null)).toBe('—');
  });

  it('formats ratios as percentages', () => {
    expect(formatPercent(0.1234)).toBe(`12,3${NBSP}%`);
    expect(plain(formatPercent(1))).toBe('100 %');
    expect(plain(formatPercent(0.12345, 2))).toBe('12,35 %');
  });
});
