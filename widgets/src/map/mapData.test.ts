import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../spec/types.ts';
import { classifyAreas } from './classify.ts';
import { dataExtent, departementOfCommune } from './extent.ts';
import { CLUSTER_STEPS, fillColour, hasData, hatchPattern, pointLayers, symbolRadius } from './layers.ts';
import { effectiveMode, MapDataError, pointNoun, toAreaData, toPointData } from './mapData.ts';
import { pointsLegend, unplacedNote } from './scene.ts';
import { resolveMapOptions } from './spec.ts';

const meta = {
  rowCount: 3,
  truncated: false,
  cached: false,
  engineMs: 1,
  dataVersion: 'v1',
  source: 'DGCL',
  updatedAt: null,
  demo: false,
  engine: 'duckdb' as const,
};

const byDepartement: QueryResult = {
  columns: [
    { id: 'departement', label: 'Département', type: 'geo', level: 'departement', role: 'dimension' },
    {
      id: 'departement_label',
      label: 'Département (libellé)',
      type: 'text',
      role: 'label',
      labelOf: 'departement',
    },
    { id: 'montant_subvention', label: 'Montant accordé', type: 'number', format: 'eur', role: 'measure' },
  ],
  rows: [
    ['35', 'Ille-et-Vilaine', 1_200_000],
    ['2A', 'Corse-du-Sud', 300_000],
    ['29', 'Finistère', null],
  ],
  totals: {},
  meta,
};

describe('toAreaData', () => {
  it('reads level, measure and values keyed by code', () => {
    const data = toAreaData(byDepartement, {});
    expect(data).toMatchObject({
      field: 'departement',
      level: 'departement',
      measure: { id: 'montant_subvention', title: 'Montant accordé', format: 'eur' },
    });
    expect(data.areas).toEqual([
      { code: '35', label: 'Ille-et-Vilaine', value: 1_200_000 },
      { code: '2A', label: 'Corse-du-Sud', value: 300_000 },
      { code: '29', label: 'Finistère', value: null },
    ]);
  });

  it('sums rows of the same area (second dimension)', () => {
    const result = {
      ...byDepartement,
      rows: [
        ['35', 'Ille-et-Vilaine', 1],
        ['35', 'Ille-et-Vilaine', 2],
      ],
    };
    expect(toAreaData(result, {}).areas).toEqual([{ code: '35', label: 'Ille-et-Vilaine', value: 3 }]);
  });

  it('refuses a result without a territorial first dimension, in French', () => {
    const result: QueryResult = {
      ...byDepartement,
      columns: [
        { id: 'annee', label: 'Année', type: 'year', role: 'dimension' },
        { id: 'montant_subvention', label: 'Montant', type: 'number', format: 'eur', role: 'measure' },
      ],
      rows: [[2019, 5]],
    };
    expect(() => toAreaData(result, {})).toThrow(MapDataError);
    expect(() => toAreaData(result, {})).toThrow(/première dimension territoriale/);
  });
});

describe('toPointData', () => {
  /** Projects as POST /api/query returns them for [projet, latitude, longitude] × montant. */
  const projects: QueryResult = {
    columns: [
      { id: 'projet', label: 'Projet', type: 'code', role: 'dimension' },
      { id: 'projet_label', label: 'Projet (libellé)', type: 'text', role: 'label', labelOf: 'projet' },
      { id: 'latitude', label: 'Latitude', type: 'coordinate', axis: 'latitude', role: 'dimension' },
      { id: 'longitude', label: 'Longitude', type: 'coordinate', axis: 'longitude', role: 'dimension' },
      { id: 'montant_subvention', label: 'Montant accordé', type: 'number', format: 'eur', role: 'measure' },
    ],
    rows: [
      ['p1', 'École de Rennes', 48.11, -1.68, 10],
      ['p2', 'Sans position', null, null, 5],
      ['p3', 'Hors limites', 120, 3, 5],
      ['p4', 'Mairie de Saint-Denis', -20.88, 55.45, null],
    ],
    totals: {},
    meta,
  };

  it('reads points by coordinate axis, names them by the first other dimension, counts the unplaced', () => {
    const data = toPointData(projects, {});
    expect(data.points).toEqual([
      { latitude: 48.11, longitude: -1.68, code: 'p1', label: 'École de Rennes', value: 10 },
      { latitude: -20.88, longitude: 55.45, code: 'p4', label: 'Mairie de Saint-Denis', value: null },
    ]);
    expect(data.unplaced).toBe(2);
    expect(data.field).toBe('projet');
    expect(data.noun).toEqual({ one: 'projet', many: 'projets' });
    expect(data.measure).toEqual({ id: 'montant_subvention', title: 'Montant accordé', format: 'eur' });
    expect(unplacedNote(data)).toBe('2 projets sans coordonnées');
    expect(unplacedNote({ ...data, unplaced: 1 })).toBe('1 projet sans coordonnées');
    expect(unplacedNote({ ...data, unplaced: 0 })).toBeNull();
  });

  it('follows the axis, not the column order, and honours named columns', () => {
    // Longitude asked before latitude: still read right.
    const swapped: QueryResult = {
      ...projects,
      columns: [
        projects.columns[0],
        projects.columns[1],
        projects.columns[3],
        projects.columns[2],
        projects.columns[4],
      ].flatMap((c) => (c ? [c] : [])),
      rows: [['p1', 'École de Rennes', -1.68, 48.11, 10]],
    };
    expect(toPointData(swapped, {}).points[0]).toMatchObject({ latitude: 48.11, longitude: -1.68 });
    // Plain columns called latitude/longitude (no axis) are found by name; others by option.
    const plain: QueryResult = {
      ...projects,
      columns: [
        { id: 'nom', label: 'Nom', type: 'text', role: 'dimension' },
        { id: 'lat', label: 'Lat', type: 'text', role: 'dimension' },
        { id: 'lon', label: 'Lon', type: 'text', role: 'dimension' },
      ],
      rows: [['École', 48.11, -1.68]],
    };
    expect(() => toPointData(plain, {})).toThrow(/colonnes de latitude et de longitude/);
    expect(() => toPointData(plain, { latitudeField: 'y' })).toThrow(/« y » et « longitude »/);
    const data = toPointData(plain, { latitudeField: 'lat', longitudeField: 'lon' });
    expect(data.points).toEqual([
      { latitude: 48.11, longitude: -1.68, code: 'École', label: 'École', value: null },
    ]);
    expect(data.measure).toBeNull();
  });

  it('draws a result with coordinates and no territory as points, whatever the mode says', () => {
    const options = resolveMapOptions({});
    expect(effectiveMode(projects, options)).toBe('points');
    expect(effectiveMode(byDepartement, options)).toBe('choropleth');
    expect(effectiveMode(byDepartement, resolveMapOptions({ mode: 'symbols' }))).toBe('symbols');
  });

  it('names what a point is in French, singular and plural', () => {
    expect(pointNoun('Projet')).toEqual({ one: 'projet', many: 'projets' });
    expect(pointNoun('Collectivité bénéficiaire')).toEqual({
      one: 'collectivité bénéficiaire',
      many: 'collectivités bénéficiaires',
    });
    expect(pointNoun('Catégorie de projet').many).toBe('catégories de projet');
    expect(pointNoun('Pays').many).toBe('pays');
  });
});

