import type { Feature, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { classifyAreas } from './classify.ts';
import { containsPoint, drillScope, inScopeExpression, scopeNeeds } from './drillScope.ts';
import type { AreaProperties } from './geoSource.ts';
import { choroplethLayers, LAYER_IDS } from './layers.ts';

const square = (code: string, x: number, y: number, reg?: string): Feature<Polygon, AreaProperties> => ({
  type: 'Feature',
  properties: { code, nom: code, ...(reg ? { reg } : {}) } as AreaProperties,
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
});
const centre = (code: string, x: number, y: number): Feature<Point, AreaProperties> => ({
  type: 'Feature',
  properties: { code, nom: code },
  geometry: { type: 'Point', coordinates: [x, y] },
});

describe('drill scope', () => {
  it('reads the coarsest territory filter at or above the map level', () => {
    const query = {
      dataset: 'd',
      measures: ['m'],
      filters: [
        { field: 'annee', op: 'eq' as const, values: [2023] },
        { field: 'departement', op: 'eq' as const, values: ['35'] },
        { field: 'region', op: 'eq' as const, values: ['53'] },
      ],
    };
    expect(drillScope(query, 'epci')).toEqual({ level: 'region', codes: ['53'] });
    expect(drillScope(query, 'region')).toEqual({ level: 'region', codes: ['53'] });
    expect(drillScope({ ...query, filters: query.filters.slice(0, 1) }, 'region')).toBeNull();
    expect(drillScope({ dataset: 'd', measures: ['m'] }, 'departement')).toBeNull();
  });

  it('keeps départements of the région in scope by their `reg`', () => {
    const scope = { level: 'region' as const, codes: ['53'] };
    expect(inScopeExpression('departement', scope, { boundaries: {}, centroids: {} })).toEqual([
      'match',
      ['get', 'reg'],
      ['53'],
      true,
      false,
    ]);
  });

  it('keeps the quartiers prioritaires of the drilled commune, département or région by their parent codes', () => {
    const commune = {
      dataset: 'd',
      measures: ['m'],
      filters: [{ field: 'commune', op: 'eq' as const, values: ['31555'] }],
    };
    expect(drillScope(commune, 'qpv')).toEqual({ level: 'commune', codes: ['31555'] });
    expect(drillScope(commune, 'departement')).toBeNull();
    const none = { boundaries: {}, centroids: {} };
    expect(scopeNeeds('qpv', { level: 'commune', codes: ['31555'] })).toEqual({
      boundaries: [],
      centroids: [],
    });
    expect(inScopeExpression('qpv', { level: 'commune', codes: ['31555'] }, none)).toEqual([
      'match',
      ['get', 'commune'],
      ['31555'],
      true,
      false,
    ]);
    expect(inScopeExpression('qpv', { level: 'departement', codes: ['34'] }, none)).toEqual([
      'match',
      ['get', 'dep'],
      ['34'],
      true,
      false,
    ]);
    expect(inScopeExpression('qpv', { level: 'region', codes: ['76'] }, none)?.[1]).toEqual(['get', 'reg']);
  });

  it('keeps only the chosen quartier in scope on the quartiers’ map of a quartier territory', () => {
    const quartier = {
      dataset: 'd',
      measures: ['m'],
      filters: [{ field: 'qpv', op: 'eq' as const, values: ['QP031010'] }],
    };
    expect(drillScope(quartier, 'qpv')).toEqual({ level: 'qpv', codes: ['QP031010'] });
    const none = { boundaries: {}, centroids: {} };
    expect(scopeNeeds('qpv', { level: 'qpv', codes: ['QP031010'] })).toEqual({
      boundaries: [],
      centroids: [],
    });
    expect(inScopeExpression('qpv', { level: 'qpv', codes: ['QP031010'] }, none)).toEqual([
      'match',
      ['get', 'code'],
      ['QP031010'],
      true,
      false,
    ]);
  });

  it('keeps only the chosen commune in scope on a map that stays at the commune level', () => {
    const commune = {
      dataset: 'd',
      measures: ['m'],
      filters: [{ field: 'commune', op: 'eq' as const, values: ['35238'] }],
    };
    const scope = drillScope(commune, 'commune');
    expect(scope).toEqual({ level: 'commune', codes: ['35238'] });
    expect(scopeNeeds('commune', scope)).toEqual({ boundaries: [], centroids: [] });
    expect(inScopeExpression('commune', scope, { boundaries: {}, centroids: {} })).toEqual([
      'match',
      ['get', 'code'],
      ['35238'],
      true,
      false,
    ]);
    // Départements held to one département: by code too, not by their région.
    expect(
      inScopeExpression(
        'departement',
        { level: 'departement', codes: ['35'] },
        { boundaries: {}, centroids: {} },
      ),
    ).toEqual(['match', ['get', 'code'], ['35'], true, false]);
  });

  it('keeps EPCI whose centre lies inside the drilled département', () => {
    const scope = { level: 'departement' as const, codes: ['35'] };
    expect(scopeNeeds('epci', scope)).toEqual({ boundaries: ['departement'], centroids: ['epci'] });
    const expression = inScopeExpression('epci', scope, {
      boundaries: {
        departement: { type: 'FeatureCollection', features: [square('35', 0, 0), square('53', 1, 0)] },
      },
      centroids: {
        epci: { type: 'FeatureCollection', features: [centre('A', 0.5, 0.5), centre('B', 1.5, 0.5)] },
      },
    });
    expect(expression).toEqual(['match', ['get', 'code'], ['A'], true, false]);
    expect(containsPoint(square('x', 0, 0).geometry, [2, 2])).toBe(false);
  });

  it('draws out-of-scope areas plain grey, and hatches only the empty areas inside', () => {
    const classes = classifyAreas([{ code: '35', label: '35', value: 1 }], {
      classes: 3,
      method: 'quantiles',
      format: 'eur',
    });
    const inScope = ['match', ['get', 'reg'], ['53'], true, false] as const;
    const layers = choroplethLayers(classes, ['35'], undefined, [...inScope] as never);
    const outOfScope = layers.find((l) => l.id === LAYER_IDS.outOfScope);
    const noData = layers.find((l) => l.id === LAYER_IDS.noData);
    expect(outOfScope?.paint).toEqual({ 'fill-color': '#e5e5e5' });
    expect(outOfScope && 'filter' in outOfScope ? outOfScope.filter : null).toEqual([
      'all',
      ['!', ['match', ['get', 'code'], ['35'], true, false]],
      ['!', [...inScope]],
    ]);
    expect(noData && 'filter' in noData ? noData.filter : null).toEqual([
      'all',
      ['!', ['match', ['get', 'code'], ['35'], true, false]],
      [...inScope],
    ]);
    // Without a drill: no out-of-scope layer.
    expect(choroplethLayers(classes, ['35'], undefined).map((l) => l.id)).not.toContain(LAYER_IDS.outOfScope);
  });
});
