import { describe, expect, it } from 'vitest';
import { byRegionDotation } from '../echarts/fixtures.ts';
import { scopedQuery } from '../react/scope.ts';
import type { WidgetDefinition } from '../widget/types.ts';
import { type FilterLabels, filterWords, mergeFilterLabels, resultFilterLabels } from './filterWords.ts';

const labels: FilterLabels = {
  fields: {
    region: { label: 'Région', type: 'geo' },
    departement: { label: 'Département', type: 'geo' },
    annee: { label: 'Année', type: 'year' },
    programme: { label: 'Programme', type: 'code' },
    beneficiaire: { label: 'Bénéficiaire', type: 'code' },
    montant_cp: { label: 'Crédits de paiement', type: 'number' },
    date_engagement: { label: "Date d'engagement", type: 'date' },
  },
  values: { region: { '53': 'Bretagne' }, programme: { '0380': 'Fonds vert' } },
};

describe('filterWords', () => {
  it('says a territory by its name and years as a range, territory first', () => {
    expect(
      filterWords(
        [
          { field: 'annee', op: 'in', values: [2021, 2022, 2023] },
          { field: 'region', op: 'eq', values: ['53'] },
        ],
        labels,
      ),
    ).toEqual(['Bretagne', '2021–2023']);
  });

  it('names other fields, with the names the page knows and codes otherwise', () => {
    expect(
      filterWords(
        [
          { field: 'programme', op: 'in', values: ['0380', '0362'] },
          { field: 'departement', op: 'eq', values: ['35'] },
        ],
        labels,
      ),
    ).toEqual(['35', 'Programme : Fonds vert, 0362']);
  });

  it('says every operator in French', () => {
    const say = (filter: Parameters<typeof filterWords>[0][number]) => filterWords([filter], labels)[0];
    expect(say({ field: 'programme', op: 'not_in', values: ['0380'] })).toBe('Programme : sauf Fonds vert');
    expect(say({ field: 'beneficiaire', op: 'contains', values: ['commune'] })).toBe(
      'Bénéficiaire contient « commune »',
    );
    expect(say({ field: 'beneficiaire', op: 'starts_with', values: ['21'] })).toBe(
      'Bénéficiaire commence par « 21 »',
    );
    expect(say({ field: 'beneficiaire', op: 'is_null' })).toBe('Bénéficiaire non renseigné');
    expect(say({ field: 'beneficiaire', op: 'not_null' })).toBe('Bénéficiaire renseigné');
    expect(say({ field: 'montant_cp', op: 'gte', values: [1_000_000] })).toBe(
      'Crédits de paiement ≥ 1\u202f000\u202f000',
    );
    expect(say({ field: 'date_engagement', op: 'between', values: ['2021-01-01', '2021-06-30'] })).toBe(
      "Date d'engagement : de 01/01/2021 à 30/06/2021",
    );
    expect(say({ field: 'annee', op: 'between', values: [2019, 2022] })).toBe('2019–2022');
    expect(say({ field: 'annee', op: 'gte', values: [2021] })).toBe('depuis 2021');
    expect(say({ field: 'annee', op: 'lt', values: [2021] })).toBe('jusqu’en 2020');
    expect(say({ field: 'annee', op: 'last_n_years', values: [3] })).toBe('3 dernières années');
    expect(say({ field: 'annee', op: 'in', values: [2017, 2018, 2021] })).toBe('2017–2018 et 2021');
    expect(say({ field: 'inconnu', op: 'eq', values: [true] })).toBe('inconnu : oui');
  });

  it('lists five values, then says how many more', () => {
    const codes = ['1', '2', '3', '4', '5', '6', '7'];
    expect(filterWords([{ field: 'programme', op: 'in', values: codes }], labels)).toEqual([
      'Programme : 1, 2, 3, 4, 5 et 2 autres',
    ]);
  });

  it('says a phrase once', () => {
    const filter = { field: 'region', op: 'eq', values: ['53'] } as const;
    expect(filterWords([filter, filter], labels)).toEqual(['Bretagne']);
  });

  it('takes field labels and code names from a result, the page’s names first', () => {
    const fromResult = resultFilterLabels(byRegionDotation);
    expect(fromResult.fields.region).toEqual({ label: 'Région', type: 'geo' });
    expect(fromResult.values.region).toEqual({
      '53': 'Bretagne',
      '84': 'Auvergne-Rhône-Alpes',
      '94': 'Corse',
    });
    const merged = mergeFilterLabels(
      { fields: {}, values: { region: { '53': 'Région Bretagne' } } },
      fromResult,
    );
    expect(filterWords([{ field: 'region', op: 'in', values: ['53', '94'] }], merged)).toEqual([
      'Région Bretagne, Corse',
    ]);
  });
});

describe('a dashboard widget’s filters in words (scopedQuery → filterWords)', () => {
  const widget: WidgetDefinition = {
    id: 'carte',
    type: 'bar',
    title: 'Paiements',
    query: { dataset: 'chorus_lignes', measures: ['montant_cp'], dimensions: ['type_beneficiaire'] },
    options: {},
  };
  const catalogue = [
    {
      id: 'chorus_lignes',
      dimensions: [
        { id: 'region', type: 'geo', level: 'region', label: 'Région' },
        { id: 'departement', type: 'geo', level: 'departement', label: 'Département' },
        { id: 'annee', type: 'year', label: 'Année' },
        { id: 'programme', type: 'code', label: 'Programme' },
        { id: 'type_beneficiaire', type: 'code', label: 'Type de bénéficiaire' },
      ],
    },
  ];

  it('says the chosen territory, years, programmes and other widgets’ selections by their names', () => {
    const scoped = scopedQuery(widget, {
      filters: [
        { id: 'annee', kind: 'annee', value: [2021, 2022, 2023] },
        { id: 'territoire', kind: 'territoire', value: { level: 'region', code: '53', label: 'Bretagne' } },
        { id: 'programme', kind: 'programme', value: ['0380'], labels: ['Fonds vert'] },
      ],
      mapLevel: null,
      selections: [{ widgetId: 'carte-dep', field: 'departement', value: '35', label: 'Ille-et-Vilaine' }],
      catalogue,
    });
    expect(filterWords(scoped.query?.filters ?? [], scoped.labels)).toEqual([
      'Bretagne',
      'Ille-et-Vilaine',
      '2021–2023',
      'Programme : Fonds vert',
    ]);
  });

  it('says nothing of a filter the dataset cannot take', () => {
    const scoped = scopedQuery(widget, {
      filters: [{ id: 'b', kind: 'beneficiaire', value: ['123'], labels: ['Commune de Vannes'] }],
      mapLevel: null,
      selections: [],
      catalogue,
    });
    expect(scoped.notApplicable).toEqual(['b']);
    expect(filterWords(scoped.query?.filters ?? [], scoped.labels)).toEqual([]);
  });
});
