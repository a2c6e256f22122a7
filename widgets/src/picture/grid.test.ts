import { describe, expect, it } from 'vitest';
import { type Grid, type GridRow, planGrid } from './grid.ts';
import type { MeasureText } from './types.ts';

/** Every character as wide as half the font size (Marianne's figures are close to that). */
const measure: MeasureText = (text, style) => text.length * style.size * 0.5;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** A pivot's shape: row labels, then `groups` column values of three measures each. */
function pivot(groups: number): Grid {
  const header: GridRow = {
    kind: 'header',
    cells: [
      { text: 'Département' },
      ...Array.from({ length: groups }, (_, g) => ({ text: `Type ${g}`, span: 3, align: 'right' as const })),
    ],
  };
  const measures: GridRow = {
    kind: 'header',
    cells: [{ text: '' }, ...Array.from({ length: groups * 3 }, (_, i) => ({ text: `Mesure ${i % 3}` }))],
  };
  const row = (name: string): GridRow => ({
    kind: 'body',
    cells: [
      { text: name },
      ...Array.from({ length: groups * 3 }, () => ({ text: '1 234 567,89 €', align: 'right' as const })),
    ],
  });
  return { columns: 1 + groups * 3, rows: [header, measures, row('Ille-et-Vilaine'), row('Morbihan')] };
}

describe('planGrid', () => {
  it('keeps a grid that fits in one band, spread across the width, at the largest font', () => {
    const { size, bands } = planGrid(pivot(1), 900, measure);
    expect(size).toBe(13);
    expect(bands).toHaveLength(1);
    expect(sum(bands[0]?.widths ?? [])).toBeCloseTo(900);
  });

  it('splits a wide grid into bands that repeat the row labels and never split a spanning header', () => {
    const grid = pivot(5);
    const { size, bands } = planGrid(grid, 900, measure);
    expect(bands.length).toBeGreaterThan(1);
    expect(size).toBeGreaterThanOrEqual(10);
    const types = bands.flatMap((band) => {
      // Row labels first in every band, then whole groups of three measures.
      expect(band.rows.map((r) => r.cells[0]?.text)).toEqual([
        'Département',
        '',
        'Ille-et-Vilaine',
        'Morbihan',
      ]);
      const groups = band.rows[0]?.cells.slice(1) ?? [];
      expect(band.rows[1]?.cells.length).toBe(1 + groups.length * 3);
      expect(band.widths).toHaveLength(1 + groups.length * 3);
      expect(sum(band.widths)).toBeLessThanOrEqual(900);
      // Nothing cut: each figure fits its column at the band's font size.
      const figure = measure('1 234 567,89 €', { size }) + 16;
      for (const width of band.widths.slice(1)) expect(width).toBeGreaterThanOrEqual(figure - 0.01);
      return groups.map((cell) => cell.text);
    });
    expect(types).toEqual(['Type 0', 'Type 1', 'Type 2', 'Type 3', 'Type 4']);
  });

  it('narrows a band that cannot fit even alone, at the smallest font', () => {
    const { size, bands } = planGrid(pivot(2), 200, measure);
    expect(size).toBe(9);
    for (const band of bands) expect(sum(band.widths)).toBeLessThanOrEqual(200 + 1e-9);
  });
});
