import { describe, expect, it } from 'vitest';
import {
  applyClick,
  clearSelection,
  defaultView,
  drillUp,
  EMPTY_VIEW,
  filterValuesOf,
  mapLevel,
  pruneSelections,
  yearRange,
} from './viewState.ts';

const bretagne = { field: 'region', value: '53', label: 'Bretagne' };
const ille = { field: 'departement', value: '35', label: 'Ille-et-Vilaine' };

describe('geographic drill-down (map clicks)', () => {
  it('goes région → département → EPCI → commune → quartiers prioritaires, maps one level below', () => {
    let view = applyClick(EMPTY_VIEW, 'carte', bretagne, true);
    expect(view.territoire).toEqual([{ level: 'region', code: '53', label: 'Bretagne' }]);
    expect(mapLevel(view, 'region')).toBe('departement');
    view = applyClick(view, 'carte', ille, true);
    expect(view.territoire.map((t) => t.code)).toEqual(['53', '35']);
    expect(mapLevel(view, 'region')).toBe('epci');
    view = applyClick(view, 'carte', { field: 'epci', value: '243500139', label: 'Rennes Métropole' }, true);
    expect(mapLevel(view, 'region')).toBe('commune');
    view = applyClick(view, 'carte', { field: 'commune', value: '35238', label: 'Rennes' }, true);
    expect(mapLevel(view, 'region')).toBe('qpv');
    expect(view.selections).toEqual([]);
    // A quartier is the finest level: its click cross-filters, the drill path stays at the commune.
    const quartier = { field: 'qpv', value: 'QP035004', label: 'Maurepas (Rennes)' };
    const crossed = applyClick(view, 'carte', quartier, true);
    expect(crossed.territoire).toEqual(view.territoire);
    expect(crossed.selections).toEqual([{ widgetId: 'carte', ...quartier }]);
    expect(mapLevel(crossed, 'region')).toBe('qpv');
  });

  it('never shows a coarser level than the map asks for', () => {
    const view = applyClick(EMPTY_VIEW, 'carte', bretagne, true);
    expect(mapLevel(view, 'commune')).toBe('commune');
    expect(mapLevel(EMPTY_VIEW, 'departement')).toBe('departement');
  });

  it('clicking the current area again goes back up; the breadcrumb goes back to any step', () => {
    let view = applyClick(applyClick(EMPTY_VIEW, 'carte', bretagne, true), 'carte', ille, true);
    expect(applyClick(view, 'carte', ille, true).territoire.map((t) => t.code)).toEqual(['53']);
    view = drillUp(view, 0);
    expect(view.territoire).toEqual([]);
  });

  it('a click on another département of the same level replaces it, keeping the région', () => {
    let view = applyClick(applyClick(EMPTY_VIEW, 'carte', bretagne, true), 'carte', ille, true);
    view = applyClick(view, 'carte', { field: 'departement', value: '29', label: 'Finistère' }, true);
    expect(view.territoire.map((t) => t.code)).toEqual(['53', '29']);
  });
});

describe('cross-filtering (bars, slices, rows)', () => {
  it('selects, replaces, and clears on a second click', () => {
    const p380 = { field: 'programme', value: '0380', label: 'Fonds vert' };
    let view = applyClick(EMPTY_VIEW, 'barres', p380, false);
    expect(view.selections).toEqual([{ widgetId: 'barres', ...p380 }]);
    view = applyClick(view, 'barres', { field: 'programme', value: '0362' }, false);
    expect(view.selections.map((s) => s.value)).toEqual(['0362']);
    view = applyClick(view, 'secteurs', { field: 'type_beneficiaire', value: 'association' }, false);
    expect(view.selections).toHaveLength(2);
    view = applyClick(view, 'barres', { field: 'programme', value: '0362' }, false);
    expect(view.selections.map((s) => s.widgetId)).toEqual(['secteurs']);
    expect(clearSelection(view, 'secteurs').selections).toEqual([]);
  });

  it('a territory click outside a map cross-filters instead of drilling', () => {
    const view = applyClick(EMPTY_VIEW, 'barres', bretagne, false);
    expect(view.territoire).toEqual([]);
    expect(view.selections).toHaveLength(1);
  });

  it('forgets selections of removed widgets', () => {
    const view = applyClick(EMPTY_VIEW, 'barres', { field: 'annee', value: 2023 }, false);
    expect(pruneSelections(view, ['autre']).selections).toEqual([]);
    expect(pruneSelections(view, ['barres'])).toBe(view);
  });
});

describe('filter values', () => {
  const filters = [
    { id: 'periode', kind: 'annee', label: 'Année', default: [2022, 2021] },
    {
      id: 'terr',
      kind: 'territoire',
      label: 'Territoire',
      default: { level: 'region', code: '53', label: 'Bretagne' },
    },
    { id: 'prog', kind: 'programme', label: 'Programme', default: ['0380'] },
    { id: 'benef', kind: 'beneficiaire', label: 'Bénéficiaire' },
    { id: 'pol', kind: 'tags', label: 'Politique' },
  ] as const;

  it('opens with the defaults of the definition', () => {
    expect(defaultView(filters)).toEqual({
      ...EMPTY_VIEW,
      annee: [2021, 2022],
      territoire: [{ level: 'region', code: '53', label: 'Bretagne' }],
      programme: [{ code: '0380', label: '0380' }],
    });
  });

  it('gives the shared filter values by filter id (codes with their chip names), the drilled territory last, empty ones left out', () => {
    let view = defaultView(filters);
    view = applyClick(view, 'carte', ille, true);
    expect(filterValuesOf(view, filters)).toEqual([
      { id: 'periode', kind: 'annee', value: [2021, 2022] },
      {
        id: 'terr',
        kind: 'territoire',
        value: { level: 'departement', code: '35', label: 'Ille-et-Vilaine' },
      },
      { id: 'prog', kind: 'programme', value: ['0380'], labels: ['0380'] },
    ]);
    const named = { ...view, programme: [{ code: '0380', label: 'Fonds vert' }] };
    expect(filterValuesOf(named, filters).at(-1)).toEqual({
      id: 'prog',
      kind: 'programme',
      value: ['0380'],
      labels: ['Fonds vert'],
    });
    expect(filterValuesOf(EMPTY_VIEW, filters)).toEqual([]);
  });

  it('year ranges include both ends in either order', () => {
    expect(yearRange(2024, 2021)).toEqual([2021, 2022, 2023, 2024]);
  });
});
