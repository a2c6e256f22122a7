import { describe, expect, it } from 'vitest';
import { formatYears } from './years.ts';

describe('formatYears', () => {
  it('writes runs as ranges and lists the rest, in order, once each', () => {
    expect(formatYears([2019])).toBe('2019');
    expect(formatYears([2023, 2021, 2022])).toBe('2021–2023');
    expect(formatYears([2019, 2021])).toBe('2019 et 2021');
    expect(formatYears([2017, 2018, 2019, 2021, 2024, 2024])).toBe('2017–2019, 2021 et 2024');
    expect(formatYears([])).toBe('');
  });
});