describe('points layers and legend', () => {
  it('steps cluster colour and size by count, and the legend says the same ranges', () => {
    const [clusters, points, selected] = pointLayers('p1');
    expect(clusters?.paint?.['circle-radius']).toEqual([
      'step',
      ['get', 'point_count'],
      11,
      10,
      15,
      100,
      21,
      1000,
      28,
    ]);
    expect(clusters?.paint?.['circle-color']).toEqual([
      'step',
      ['get', 'point_count'],
      ...CLUSTER_STEPS.flatMap((step, i) => (i === 0 ? [step.colour] : [step.from, step.colour])),
    ]);
    expect(points?.filter).toEqual(['!', ['has', 'point_count']]);
    expect(selected?.filter).toEqual(['all', ['!', ['has', 'point_count']], ['==', ['get', 'code'], 'p1']]);
    expect(pointsLegend().map((item) => [item.label.replace(/\s/g, ' '), item.radius])).toEqual([
      ['1', 5],
      ['2 à 9', 11],
      ['10 à 99', 15],
      ['100 à 999', 21],
      ['1 000 et plus', 28],
    ]);
  });
});

describe('layers', () => {
  it('colours codes by class and leaves the others transparent', () => {
    const classes = classifyAreas(
      [
        { code: '35', label: 'a', value: 1 },
        { code: '2A', label: 'b', value: 9 },
      ],
      { classes: 2, method: 'quantiles', format: 'eur' },
    );
    expect(fillColour(classes)).toEqual([
      'match',
      ['get', 'code'],
      ['35'],
      classes.colours[0],
      ['2A'],
      classes.colours[1],
      'rgba(0,0,0,0)',
    ]);
    expect(hasData(['35', '2A'])).toEqual(['match', ['get', 'code'], ['35', '2A'], true, false]);
    expect(hasData([])).toEqual(['boolean', false]);
  });

  it('draws grey hatching for areas without data', () => {
    const { width, height, data } = hatchPattern(8);
    expect([width, height, data.length]).toEqual([8, 8, 256]);
    expect([...data.slice(0, 4)]).toEqual([0x92, 0x92, 0x92, 255]); // on the diagonal
    expect([...data.slice(4 * 4, 4 * 4 + 4)]).toEqual([0xee, 0xee, 0xee, 255]); // (4, 0) off it
  });

  it('sizes circles by area (radius ∝ √value)', () => {
    expect(symbolRadius(100, 100)).toBe(28);
    expect(symbolRadius(25, 100)).toBe(14);
    expect(symbolRadius(0, 100)).toBe(0);
  });
});

describe('extent', () => {
  const square = (x: number, y: number) => ({
    type: 'Feature' as const,
    properties: {},
    geometry: {
      type: 'Polygon' as const,
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
  });

  it('frames metropolitan data, not the ocean between it and overseas', () => {
    expect(dataExtent([square(-2, 48), square(55.3, -21.2)])).toEqual([-2, 48, -1, 49]);
    expect(dataExtent([square(55.3, -21.2)])).toEqual([55.3, -21.2, 56.3, -20.2]);
    expect(dataExtent([])).toBeNull();
  });

  it('finds the département of a commune code', () => {
    expect(['35238', '2A004', '97411', '01001'].map(departementOfCommune)).toEqual(['35', '2A', '974', '01']);
  });
});
