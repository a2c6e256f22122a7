import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { representativePoint, roundGeometry } from './geometry.ts';

const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('representativePoint', () => {
  it('is the centre of a square, whatever the winding', () => {
    expect(representativePoint({ type: 'Polygon', coordinates: [square(0, 0, 2)] })).toEqual([1, 1]);
    const reversed = square(0, 0, 2).reverse();
    expect(representativePoint({ type: 'Polygon', coordinates: [reversed] })).toEqual([1, 1]);
  });

  it('subtracts holes', () => {
    // 4×4 square with a 2×2 hole in its right half: area 12, centroid x = (16·2 − 4·3) / 12 = 5/3.
    const polygon: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 4), square(2, 1, 2)] };
    const [x = 0, y = 0] = representativePoint(polygon) ?? [];
    expect(x).toBeCloseTo(5 / 3, 4);
    expect(y).toBeCloseTo(2, 4);
  });

  it('picks the largest part of a multipolygon (an island does not pull it into the sea)', () => {
    const geometry: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[square(10, 10, 1)], [square(0, 0, 3)]],
    };
    expect(representativePoint(geometry)).toEqual([1.5, 1.5]);
  });

  it('returns null for lines', () => {
    expect(representativePoint({ type: 'LineString', coordinates: square(0, 0, 1) })).toBeNull();
  });
});

describe('roundGeometry', () => {
  it('rounds every position to the given decimals', () => {
    const rounded = roundGeometry(
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [1.123456789, 2.987654321],
              [3, 4],
              [5.000004, 6.000006],
            ],
          ],
        ],
      },
      5,
    );
    expect(rounded).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [1.12346, 2.98765],
            [3, 4],
            [5, 6.00001],
          ],
        ],
      ],
    });
  });
});
