import { describe, expect, it } from 'vitest';
import type { QuerySpec } from '../spec/types.ts';
import { applyDashboardFilters, defaultFilterValues } from './filters.ts';
import type { DashboardDatasetInfo, DashboardFilterValue } from './types.ts';

/** The shape of GET /api/datasets, reduced to what filters read. */
const geo = (level: string) => ({ id: level, type: 'geo', level });
const catalogue: DashboardDatasetInfo[] = [
  {
    id: 'chorus_lignes',
    dimensions: [
      geo('region'),
      geo('departement'),
      geo('epci'),
      geo('commune'),
      { id: 'programme', type: 'code' },
      { id: 'beneficiaire', type: 'code' },
      { id: 'annee', type: 'year' },
      { id: 'tags', type: 'tags' },
    ],
  },
  {
    id: 'politique_ville_postes',
    dimensions: [
      { id: 'dispositif', type: 'code' },
      { id: 'annee', type: 'year' },
      geo('region'),
      geo('departement'),
    ],
  },
];

const values: DashboardFilterValue[] = [
  { id: 'f-annee', kind: 'annee', value: [2023, 2024] },
  { id: 'f-terr', kind: 'territoire', value: { level: 'commune', code: '35238', label: 'Rennes' } },
  { id: 'f-prog', kind: 'programme', value: ['0380'] },
  { id: 'f-benef', kind: 'beneficiaire', value: [] },
  { id: 'f-tags', kind: 'tags', value: ['fonds_vert', 'relance'] },
];

describe('applyDashboardFilters', () => {
  it('appends every filter the dataset can take, after the widget’s own filters', () => {
    const query: QuerySpec = {
      dataset: 'chorus_lignes',
      measures: ['montant_ae'],
      filters: [{ field: 'programme', op: 'eq', values: ['0362'] }],
    };
    const result = applyDashboardFilters(query, values, catalogue);
    expect(result.query?.filters).toEqual([
      { field: 'programme', op: 'eq', values: ['0362'] },
      { field: 'annee', op: 'in', values: [2023, 2024] },
      { field: 'commune', op: 'eq', values: ['35238'] },
      { field: 'programme', op: 'eq', values: ['0380'] },
      { field: 'tags', op: 'in', values: ['fonds_vert', 'relance'] },
    ]);
    // The empty bénéficiaire choice filters nothing and is reported nowhere.
    expect(result.applied).toEqual(['f-annee', 'f-terr', 'f-prog', 'f-tags']);
    expect(result.notApplicable).toEqual([]);
    // The input is not modified.
    expect(query.filters).toHaveLength(1);
  });

  it('says which filters a dataset without the field cannot take', () => {
    const query: QuerySpec = {
      dataset: 'politique_ville_postes',
      measures: ['montant'],
      dimensions: ['annee'],
    };
    const result = applyDashboardFilters(query, values, catalogue);
    expect(result.query?.filters).toEqual([{ field: 'annee', op: 'in', values: [2023, 2024] }]);
    expect(result.applied).toEqual(['f-annee']);
    // No commune level, no programme, no tags in this dataset.
    expect(result.notApplicable).toEqual(['f-terr', 'f-prog', 'f-tags']);
  });

  it('leaves out a year filter the dataset does not cover, and says which years it covers', () => {
    const query: QuerySpec = { dataset: 'politique_ville_postes', measures: ['montant'] };
    const covering2019 = catalogue.map((d) => (d.id === query.dataset ? { ...d, years: [2019] } : d));
    const years = (value: number[]): DashboardFilterValue => ({ id: 'f-annee', kind: 'annee', value });
    const outside = applyDashboardFilters(query, [years([2021, 2022, 2023])], covering2019);
    expect(outside.query).toBe(query);
    expect(outside.applied).toEqual([]);
    expect(outside.outOfCoverage).toEqual([{ id: 'f-annee', asked: [2021, 2022, 2023], covered: [2019] }]);
    // One covered year is enough: the filter applies (the other years simply have no line).
    const overlapping = applyDashboardFilters(query, [years([2019, 2020])], covering2019);
    expect(overlapping.query?.filters).toEqual([{ field: 'annee', op: 'in', values: [2019, 2020] }]);
    expect(overlapping.outOfCoverage).toEqual([]);
    // Years unknown (a server-side catalogue): the filter applies as asked.
    expect(applyDashboardFilters(query, [years([2021])], catalogue).applied).toEqual(['f-annee']);
  });

  it('applies a territory at the level chosen', () => {
    const query: QuerySpec = { dataset: 'politique_ville_postes', measures: ['montant'] };
    const dept: DashboardFilterValue = {
      id: 't',
      kind: 'territoire',
      value: { level: 'departement', code: '2A', label: 'Corse-du-Sud' },
    };
    expect(applyDashboardFilters(query, [dept], catalogue).query?.filters).toEqual([
      { field: 'departement', op: 'eq', values: ['2A'] },
    ]);
  });

  it('leaves text widgets and unfiltered queries as they are', () => {
    expect(applyDashboardFilters(null, values, catalogue)).toEqual({
      query: null,
      applied: [],
      notApplicable: [],
      outOfCoverage: [],
    });
    const query: QuerySpec = { dataset: 'chorus_lignes', measures: ['montant_ae'] };
    expect(applyDashboardFilters(query, [], catalogue).query).toBe(query);
  });

  it('treats an unknown dataset as taking no filter', () => {
    const result = applyDashboardFilters(
      { dataset: 'inconnu', measures: ['x'] },
      values.slice(0, 1),
      catalogue,
    );
    expect(result).toMatchObject({ applied: [], notApplicable: ['f-annee'] });
  });
});

describe('defaultFilterValues', () => {
  it('opens the dashboard with the declared defaults only', () => {
    expect(
      defaultFilterValues({
        filters: [
          { id: 'a', kind: 'annee', label: 'Année', default: [2024] },
          { id: 't', kind: 'territoire', label: 'Territoire' },
          { id: 'p', kind: 'programme', label: 'Programme', default: ['0380'] },
        ],
      }),
    ).toEqual([
      { id: 'a', kind: 'annee', value: [2024] },
      { id: 'p', kind: 'programme', value: ['0380'] },
    ]);
  });
});
