import { describe, expect, it } from 'vitest';
import { AliasTable, Random } from './random.ts';

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 5 }, () => random.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws uniform floats and bounded integers', () => {
    const random = new Random(1);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random.float();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) {
      const k = random.int(3);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(random.digits(10)).toMatch(/^\d{10}$/);
  });

  it('samples an alias table in proportion to the weights, never a zero weight', () => {
    const random = new Random(7);
    const table = new AliasTable([1, 0, 3, 6]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) {
      const k = table.sample(random);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[0] as number) / 100_000).toBeCloseTo(0.1, 1);
    expect((counts[2] as number) / 100_000).toBeCloseTo(0.3, 1);
    expect((counts[3] as number) / 100_000).toBeCloseTo(0.6, 1);
    expect(() => new AliasTable([0, 0])).toThrow();
  });
});
