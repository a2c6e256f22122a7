/**
 * Overseas insets: Guadeloupe, Martinique, Guyane, La Réunion and Mayotte drawn in small boxes
 * in a column west of metropolitan France, as INSEE's national maps show them.
 *
 * Why a projected copy of the geometry and not five small MapLibre maps: each MapLibre map holds
 * a WebGL context and Chromium keeps about sixteen per page, so a dashboard with three maps would
 * lose some; copies in the same source share the map's layers, so the insets are coloured,
 * hovered, clicked and exported (PNG) exactly like the main map, with no code of their own. The
 * real features stay too: the « Territoire affiché » menu still flies to the true coordinates.
 * Insets need the geometry on the client, so they apply to GeoJSON levels (région, département,
 * EPCI), not to commune vector tiles.
 */
import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import { type Bounds, geometryBounds } from './extent.ts';

export interface OverseasInset {
  readonly id: string;
  readonly label: string;
  /** Where the territory really is ([west, south, east, north], degrees). */
  readonly source: Bounds;
  /** The box it is drawn in beside metropolitan France. */
  readonly box: Bounds;
}

const BOX_WEST = -8.4;
const BOX_EAST = -5.9;
const BOX_HEIGHT = 1.7;
const BOX_GAP = 0.3;
/** Boxes stacked from the south, along metropolitan France's Atlantic side (41,4° N → 51° N). */
const box = (row: number): Bounds => {
  const south = 41.4 + row * (BOX_HEIGHT + BOX_GAP);
  return [BOX_WEST, south, BOX_EAST, south + BOX_HEIGHT];
};

export const OVERSEAS_INSETS: readonly OverseasInset[] = [
  { id: 'guadeloupe', label: 'Guadeloupe', source: [-61.85, 15.8, -60.95, 16.55], box: box(4) },
  { id: 'martinique', label: 'Martinique', source: [-61.25, 14.38, -60.8, 14.9], box: box(3) },
  { id: 'guyane', label: 'Guyane', source: [-54.65, 2.1, -51.6, 5.8], box: box(2) },
  { id: 'reunion', label: 'La Réunion', source: [55.2, -21.4, 55.85, -20.85], box: box(1) },
  { id: 'mayotte', label: 'Mayotte', source: [44.95, -13.05, 45.35, -12.6], box: box(0) },
];

/** Web Mercator, the projection MapLibre draws in: shapes keep their look once moved. */
const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const latitudeOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90;

/** Moves a position of `inset.source` into `inset.box`, same scale on both axes, centred. */
export function insetTransform(inset: OverseasInset): (p: Position) => Position {
  const [sw, ss, se, sn] = inset.source;
  const [bw, bs, be, bn] = inset.box;
  const deg = Math.PI / 180;
  const [sy0, sy1, by0, by1] = [mercatorY(ss), mercatorY(sn), mercatorY(bs), mercatorY(bn)];
  // 90 % of the box: the territory does not touch its frame.
  const scale = 0.9 * Math.min(((be - bw) * deg) / ((se - sw) * deg), (by1 - by0) / (sy1 - sy0));
  const [scx, scy] = [(sw + se) / 2, (sy0 + sy1) / 2];
  const [bcx, bcy] = [(bw + be) / 2, (by0 + by1) / 2];
  return ([x = 0, y = 0]) => [bcx + (x - scx) * scale, latitudeOf(bcy + (mercatorY(y) - scy) * scale)];
}

function mapGeometry(geometry: Geometry, move: (p: Position) => Position): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: move(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...geometry, coordinates: geometry.coordinates.map(move) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(move)) };
    case 'MultiPolygon':
      return {
        ...geometry,
        coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(move))),
      };
    case 'GeometryCollection':
      return { ...geometry, geometries: geometry.geometries.map((g) => mapGeometry(g, move)) };
  }
}

/** The inset a feature belongs to (its bounding box's centre in the territory), if any. */
export function insetOf(geometry: Geometry | null): OverseasInset | undefined {
  const bounds = geometry ? geometryBounds(geometry) : null;
  if (!bounds) return undefined;
  const [x, y] = [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2];
  return OVERSEAS_INSETS.find(({ source: [w, s, e, n] }) => x >= w && x <= e && y >= s && y <= n);
}

export interface WithInsets<G extends Geometry, P> {
  /** The features, plus a moved copy of each overseas one (same properties: same colour, same click). */
  readonly collection: FeatureCollection<G, P>;
  /** The insets' frames, drawn as thin grey boxes. */
  readonly frames: FeatureCollection<Polygon, { id: string; nom: string }>;
}

/**
 * Adds the insets when the data covers both metropolitan France and overseas territories
 * (`hasData`): the national view then shows every area with data. Null otherwise (a drill into
 * Bretagne, or into La Réunion alone, frames its own extent).
 */
export function withInsets<G extends Geometry, P>(
  collection: FeatureCollection<G, P>,
  hasData: (feature: Feature<G, P>) => boolean,
): WithInsets<G, P> | null {
  let metropolitan = false;
  let overseas = false;
  const copies: Feature<G, P>[] = [];
  for (const feature of collection.features) {
    const inset = insetOf(feature.geometry);
    const withData = hasData(feature);
    if (!inset) metropolitan ||= withData;
    else {
      overseas ||= withData;
      copies.push({ ...feature, geometry: mapGeometry(feature.geometry, insetTransform(inset)) as G });
    }
  }
  if (!metropolitan || !overseas) return null;
  return {
    collection: { ...collection, features: [...collection.features, ...copies] },
    frames: {
      type: 'FeatureCollection',
      features: OVERSEAS_INSETS.map(({ id, label, box: [w, s, e, n] }) => ({
        type: 'Feature',
        properties: { id, nom: label },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [w, s],
              [e, s],
              [e, n],
              [w, n],
              [w, s],
            ],
          ],
        },
      })),
    },
  };
}

/** Bounds of the inset boxes, to add to the national view's extent. */
export const INSETS_EXTENT: Bounds = [
  BOX_WEST,
  OVERSEAS_INSETS.reduce((s, i) => Math.min(s, i.box[1]), 90),
  BOX_EAST,
  OVERSEAS_INSETS.reduce((n, i) => Math.max(n, i.box[3]), -90),
];
