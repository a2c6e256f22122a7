import type { Feature, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaCollection, AreaProperties, CentroidCollection } from './geoSource.ts';
import { AREA_SOURCE, LAYER_IDS, SYMBOL_SOURCE } from './layers.ts';
import type { AreaData, MapData } from './mapData.ts';
import { geometryNeeds, type MapGeometry, toScene } from './scene.ts';
import { resolveMapOptions } from './spec.ts';

/** A square area around (x, y), one degree wide. */
function square(code: string, nom: string, x: number, y: number): Feature<Polygon, AreaProperties> {
  return {
    type: 'Feature',
    properties: { code, nom },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    },
  };
}
const point = (code: string, x: number, y: number): Feature<Point, AreaProperties> => ({
  type: 'Feature',
  properties: { code, nom: code },
  geometry: { type: 'Point', coordinates: [x, y] },
});

const departements: AreaCollection = {
  type: 'FeatureCollection',
  features: [
    square('35', 'Ille-et-Vilaine', -2, 47),
    square('29', 'Finistère', -4, 48),
    square('75', 'Paris', 2, 48),
  ],
};
const centroids: CentroidCollection = {
  type: 'FeatureCollection',
  features: [point('35', -1.5, 47.5), point('29', -3.5, 48.5)],
};
const geometry: MapGeometry = {
  attribution: 'IGN — Admin Express',
  communeTiles: {
    url: 'https://donnees.example/api/geo/tiles/communes/{z}/{x}/{y}.pbf',
    sourceLayer: 'communes',
    minzoom: 4,
    maxzoom: 10,
    promoteId: 'code',
  },
  boundaries: { departement: departements },
  centroids: { departement: centroids },
};

const measure = { id: 'montant_cp', title: 'Montant payé', format: 'eur' as const };
const areas = (level: AreaData['level'], values: [string, number | null][]): MapData => ({
  kind: 'areas',
  data: {
    field: level,
    level,
    measure,
    areas: values.map(([code, value]) => ({ code, label: code, value })),
  },
});

