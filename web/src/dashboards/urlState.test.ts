import { describe, expect, it } from 'vitest';
import { decodeView, encodeView } from './urlState.ts';
import { EMPTY_VIEW, type ViewState } from './viewState.ts';

const full: ViewState = {
  annee: [2019, 2021, 2022, 2023, 2024],
  territoire: [
    { level: 'region', code: '53', label: 'Bretagne' },
    { level: 'departement', code: '35', label: 'Ille-et-Vilaine : 35' },
    { level: 'commune', code: '31555', label: 'Toulouse' },
    { level: 'qpv', code: 'QP031010', label: 'Empalot (Toulouse)' },
  ],
  programme: [
    { code: '0380', label: 'Fonds vert : accélération' },
    { code: '0362', label: 'Écologie' },
  ],
  beneficiaire: [{ code: '21350238000019', label: 'Commune de Rennes' }],
  tags: [{ code: 'fonds_vert', label: 'Fonds vert' }],
  selections: [
    { widgetId: 'barres', field: 'annee', value: 2023, label: '2023' },
    { widgetId: 'table:1', field: 'beneficiaire', value: '12345678900011' },
  ],
};

describe('view in the address', () => {
  it('round-trips every part, numbers stay numbers and codes stay strings', () => {
    const search = encodeView(full, EMPTY_VIEW);
    expect(decodeView(search, EMPTY_VIEW)).toEqual(full);
    const selection = decodeView(search, EMPTY_VIEW).selections[0];
    expect(typeof selection?.value).toBe('number');
  });

  it('writes nothing for an untouched dashboard, and keeps unrelated parameters', () => {
    expect(encodeView(EMPTY_VIEW, EMPTY_VIEW)).toBe('');
    expect(encodeView(EMPTY_VIEW, EMPTY_VIEW, '?version=3')).toBe('?version=3');
    expect(encodeView({ ...EMPTY_VIEW, annee: [2022, 2023, 2024] }, EMPTY_VIEW)).toBe('?annee=2022-2024');
    expect(encodeView(full, EMPTY_VIEW)).toContain('annee=2019%2C2021-2024');
  });

  it('an absent key means the default, an empty one means cleared', () => {
    const defaults: ViewState = {
      ...EMPTY_VIEW,
      annee: [2020, 2021],
      programme: [{ code: '0380', label: '0380' }],
    };
    expect(decodeView('', defaults)).toEqual(defaults);
    const cleared = encodeView({ ...defaults, annee: [], programme: [] }, defaults);
    expect(decodeView(cleared, defaults)).toEqual({ ...defaults, annee: [], programme: [] });
  });

  it('ignores what it cannot read instead of failing', () => {
    const view = decodeView(
      '?annee=hier&territoire=planete:3:Mars&selection=%E0%A4%A&selection=a:b:{',
      EMPTY_VIEW,
    );
    expect(view).toEqual(EMPTY_VIEW);
  });

  it('puts a reversed year range back in order', () => {
    expect(decodeView('?annee=2024-2022', EMPTY_VIEW).annee).toEqual([2022, 2023, 2024]);
  });
});
