import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../spec/types.ts';
import { classifyAreas } from './classify.ts';
import { dataExtent, departementOfCommune } from './extent.ts';
import { fillColour, hasData, hatchPattern, symbolRadius } from './layers.ts';
import { MapDataError, toAreaData, toPointData } from './mapData.ts';

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
  it('keeps rows with valid coordinates', () => {
    const result: QueryResult = {
      columns: [
        { id: 'projet', label: 'Projet', type: 'text', role: 'dimension' },
        { id: 'latitude', label: 'Latitude', type: 'text', role: 'dimension' },
        { id: 'longitude', label: 'Longitude', type: 'text', role: 'dimension' },
        { id: 'montant', label: 'Montant', type: 'number', format: 'eur', role: 'measure' },
      ],
      rows: [
        ['École', 48.11, -1.68, 10],
        ['Sans position', null, null, 5],
        ['Hors limites', 120, 3, 5],
      ],
      totals: {},
      meta,
    };
    const data = toPointData(result, { latitudeField: 'latitude', longitudeField: 'longitude' });
    expect(data.points).toEqual([{ latitude: 48.11, longitude: -1.68, label: 'École', value: 10 }]);
    expect(() => toPointData(result, { latitudeField: 'lat', longitudeField: 'lon' })).toThrow(/« lat »/);
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