describe('toScene', () => {
  it('draws a choropleth on the host’s boundaries, framed on the areas with data', () => {
    const data = areas('departement', [
      ['35', 1_000_000],
      ['29', 3_000_000],
      ['75', null],
    ]);
    const scene = toScene(data, resolveMapOptions({ classes: 3 }), geometry);
    expect(scene.sources[AREA_SOURCE]).toEqual({
      type: 'geojson',
      data: departements,
      promoteId: 'code',
      attribution: 'IGN — Admin Express',
    });
    expect(scene.layers.map((l) => l.id)).toEqual([LAYER_IDS.noData, LAYER_IDS.data, LAYER_IDS.outline]);
    // Paris has no value: the extent covers Finistère and Ille-et-Vilaine only.
    expect(scene.extent).toEqual([-4, 47, -1, 49]);
    expect(scene.legend).toHaveLength(4);
    expect(scene.legend.at(-1)?.label).toBe('Pas de données');
    expect(scene.interactive).toEqual([LAYER_IDS.data, LAYER_IDS.noData]);
    expect(scene.sourceLayer).toBeUndefined();
  });

  it('draws quartiers prioritaires over dashed commune borders, counting those without a shape', () => {
    const qpv: AreaCollection = {
      type: 'FeatureCollection',
      features: [
        {
          ...square('QP031001', 'Bagatelle (Toulouse)', 1, 43),
          properties: {
            code: 'QP031001',
            nom: 'Bagatelle (Toulouse)',
            commune: '31555',
            dep: '31',
            reg: '76',
          },
        },
        {
          ...square('QP031002', 'Empalot (Toulouse)', 2, 43),
          properties: { code: 'QP031002', nom: 'Empalot (Toulouse)', commune: '31555', dep: '31', reg: '76' },
        },
      ],
    };
    const data = areas('qpv', [
      ['QP031001', 100],
      ['QP031002', null],
      ['QN03512Z', 50],
      ['QP035004', 20],
    ]);
    const withQpv = {
      ...geometry,
      boundaries: { qpv },
      centroids: {
        qpv: { type: 'FeatureCollection', features: [point('QP031001', 1.5, 43.5)] } as CentroidCollection,
      },
    };
    const scene = toScene(data, resolveMapOptions({}), withQpv);
    expect(scene.layers[0]).toMatchObject({
      id: LAYER_IDS.context,
      source: 'context',
      'source-layer': 'communes',
    });
    expect(scene.sources.context).toMatchObject({ type: 'vector' });
    expect(scene.sources[AREA_SOURCE]).toMatchObject({ type: 'geojson', data: qpv });
    // Framed on the one drawn quartier with a value.
    expect(scene.extent).toEqual([1, 43, 2, 44]);
    expect(scene.legendNote).toBe('2 quartiers sans contour (contours 2015 de l’Occitanie seulement)');
    const symbols = toScene(data, resolveMapOptions({ mode: 'symbols' }), withQpv);
    expect(symbols.layers[0]?.id).toBe(LAYER_IDS.context);
    expect(symbols.legendNote).toBe(scene.legendNote);
    // The quartiers of a commune without any (Rennes): no blank map without a word.
    const rennes = { level: 'commune', codes: ['35238'] } as const;
    const none = areas('qpv', []);
    expect(toScene(none, resolveMapOptions({}), withQpv, rennes).legendNote).toBe(
      'Aucun quartier prioritaire dans cette commune (contours connus : quartiers 2015 d’Occitanie)',
    );
    expect(toScene(none, resolveMapOptions({ mode: 'symbols' }), withQpv, rennes).legendNote).toBe(
      'Aucun quartier prioritaire dans cette commune (contours connus : quartiers 2015 d’Occitanie)',
    );
    // Toulouse has quartiers, drawn « Pas de données » when none has a value: no such note.
    const toulouse = { level: 'commune', codes: ['31555'] } as const;
    expect(
      toScene(areas('qpv', [['QP031002', null]]), resolveMapOptions({}), withQpv, toulouse).legendNote,
    ).toBeNull();
    // Départements have every shape: no note, no context.
    const plain = toScene(areas('departement', [['35', 1]]), resolveMapOptions({}), geometry);
    expect(plain.legendNote).toBeNull();
    expect(plain.sources.context).toBeUndefined();
  });

  it('draws communes from the vector tiles and frames them by their départements', () => {
    const data = areas('commune', [
      ['35238', 10],
      ['35047', 20],
    ]);
    const scene = toScene(data, resolveMapOptions({}), geometry);
    expect(scene.sources[AREA_SOURCE]).toMatchObject({
      type: 'vector',
      tiles: ['https://donnees.example/api/geo/tiles/communes/{z}/{x}/{y}.pbf'],
      promoteId: 'code',
    });
    expect(scene.sourceLayer).toBe('communes');
    expect(scene.layers.every((l) => (l as { 'source-layer'?: string })['source-layer'] === 'communes')).toBe(
      true,
    );
    expect(scene.extent).toEqual([-2, 47, -1, 48]);
  });

  it('places proportional symbols on the centroids, the largest value on the largest circle', () => {
    const data = areas('departement', [
      ['35', 400],
      ['29', 100],
      ['75', 0],
    ]);
    const scene = toScene(data, resolveMapOptions({ mode: 'symbols' }), geometry);
    const symbols = scene.sources[SYMBOL_SOURCE] as { data: { features: Feature<Point>[] } };
    // Paris (0) gets no circle; the others sit on their centroid.
    expect(symbols.data.features.map((f) => [f.properties?.code, f.geometry.coordinates])).toEqual([
      ['35', [-1.5, 47.5]],
      ['29', [-3.5, 48.5]],
    ]);
    expect(scene.symbolLegend.map((s) => s.radius)).toEqual([28, 14, 7]);
    expect(scene.interactive).toEqual([LAYER_IDS.symbols]);
  });

  it('draws points over a département backdrop, with the unplaced rows in the legend', () => {
    const data: MapData = {
      kind: 'points',
      data: {
        field: 'projet',
        noun: { one: 'projet', many: 'projets' },
        measure,
        points: [
          { longitude: -1.68, latitude: 48.11, code: 'p1', label: 'Médiathèque', value: 10 },
          { longitude: -1.6, latitude: 48.2, code: 'p2', label: 'École', value: 5 },
        ],
        unplaced: 3,
      },
    };
    const scene = toScene(data, resolveMapOptions({ mode: 'points' }), geometry);
    expect(scene.sources[AREA_SOURCE]).toMatchObject({ type: 'geojson', data: departements });
    expect(scene.extent).toEqual([-1.68, 48.11, -1.6, 48.2]);
    expect(scene.legendTitle).toBe('Nombre de projets par cercle');
    expect(scene.legendNote).toBe('3 projets sans coordonnées');
  });

  it('refuses to draw without the files its data layer should have fetched', () => {
    const data = areas('region', [['53', 1]]);
    expect(() => toScene(data, resolveMapOptions({}), geometry)).toThrow('Fond de carte manquant : region.');
  });
});

describe('geometryNeeds', () => {
  it('asks only the files the scene draws on', () => {
    expect(geometryNeeds(areas('epci', []), { mode: 'choropleth' })).toEqual({
      boundaries: ['epci'],
      centroids: [],
    });
    // Communes come as tiles; their départements frame them.
    expect(geometryNeeds(areas('commune', []), { mode: 'choropleth' })).toEqual({
      boundaries: ['departement'],
      centroids: [],
    });
    expect(geometryNeeds(areas('commune', []), { mode: 'symbols' })).toEqual({
      boundaries: ['departement'],
      centroids: ['commune'],
    });
    const points: MapData = {
      kind: 'points',
      data: { field: null, noun: { one: 'point', many: 'points' }, measure: null, points: [], unplaced: 0 },
    };
    expect(geometryNeeds(points, { mode: 'points' })).toEqual({ boundaries: ['departement'], centroids: [] });
  });
});
