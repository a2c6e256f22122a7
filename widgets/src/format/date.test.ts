import { describe, expect, it } from 'vitest';
import { formatDate } from './date.ts';

describe('formatDate', () => {
  it('formats ISO dates as dd/mm/yyyy in Paris time', () => {
    expect(formatDate('2024-03-05T10:00:00Z')).toBe('05/03/2024');
    expect(formatDate('2023-12-31T23:30:00Z')).toBe('01/01/2024');
    expect(formatDate('2019-07-14')).toBe('14/07/2019');
  });

  it('returns null for missing or invalid dates', () => {
    expect(formatDate(null)).toBeNull();
    expect(formatDate('')).toBeNull();
    expect(formatDate('pas une date')).toBeNull();
  });
});
