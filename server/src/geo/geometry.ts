import type { Geometry, Position } from 'geojson';

/**
 * Geometry helpers: coordinate rounding (payload size) and a representative point for
 * proportional symbols. Pure functions over GeoJSON.
 */

/** Rounds every coordinate to `decimals` (5 ≈ 1 m, far below what a choropleth shows). */
export function roundGeometry(geometry: Geometry, decimals: number): Geometry {
  const factor = 10 ** decimals;
  const round = (position: Position): Position => [
    Math.round((position[0] ?? 0) * factor) / factor,
    Math.round((position[1] ?? 0) * factor) / factor,
  ];
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: round(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(round) };
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((ring) => ring.map(round)) };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(round))),
      };
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        geometries: geometry.geometries.map((g) => roundGeometry(g, decimals)),
      };
  }
}

/** Signed area and area-weighted centroid of a ring (shoelace formula, planar lon/lat). */
function ringMoments(ring: readonly Position[]): { area: number; cx: number; cy: number } {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0 = 0, y0 = 0] = ring[j] ?? [];
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  const area = twiceArea / 2;
  if (area === 0) {
    const first = ring[0] ?? [0, 0];
    return { area: 0, cx: first[0] ?? 0, cy: first[1] ?? 0 };
  }
  return { area, cx: cx / (6 * area), cy: cy / (6 * area) };
}

/**
 * Centroid of the largest polygon (outer ring minus holes), so an archipelago or a commune
 * with an exclave gets its symbol on its main part, not in the sea between the parts.
 */
export function representativePoint(geometry: Geometry): [number, number] | null {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  let best: { area: number; x: number; y: number } | null = null;
  for (const polygon of polygons) {
    let area = 0;
    let sx = 0;
    let sy = 0;
    polygon.forEach((ring, index) => {
      const m = ringMoments(ring);
      // Outer ring adds, holes subtract, whatever their winding.
      const signed = index === 0 ? Math.abs(m.area) : -Math.abs(m.area);
      area += signed;
      sx += m.cx * signed;
      sy += m.cy * signed;
    });
    if (area > 0 && (!best || area > best.area)) best = { area, x: sx / area, y: sy / area };
  }
  if (best) return [Math.round(best.x * 1e5) / 1e5, Math.round(best.y * 1e5) / 1e5];
  if (geometry.type === 'Point') return [geometry.coordinates[0] ?? 0, geometry.coordinates[1] ?? 0];
  return null;
}
