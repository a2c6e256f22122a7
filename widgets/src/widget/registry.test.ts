import { describe, expect, it } from 'vitest';
import { byYear, flows } from '../echarts/fixtures.ts';
import {
  fittingWidgetTypes,
  shapeOfResult,
  suggestWidgetType,
  WIDGET_TYPE_INFO,
  WIDGET_TYPES,
} from './registry.ts';
import type { QueryShape } from './types.ts';

const shape = (measures: number, ...types: string[]): QueryShape => ({
  measures,
  dimensions: types.map((type, i) => ({ id: `d${i}`, type, ...(type === 'geo' ? { level: 'region' } : {}) })),
});

describe('WIDGET_TYPE_INFO', () => {
  it('describes every type in French with a DSFR icon', () => {
    expect(Object.keys(WIDGET_TYPE_INFO).sort()).toEqual([...WIDGET_TYPES].sort());
    expect(Object.values(WIDGET_TYPE_INFO).map((i) => i.label)).toEqual([
      'Indicateur',
      'Barres',
      'Courbe',
      'Aires',
      'Secteurs',
      'Carte proportionnelle (treemap)',
      'Flux (Sankey)',
      'Tableau',
      'Tableau croisé',
      'Carte',
      'Texte',
    ]);
    for (const info of Object.values(WIDGET_TYPE_INFO)) expect(info.icon).toMatch(/^fr-icon-/);
  });

  it('offers only the types that can show a shape', () => {
    expect(fittingWidgetTypes(shape(1))).toEqual(['kpi', 'table']);
    expect(fittingWidgetTypes(shape(2, 'year'))).toEqual(['kpi', 'bar', 'line', 'area', 'table']);
    expect(fittingWidgetTypes(shape(1, 'code'))).toEqual(['bar', 'pie', 'treemap', 'table']);
    expect(fittingWidgetTypes(shape(1, 'geo'))).toEqual(['bar', 'pie', 'treemap', 'table', 'map']);
    expect(fittingWidgetTypes(shape(1, 'code', 'code'))).toEqual([
      'bar',
      'treemap',
      'sankey',
      'table',
      'pivot',
    ]);
    expect(fittingWidgetTypes(shape(1, 'code', 'code', 'geo'))).toEqual(['sankey', 'table', 'pivot']);
    expect(fittingWidgetTypes(shape(1, 'date', 'code'))).toContain('line');
    expect(fittingWidgetTypes(shape(0))).toEqual(['text']);
  });

  it('offers the map for points (latitude and longitude), with or without a measure', () => {
    expect(fittingWidgetTypes(shape(1, 'code', 'coordinate', 'coordinate'))).toEqual([
      'sankey',
      'table',
      'pivot',
      'map',
    ]);
    expect(fittingWidgetTypes(shape(0, 'code', 'coordinate', 'coordinate'))).toEqual(['table', 'map']);
    // One coordinate alone places nothing.
    expect(fittingWidgetTypes(shape(1, 'code', 'coordinate'))).not.toContain('map');
  });
});

describe('suggestWidgetType', () => {
  it('suggests a sensible first type that fits', () => {
    expect(suggestWidgetType(shape(1))).toBe('kpi');
    expect(suggestWidgetType(shape(1, 'geo'))).toBe('map');
    expect(suggestWidgetType(shape(1, 'year'))).toBe('line');
    expect(suggestWidgetType(shape(1, 'year', 'code'))).toBe('line');
    expect(suggestWidgetType(shape(1, 'code'))).toBe('bar');
    expect(suggestWidgetType(shape(1, 'geo', 'year'))).toBe('pivot');
    expect(suggestWidgetType(shape(1, 'code', 'code', 'code'))).toBe('pivot');
    expect(suggestWidgetType(shape(0, 'code'))).toBe('table');
    expect(suggestWidgetType(shape(0))).toBe('text');
    expect(suggestWidgetType(shape(1, 'code', 'coordinate', 'coordinate'))).toBe('map');
    expect(suggestWidgetType(shape(0, 'code', 'coordinate', 'coordinate'))).toBe('map');
    expect(suggestWidgetType(shape(2, 'coordinate', 'coordinate'))).toBe('map');
  });
});

describe('shapeOfResult', () => {
  it('counts measures and lists dimensions with their type', () => {
    expect(shapeOfResult(byYear)).toEqual({ measures: 2, dimensions: [{ id: 'annee', type: 'year' }] });
    expect(shapeOfResult(flows).dimensions.map((d) => d.id)).toEqual([
      'programme',
      'type_beneficiaire',
      'region',
    ]);
  });
});
