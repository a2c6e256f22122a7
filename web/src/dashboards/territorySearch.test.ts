import { describe, expect, it } from 'vitest';
import { territorySearch } from './territorySearch.ts';

const bretagne = { level: 'region', code: '53', label: 'Bretagne' } as const;
const ille = { level: 'departement', code: '35', label: 'Ille-et-Vilaine' } as const;

describe('territory search', () => {
  it('offers every région to a national user, then narrows under the pick', () => {
    expect(territorySearch(null, [], null)).toMatchObject({
      searched: 'region',
      levels: ['region', 'departement', 'epci', 'commune', 'qpv'],
      parents: {},
    });
    expect(territorySearch(null, [bretagne], null)).toMatchObject({
      searched: 'departement',
      parents: { region: '53' },
    });
    expect(territorySearch(null, [bretagne, ille], 'commune').parents).toEqual({
      region: '53',
      departement: '35',
    });
  });

  it('searches the quartiers prioritaires of the chosen commune, the commune staying the default under it', () => {
    const toulouse = { level: 'commune', code: '31555', label: 'Toulouse' } as const;
    const occitanie = { level: 'region', code: '76', label: 'Occitanie' } as const;
    expect(territorySearch(null, [occitanie, toulouse], null).searched).toBe('commune');
    expect(territorySearch(null, [occitanie, toulouse], 'qpv')).toMatchObject({
      searched: 'qpv',
      parents: { region: '76', commune: '31555' },
      within: [occitanie, toulouse],
    });
    // Picked from nowhere, by its name or code: every quartier.
    expect(territorySearch(null, [], 'qpv').parents).toEqual({});
  });

  it('never offers other régions to a reader scoped to Bretagne: every search stays inside it', () => {
    const start = territorySearch('53', [], null);
    expect(start.levels).not.toContain('region');
    expect(start.searched).toBe('departement');
    expect(start.parents).toEqual({ region: '53' });
    // Even when asked for the région level (an old address), the search stays in the scope.
    expect(territorySearch('53', [], 'region')).toMatchObject({
      searched: 'departement',
      parents: { region: '53' },
    });
    expect(territorySearch('53', [ille], null)).toMatchObject({
      searched: 'epci',
      parents: { region: '53', departement: '35' },
      within: [ille],
    });
  });
});
