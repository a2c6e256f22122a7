import { expect, it } from 'vitest';
import { estimatedRowsSize } from './result-cache.ts';

it('estimates a large result’s size from sample rows, close to its JSON length', () => {
  const rows = Array.from({ length: 60_000 }, (_, i) => [`bénéficiaire ${i}`, 2020 + (i % 5), i * 1.5]);
  const exact = JSON.stringify(rows).length;
  const estimate = estimatedRowsSize(rows);
  expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.1);
  expect(estimatedRowsSize([])).toBe(2);
  expect(estimatedRowsSize([[1, 'a']])).toBe(JSON.stringify([[1, 'a']]).length);
});
