import { describe, expect, it } from 'vitest';
import { acceptHostFilters, parseFiltersAttribute, readHostFilters, withHostFilters } from './hostFilters.ts';

const rules = [{ field: 'annee', values: [2023, 2024] }, { field: 'programme' }];
const kpi = {
  id: 'total',
  type: 'kpi' as const,
  title: 'Total',
  query: {
    dataset: 'chorus_lignes',
    measures: ['montant_cp'],
    filters: [{ field: 'departement', op: 'eq' as const, values: ['35'] }],
  },
  options: {},
};
const catalogue = [
  {
    id: 'chorus_lignes',
    dimensions: [
      { id: 'annee', type: 'year' },
      { id: 'programme', type: 'code' },
    ],
  },
];

describe('host filters', () => {
  it('keeps the allowed fields and values, as narrowing `in` filters', () => {
    const { filters, warnings } = acceptHostFilters({ annee: [2024], programme: ['0380', '0362'] }, rules);
    expect(filters).toEqual([
      { field: 'annee', op: 'in', values: [2024] },
      { field: 'programme', op: 'in', values: ['0380', '0362'] },
    ]);
    expect(warnings).toEqual([]);
  });

  it('ignores a field the embed does not list, and values outside the allowed ones, in French', () => {
    const { filters, warnings } = acceptHostFilters({ departement: ['75'], annee: [2019, '2023'] }, rules);
    expect(filters).toEqual([{ field: 'annee', op: 'in', values: ['2023'] }]);
    expect(warnings).toEqual([
      'Le filtre « departement » n’est pas autorisé par cette intégration : il est ignoré.',
      'Valeurs non autorisées pour le filtre « annee » ignorées : 2019.',
    ]);
    // Nothing allowed left: no filter at all (never « every value »).
    expect(acceptHostFilters({ annee: [1990] }, rules).filters).toEqual([]);
  });

  it('reads the attribute as JSON, and refuses broken or oversized input', () => {
    expect(parseFiltersAttribute('{"annee":[2024]}').filters).toEqual({ annee: [2024] });
    expect(parseFiltersAttribute(null).filters).toEqual({});
    expect(parseFiltersAttribute('{annee:2024}').warnings[0]).toContain('Attribut filters illisible');
    expect(readHostFilters([1, 2]).filters).toEqual({});
    expect(readHostFilters({ annee: 2024 }).filters).toEqual({ annee: [2024] });
    const many = readHostFilters({ programme: Array.from({ length: 201 }, (_, i) => String(i)) });
    expect(many.filters).toEqual({});
    expect(many.warnings[0]).toContain('trop nombreuses');
    expect(readHostFilters({ annee: [{ op: 'not_in' }] }).filters).toEqual({});
  });

  it('adds the filters to a widget whose dataset has the field, after its own (which stay)', () => {
    const filtered = withHostFilters(kpi, [{ field: 'annee', op: 'in', values: [2024] }], catalogue);
    expect(filtered.query?.filters).toEqual([
      { field: 'departement', op: 'eq', values: ['35'] },
      { field: 'annee', op: 'in', values: [2024] },
    ]);
    const other = withHostFilters(kpi, [{ field: 'qpv', op: 'in', values: ['x'] }], catalogue);
    expect(other).toBe(kpi);
  });
});
