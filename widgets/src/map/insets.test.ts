import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryBounds } from './extent.ts';
import type { AreaCollection, AreaProperties } from './geoSource.ts';
import { INSETS_EXTENT, insetOf, insetTransform, OVERSEAS_INSETS, withInsets } from './insets.ts';
import { AREA_SOURCE, INSET_SOURCE, LAYER_IDS, SYMBOL_SOURCE } from './layers.ts';
import type { MapData } from './mapData.ts';
import { type MapGeometry, toScene } from './scene.ts';
import { resolveMapOptions } from './spec.ts';

const box = (code: string, [w, s, e, n]: readonly number[]): Feature<Polygon, AreaProperties> => ({
  type: 'Feature',
  properties: { code, nom: code },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [w ?? 0, s ?? 0],
        [e ?? 0, s ?? 0],
        [e ?? 0, n ?? 0],
        [w ?? 0, n ?? 0],
        [w ?? 0, s ?? 0],
      ],
    ],
  },
});
const centre = (code: string, x: number, y: number): Feature<Point, AreaProperties> => ({
  type: 'Feature',
  properties: { code, nom: code },
  geometry: { type: 'Point', coordinates: [x, y] },
});

const departements: AreaCollection = {
  type: 'FeatureCollection',
  features: [
    box('29', [-4.8, 47.7, -3.4, 48.8]),
    box('35', [-2.3, 47.6, -1, 48.7]),
    box('974', [55.22, -21.39, 55.84, -20.87]),
    box('971', [-61.8, 15.83, -61, 16.5]),
  ],
};
const geometry: MapGeometry = {
  attribution: 'IGN',
  communeTiles: { url: 'x', sourceLayer: 'communes', minzoom: 4, maxzoom: 10, promoteId: 'code' },
  boundaries: { departement: departements },
  centroids: {
    departement: {
      type: 'FeatureCollection',
      features: [centre('29', -4, 48.2), centre('35', -1.6, 48.1), centre('974', 55.5, -21.1)],
    },
  },
};
const data = (values: [string, number | null][]): MapData => ({
  kind: 'areas',
  data: {
    field: 'departement',
    level: 'departement',
    measure: { id: 'm', title: 'Montant', format: 'eur' },
    areas: values.map(([code, value]) => ({ code, label: code, value })),
  },
});
const within = ([w, s, e, n]: readonly number[], [bw, bs, be, bn]: readonly number[]) =>
  (w ?? 0) >= (bw ?? 0) && (s ?? 0) >= (bs ?? 0) && (e ?? 0) <= (be ?? 0) && (n ?? 0) <= (bn ?? 0);

describe('overseas insets', () => {
  it('moves each territory inside its own box, west of metropolitan France, boxes apart', () => {
    for (const inset of OVERSEAS_INSETS) {
      const move = insetTransform(inset);
      const [w, s, e, n] = inset.source;
      const moved = [move([w, s]), move([e, n])].flat();
      expect(within([moved[0], moved[1], moved[2], moved[3]] as number[], inset.box), inset.id).toBe(true);
      // West of Finistère (−4,8°): no inset ever covers a metropolitan area.
      expect(inset.box[2]).toBeLessThan(-5.3);
    }
    const boxes = OVERSEAS_INSETS.map((i) => i.box).sort((a, b) => a[1] - b[1]);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]?.[1]).toBeGreaterThan(boxes[i - 1]?.[3] ?? 0);
  });

  it('knows which territory a feature is in', () => {
    expect(insetOf(departements.features[2]?.geometry ?? null)?.id).toBe('reunion');
    expect(insetOf(departements.features[3]?.geometry ?? null)?.id).toBe('guadeloupe');
    expect(insetOf(departements.features[0]?.geometry ?? null)).toBeUndefined();
  });

  it('adds moved copies only when the data covers both metropolitan France and overseas', () => {
    const codes = (set: string[]) => (f: Feature) => set.includes(String(f.properties?.code));
    expect(withInsets(departements, codes(['29', '35']))).toBeNull();
    expect(withInsets(departements, codes(['974']))).toBeNull();
    const both = withInsets(departements, codes(['29', '974']));
    expect(both?.collection.features.map((f) => f.properties.code)).toEqual([
      '29',
      '35',
      '974',
      '971',
      '974',
      '971',
    ]);
    expect(both?.frames.features).toHaveLength(5);
  });

  it('draws the insets in the national choropleth: copies coloured like the originals, framed, in view', () => {
    const scene = toScene(
      data([
        ['29', 10],
        ['35', 20],
        ['974', 30],
      ]),
      resolveMapOptions({ classes: 3 }),
      geometry,
    );
    const source = scene.sources[AREA_SOURCE] as { data: FeatureCollection };
    const copies = source.data.features.filter((f) => f.properties?.code === '974');
    expect(copies).toHaveLength(2);
    const reunion = OVERSEAS_INSETS.find((i) => i.id === 'reunion');
    const moved = copies[1]?.geometry ? geometryBounds(copies[1].geometry) : null;
    expect(reunion && moved && within(moved, reunion.box)).toBe(true);
    expect(scene.sources[INSET_SOURCE]).toBeDefined();
    expect(scene.layers.map((l) => l.id)).toContain(LAYER_IDS.insetFrames);
    // The view takes in metropolitan data and the boxes, not the Indian Ocean.
    expect(scene.extent).toEqual([INSETS_EXTENT[0], INSETS_EXTENT[1], -1, INSETS_EXTENT[3]]);
  });

  it('places the overseas circles of proportional symbols in the insets too', () => {
    const scene = toScene(
      data([
        ['29', 10],
        ['974', 30],
      ]),
      resolveMapOptions({ mode: 'symbols' }),
      geometry,
    );
    const symbols = (scene.sources[SYMBOL_SOURCE] as { data: FeatureCollection<Point> }).data.features;
    const reunion = symbols.filter((f) => f.properties?.code === '974').map((f) => f.geometry.coordinates);
    expect(reunion).toHaveLength(2);
    expect(reunion[1]?.[0]).toBeLessThan(-5.3);
  });

  it('adds nothing to a drill into one région', () => {
    const scene = toScene(
      data([
        ['29', 10],
        ['35', 20],
      ]),
      resolveMapOptions({ classes: 3 }),
      geometry,
    );
    expect(scene.sources[INSET_SOURCE]).toBeUndefined();
    expect((scene.sources[AREA_SOURCE] as { data: FeatureCollection }).data.features).toHaveLength(4);
  });
});
