import { describe, expect, it } from 'vitest';
import { formatValue, isNumericFormat } from './value.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatValue', () => {
  it('formats by catalogue format', () => {
    expect(plain(formatValue(977561920, 'eur'))).toBe('977 561 920 €');
    expect(plain(formatValue(1234567.89, 'eur'))).toBe('1 234 567,89 €');
    expect(plain(formatValue(4133.2, 'integer'))).toBe('4 133');
    expect(plain(formatValue(1234.567, 'number'))).toBe('1 234,57');
    expect(plain(formatValue(0.875, 'percent'))).toBe('87,5 %');
    expect(formatValue(2024, 'year')).toBe('2024');
    expect(formatValue('DETR', 'text')).toBe('DETR');
  });

  it('accepts numeric strings (DuckDB decimals, bigints serialised as text)', () => {
    expect(plain(formatValue('1234567', 'eur'))).toBe('1 234 567 €');
    expect(formatValue('2021', 'year')).toBe('2021');
  });

  it('leaves non-numeric strings and unknown formats alone', () => {
    expect(formatValue('Autres', 'eur')).toBe('Autres');
    expect(formatValue(12345, undefined)).toBe('12345');
  });

  it('shows missing values as a dash and booleans in French', () => {
    expect(formatValue(null, 'eur')).toBe('—');
    expect(formatValue(undefined, 'text')).toBe('—');
    expect(formatValue(true, 'text')).toBe('oui');
  });
});

describe('isNumericFormat', () => {
  it('tells quantities from labels', () => {
    expect(isNumericFormat('eur')).toBe(true);
    expect(isNumericFormat('percent')).toBe(true);
    expect(isNumericFormat('year')).toBe(false);
    expect(isNumericFormat('text')).toBe(false);
    expect(isNumericFormat(undefined)).toBe(false);
  });
});
