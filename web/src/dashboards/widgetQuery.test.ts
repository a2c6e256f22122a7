import type { DashboardFilter } from '@dataetat/widgets';
import { scopedQuery, type WidgetDefinition } from '@dataetat/widgets/react';
import { describe, expect, it } from 'vitest';
import { applyClick, EMPTY_VIEW, type ViewState } from './viewState.ts';
import { effectiveQuery, scopeOf } from './widgetQuery.ts';

const geo = (id: string) => ({ id, type: 'geo', level: id });
const catalogue = [
  {
    id: 'chorus',
    dimensions: [
      geo('region'),
      geo('departement'),
      geo('epci'),
      geo('commune'),
      geo('qpv'),
      { id: 'annee', type: 'year' },
      { id: 'programme', type: 'code' },
    ],
  },
  { id: 'communes', dimensions: [geo('region'), geo('departement'), geo('commune')] },
  { id: 'dotations', dimensions: [geo('region'), geo('departement'), { id: 'annee', type: 'year' }] },
];
const filters: DashboardFilter[] = [
  { id: 'periode', kind: 'annee', label: 'Année' },
  { id: 'terr', kind: 'territoire', label: 'Territoire' },
  { id: 'prog', kind: 'programme', label: 'Programme' },
];
const map: WidgetDefinition = {
  id: 'carte',
  type: 'map',
  title: 'Carte',
  query: {
    dataset: 'chorus',
    measures: ['montant_cp'],
    dimensions: ['region'],
    sort: [{ field: 'region', dir: 'asc' }],
  },
  options: {},
};
const bars: WidgetDefinition = {
  id: 'barres',
  type: 'bar',
  title: 'Barres',
  query: {
    dataset: 'dotations',
    measures: ['montant'],
    dimensions: ['annee'],
    filters: [{ field: 'annee', op: 'gte', values: [2019] }],
  },
  options: {},
};

