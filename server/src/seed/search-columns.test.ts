import { SEARCH_SEPARATOR } from '@dataetat/widgets';
import { describe, expect, it } from 'vitest';
import { politiqueVillePostes } from '../catalogue/datasets/politique-ville-postes.ts';
import { searchColumns } from './search-columns.ts';

const COLUMNS = [
  { name: 'beneficiaire', type: 'text' },
  { name: 'beneficiaire_label', type: 'text' },
  { name: 'departement', type: 'text' },
  { name: 'departement_label', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'region_label', type: 'text' },
] as const;

describe('searchColumns', () => {
  it('appends one folded column per searchable dimension of the catalogue', () => {
    const search = searchColumns(politiqueVillePostes, COLUMNS);
    expect(search.columns.slice(COLUMNS.length).map((c) => c.name)).toEqual([
      'beneficiaire_search',
      'region_search',
      'departement_search',
    ]);
    const row = search.extend(['12345678900011', 'Maison d’Été', '35', 'Ille-et-Vilaine', null, null]);
    expect(row.slice(COLUMNS.length)).toEqual([
      `12345678900011${SEARCH_SEPARATOR}maison d ete`,
      null,
      `35${SEARCH_SEPARATOR}ille et vilaine`,
    ]);
    // Cached values are the same for the same code and label, distinct for another label.
    expect(
      search.extend(['12345678900011', 'Autre nom', '35', 'Ille-et-Vilaine', '53', 'Bretagne']).slice(6),
    ).toEqual([
      `12345678900011${SEARCH_SEPARATOR}autre nom`,
      `53${SEARCH_SEPARATOR}bretagne`,
      `35${SEARCH_SEPARATOR}ille et vilaine`,
    ]);
  });

  it('refuses a layout without a column the catalogue searches', () => {
    expect(() => searchColumns(politiqueVillePostes, COLUMNS.slice(0, 2))).toThrow(
      'politique_ville_postes : colonne region absente du chargeur',
    );
  });
});
