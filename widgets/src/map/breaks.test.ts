import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classOf, JENKS_SAMPLE, jenksBreaks, quantileBreaks } from './breaks.ts';

/** Sum of squared deviations of each contiguous class from its mean. */
function cost(sorted: number[], cuts: number[]): number {
  let total = 0;
  let from = 0;
  for (const to of [...cuts, sorted.length]) {
    const group = sorted.slice(from, to);
    const mean = group.reduce((a, b) => a + b, 0) / group.length;
    total += group.reduce((a, b) => a + (b - mean) ** 2, 0);
    from = to;
  }
  return total;
}

/** Every way to cut n sorted values into k non-empty contiguous classes: the exhaustive optimum. */
function bruteForceBest(sorted: number[], k: number): number {
  let best = Number.POSITIVE_INFINITY;
  const walk = (cuts: number[], start: number) => {
    if (cuts.length === k - 1) {
      best = Math.min(best, cost(sorted, cuts));
      return;
    }
    for (let c = start; c <= sorted.length - (k - 1 - cuts.length); c++) walk([...cuts, c], c + 1);
  };
  walk([], 1);
  return best;
}

/** The cost of the partition a set of bounds induces. */
function costOfBounds(sorted: number[], bounds: number[]): number {
  const cuts: number[] = [];
  for (let i = 1; i < bounds.length - 1; i++) cuts.push(sorted.filter((v) => v <= (bounds[i] ?? 0)).length);
  return cost(sorted, cuts);
}

describe('quantileBreaks', () => {
  it('splits 1..100 in equal-count classes', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    // R type-7 quantiles of 1..100 at 0,2 / 0,4 / 0,6 / 0,8.
    expect(quantileBreaks(values, 5)).toEqual([1, 20.8, 40.6, 60.4, 80.2, 100]);
  });

  it('merges equal bounds but keeps a class for a repeated minimum', () => {
    expect(quantileBreaks([0, 0, 0, 0, 0, 0, 0, 5, 10, 20], 4)).toEqual([0, 0, 3.75, 20]);
    expect(quantileBreaks([7, 7, 7], 5)).toEqual([7, 7]);
    expect(quantileBreaks([], 5)).toEqual([]);
  });

  it('ignores NaN and infinities', () => {
    expect(quantileBreaks([Number.NaN, 1, 2, Number.POSITIVE_INFINITY, 3], 2)).toEqual([1, 2, 3]);
  });
});

describe('jenksBreaks', () => {
  it('finds the obvious groups', () => {
    expect(jenksBreaks([1, 2, 3, 10, 11, 12, 50, 51, 52], 3)).toEqual([1, 3, 12, 52]);
    expect(jenksBreaks([4, 5, 9, 10], 2)).toEqual([4, 5, 10]);
  });

  it('matches the exhaustive optimum on a textbook series', () => {
    // Jenks & Caspall style example: skewed data with a long tail.
    const data = [0.2, 0.4, 0.9, 1.1, 1.5, 2.3, 3.1, 3.3, 4.8, 7.7, 8.2, 9.1, 15.4, 16.2, 30.9];
    for (const k of [2, 3, 4, 5]) {
      const bounds = jenksBreaks(data, k);
      expect(bounds).toHaveLength(k + 1);
      expect(costOfBounds(data, bounds)).toBeCloseTo(bruteForceBest(data, k), 9);
    }
  });

  it('is optimal on random small inputs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 11 }),
        fc.integer({ min: 2, max: 4 }),
        (raw, k) => {
          const data = [...new Set(raw)].sort((a, b) => a - b);
          fc.pre(data.length > k);
          expect(costOfBounds(data, jenksBreaks(data, k))).toBeCloseTo(bruteForceBest(data, k), 6);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('samples large inputs but keeps the extremes', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? i : 1e6 + i));
    const started = performance.now();
    const bounds = jenksBreaks(values, 5);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(1e6 + 19_999);
    // The gap between the two clouds is a break.
    expect(bounds.some((b) => b >= 19_000 && b < 1e6)).toBe(true);
    expect(JENKS_SAMPLE).toBeLessThan(values.length);
  });
});

describe('classOf', () => {
  const bounds = [0, 10, 20, 30];
  it.each([
    [0, 0],
    [5, 0],
    [10, 0],
    [10.01, 1],
    [20, 1],
    [29, 2],
    [30, 2],
    [99, 2],
    [-5, 0],
  ])('puts %d in class %d', (value, expected) => {
    expect(classOf(value, bounds)).toBe(expected);
  });
});