describe('effectiveQuery', () => {
  it('leaves an unfiltered widget query untouched (same request as the explorer)', () => {
    expect(effectiveQuery(bars, EMPTY_VIEW, filters, catalogue).query).toEqual(bars.query);
  });

  it('drills maps one level down and filters every widget on the territory', () => {
    const view = applyClick(EMPTY_VIEW, 'carte', { field: 'region', value: '53', label: 'Bretagne' }, true);
    const drilled = effectiveQuery(map, view, filters, catalogue).query;
    expect(drilled?.dimensions).toEqual(['departement']);
    expect(drilled?.sort).toEqual([{ field: 'departement', dir: 'asc' }]);
    expect(drilled?.filters).toEqual([{ field: 'region', op: 'eq', values: ['53'] }]);
    const other = effectiveQuery(bars, view, filters, catalogue).query;
    expect(other?.filters).toEqual([
      { field: 'annee', op: 'gte', values: [2019] },
      { field: 'region', op: 'eq', values: ['53'] },
    ]);
  });

  it('renames a drilled map after its level: « par département » becomes « par EPCI »', () => {
    let view = applyClick(EMPTY_VIEW, 'x', { field: 'region', value: '53' }, true);
    const named = { ...map, title: 'Paiements par région (2023)' };
    expect(effectiveQuery(named, view, filters, catalogue).title).toBe('Paiements par département (2023)');
    view = applyClick(view, 'x', { field: 'departement', value: '35' }, true);
    const departements = {
      ...named,
      title: 'Montant par Département',
      query: { ...map.query, dimensions: ['departement'] },
    } as WidgetDefinition;
    expect(effectiveQuery(departements, view, filters, catalogue).title).toBe('Montant par EPCI');
    expect(effectiveQuery({ ...map, title: 'Carte des aides' }, view, filters, catalogue).title).toBe(
      'Carte des aides — par EPCI',
    );
    // Not drilled, or not a map: the widget's own title.
    expect(effectiveQuery(named, EMPTY_VIEW, filters, catalogue).title).toBeUndefined();
    expect(effectiveQuery(bars, view, filters, catalogue).title).toBeUndefined();
  });

  it('keeps the map at the finest level its dataset has', () => {
    let view = applyClick(EMPTY_VIEW, 'x', { field: 'region', value: '53' }, true);
    view = applyClick(view, 'x', { field: 'departement', value: '35' }, true);
    const dotationsMap = { ...map, query: { ...map.query, dataset: 'dotations' } } as WidgetDefinition;
    expect(effectiveQuery(dotationsMap, view, filters, catalogue).query?.dimensions).toEqual(['departement']);
  });

  it('drills a commune into its quartiers prioritaires where the dataset knows them', () => {
    const view = applyClick(EMPTY_VIEW, 'x', { field: 'commune', value: '31555', label: 'Toulouse' }, true);
    const communes = {
      ...map,
      title: 'Paiements par commune',
      query: { ...map.query, dimensions: ['commune'], sort: [{ field: 'commune', dir: 'desc' }] },
    } as WidgetDefinition;
    const drilled = effectiveQuery(communes, view, filters, catalogue);
    expect(drilled.query?.dimensions).toEqual(['qpv']);
    expect(drilled.query?.sort).toEqual([{ field: 'qpv', dir: 'desc' }]);
    expect(drilled.query?.filters).toEqual([{ field: 'commune', op: 'eq', values: ['31555'] }]);
    expect(drilled.title).toBe('Paiements par quartier prioritaire');
    // Without a QPV dimension the map stays at the commune.
    const plain = { ...communes, query: { ...communes.query, dataset: 'communes' } } as WidgetDefinition;
    expect(effectiveQuery(plain, view, filters, catalogue).query?.dimensions).toEqual(['commune']);
  });

  it('keeps a map drilled into a commune without quartiers at the commune level, and says why', () => {
    const communes = {
      ...map,
      title: 'Paiements par commune',
      query: { ...map.query, dimensions: ['commune'], sort: [{ field: 'commune', dir: 'desc' }] },
    } as WidgetDefinition;
    const withQuartiers = ['31555', '34172'];
    const rennes = applyClick(EMPTY_VIEW, 'x', { field: 'commune', value: '35238', label: 'Rennes' }, true);
    const kept = scopedQuery(communes, scopeOf(rennes, filters, catalogue, withQuartiers));
    expect(kept.query?.dimensions).toEqual(['commune']);
    expect(kept.query?.filters).toEqual([{ field: 'commune', op: 'eq', values: ['35238'] }]);
    expect(kept.title).toBeUndefined();
    expect(kept.notice).toMatch(/^Aucun quartier prioritaire dans cette commune/);
    // Toulouse has some: down to its quartiers, nothing to say.
    const toulouse = applyClick(
      EMPTY_VIEW,
      'x',
      { field: 'commune', value: '31555', label: 'Toulouse' },
      true,
    );
    const drilled = scopedQuery(communes, scopeOf(toulouse, filters, catalogue, withQuartiers));
    expect(drilled.query?.dimensions).toEqual(['qpv']);
    expect(drilled.notice).toBeUndefined();
    // Not known yet: down to the quartiers (the map itself says when it has none to draw).
    expect(scopedQuery(communes, scopeOf(rennes, filters, catalogue)).query?.dimensions).toEqual(['qpv']);
    // A dataset without quartiers has nothing to explain.
    const plain = { ...communes, query: { ...communes.query, dataset: 'communes' } } as WidgetDefinition;
    expect(scopedQuery(plain, scopeOf(rennes, filters, catalogue, withQuartiers)).notice).toBeUndefined();
  });

  it('filters on a quartier prioritaire chosen as the territory, where the dataset knows them', () => {
    const view: ViewState = {
      ...EMPTY_VIEW,
      territoire: [
        { level: 'commune', code: '31555', label: 'Toulouse' },
        { level: 'qpv', code: 'QP031010', label: 'Empalot (Toulouse)' },
      ],
    };
    const bars = { ...map, type: 'bar', query: { ...map.query, dimensions: ['annee'] } } as WidgetDefinition;
    expect(effectiveQuery(bars, view, filters, catalogue).query?.filters).toEqual([
      { field: 'qpv', op: 'eq', values: ['QP031010'] },
    ]);
    // The map shows the quartier level; a dataset without quartiers says the filter does not apply.
    expect(effectiveQuery(map, view, filters, catalogue).query?.dimensions).toEqual(['qpv']);
    const dotations = { ...bars, query: { ...bars.query, dataset: 'dotations' } } as WidgetDefinition;
    expect(effectiveQuery(dotations, view, filters, catalogue).notApplicable).toEqual(['terr']);
  });

  it('says which global filters and selections a dataset cannot take', () => {
    const view: ViewState = {
      ...EMPTY_VIEW,
      programme: [{ code: '0380', label: 'Fonds vert' }],
      selections: [{ widgetId: 'carte', field: 'programme', value: '0362' }],
    };
    const result = effectiveQuery(bars, view, filters, catalogue);
    expect(result.notApplicable).toEqual(['prog']);
    expect(result.selectionsNotApplicable.map((s) => s.field)).toEqual(['programme']);
    expect(result.query).toEqual(bars.query);
  });

  it('applies other widgets’ selections but not the widget’s own', () => {
    const view = applyClick(EMPTY_VIEW, 'barres', { field: 'annee', value: 2023 }, false);
    expect(effectiveQuery(bars, view, filters, catalogue).query).toEqual(bars.query);
    expect(effectiveQuery(map, view, filters, catalogue).query?.filters).toEqual([
      { field: 'annee', op: 'eq', values: [2023] },
    ]);
  });
});
