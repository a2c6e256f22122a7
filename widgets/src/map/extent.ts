import type { Feature, Geometry, Position } from 'geojson';

/** [west, south, east, north] in degrees. */
export type Bounds = readonly [number, number, number, number];

/** Views of the jump menu: metropolitan France and the five overseas départements. */
export const TERRITORY_VIEWS: readonly {
  readonly id: string;
  readonly label: string;
  readonly bounds: Bounds;
}[] = [
  { id: 'metropole', label: 'Métropole', bounds: [-5.3, 41.3, 9.7, 51.2] },
  { id: 'guadeloupe', label: 'Guadeloupe', bounds: [-61.85, 15.8, -60.95, 16.55] },
  { id: 'martinique', label: 'Martinique', bounds: [-61.25, 14.38, -60.8, 14.9] },
  { id: 'guyane', label: 'Guyane', bounds: [-54.65, 2.1, -51.6, 5.8] },
  { id: 'reunion', label: 'La Réunion', bounds: [55.2, -21.4, 55.85, -20.85] },
  { id: 'mayotte', label: 'Mayotte', bounds: [44.95, -13.05, 45.35, -12.6] },
];

const METROPOLE = TERRITORY_VIEWS[0]?.bounds ?? [-5.3, 41.3, 9.7, 51.2];

function eachPosition(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const ring of geometry.coordinates) ring.forEach(visit);
      return;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) ring.forEach(visit);
      return;
    case 'GeometryCollection':
      for (const g of geometry.geometries) eachPosition(g, visit);
  }
}

export function geometryBounds(geometry: Geometry): Bounds | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  eachPosition(geometry, ([x = 0, y = 0]) => {
    w = Math.min(w, x);
    s = Math.min(s, y);
    e = Math.max(e, x);
    n = Math.max(n, y);
  });
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

export const union = (a: Bounds, b: Bounds): Bounds => [
  Math.min(a[0], b[0]),
  Math.min(a[1], b[1]),
  Math.max(a[2], b[2]),
  Math.max(a[3], b[3]),
];

function isMetropolitan(bounds: Bounds): boolean {
  const x = (bounds[0] + bounds[2]) / 2;
  const y = (bounds[1] + bounds[3]) / 2;
  return x >= METROPOLE[0] - 1 && x <= METROPOLE[2] + 1 && y >= METROPOLE[1] - 1 && y <= METROPOLE[3] + 1;
}

/**
 * The view framing the features: metropolitan ones when there are any (framing Paris and
 * La Réunion together would show the Indian Ocean), else the overseas ones. The jump menu
 * reaches the other territories.
 */
export function dataExtent(features: readonly Feature[]): Bounds | null {
  const all = features.flatMap((f) => {
    const b = f.geometry ? geometryBounds(f.geometry) : null;
    return b ? [b] : [];
  });
  const metro = all.filter(isMetropolitan);
  const chosen = metro.length > 0 ? metro : all;
  return chosen.length > 0 ? chosen.reduce(union) : null;
}

/** Département of a commune code: `35238` → `35`, `2A004` → `2A`, `97411` → `974`. */
export function departementOfCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}
