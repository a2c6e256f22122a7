import { describe, expect, it } from 'vitest';
import { EMPTY_VIEW } from '../dashboards/viewState.ts';
import {
  describeLockedFilter,
  filterKindOf,
  lockedFiltersOf,
  lockedLabelsOf,
  lockedTerritory,
  valueLabelsOf,
} from './lockedFilters.ts';
import { parseOrigins } from './origins.ts';
import { embedSnippets } from './snippets.ts';

describe('lockedFiltersOf', () => {
  it('turns the pickers’ choices into filters, the territory chosen last only', () => {
    const view = {
      ...EMPTY_VIEW,
      annee: [2022, 2023, 2024],
      territoire: [
        { level: 'region' as const, code: '53', label: 'Bretagne' },
        { level: 'departement' as const, code: '35', label: 'Ille-et-Vilaine' },
      ],
      programme: [{ code: '0380', label: 'Fonds vert' }],
    };
    expect(lockedFiltersOf(view)).toEqual([
      { field: 'annee', op: 'in', values: [2022, 2023, 2024] },
      { field: 'departement', op: 'eq', values: ['35'] },
      { field: 'programme', op: 'eq', values: ['0380'] },
    ]);
    expect(lockedFiltersOf(EMPTY_VIEW)).toEqual([]);
  });

  it('describes locked filters in French, with the names the pickers gave', () => {
    const view = {
      ...EMPTY_VIEW,
      territoire: [{ level: 'departement' as const, code: '35', label: 'Ille-et-Vilaine' }],
    };
    const labels = valueLabelsOf(view);
    expect(describeLockedFilter({ field: 'departement', op: 'eq', values: ['35'] }, labels)).toBe(
      'Département : Ille-et-Vilaine (35)',
    );
    expect(describeLockedFilter({ field: 'annee', op: 'in', values: [2022, 2023, 2024] })).toBe(
      'Année : 2022 à 2024',
    );
    expect(describeLockedFilter({ field: 'programme', op: 'in', values: ['0380', '0362'] })).toBe(
      'Programme : 0380, 0362',
    );
    expect(filterKindOf('epci')).toBe('territoire');
    expect(filterKindOf('montant_cp')).toBeNull();
  });
});

describe('a grant’s locked values, named by the server', () => {
  const sent = [
    { field: 'departement', value: '35', label: 'Ille-et-Vilaine' },
    { field: 'programme', value: '0380', label: 'Fonds vert' },
  ];

  it('describes them with the filters’ code and name convention', () => {
    const labels = lockedLabelsOf(sent);
    expect(describeLockedFilter({ field: 'departement', op: 'eq', values: ['35'] }, labels)).toBe(
      'Département : Ille-et-Vilaine (35)',
    );
    expect(describeLockedFilter({ field: 'programme', op: 'in', values: ['0380', '0362'] }, labels)).toBe(
      'Programme : 0380 Fonds vert, 0362',
    );
  });

  it('finds the territory they hold the data to: the finest locked level, else none', () => {
    expect(
      lockedTerritory(
        [
          { field: 'annee', op: 'eq', values: [2023] },
          { field: 'region', op: 'eq', values: ['53'] },
          { field: 'departement', op: 'eq', values: ['35'] },
        ],
        sent,
      ),
    ).toEqual({ level: 'departement', label: 'Ille-et-Vilaine' });
    // A code the data has no name for stays a code; several values are listed.
    expect(lockedTerritory([{ field: 'departement', op: 'in', values: ['35', '29'] }], sent)).toEqual({
      level: 'departement',
      label: 'Ille-et-Vilaine, 29',
    });
    expect(lockedTerritory([{ field: 'departement', op: 'not_in', values: ['35'] }], sent)).toBeNull();
    expect(lockedTerritory([{ field: 'annee', op: 'eq', values: [2023] }], sent)).toBeNull();
  });

  it('starts from the grant’s région when no lock names a territory, never above a lock', () => {
    const bretagne = { code: '53', label: 'Bretagne' };
    expect(lockedTerritory([{ field: 'annee', op: 'eq', values: [2023] }], sent, bretagne)).toEqual({
      level: 'region',
      label: 'Bretagne',
    });
    expect(lockedTerritory([{ field: 'departement', op: 'eq', values: ['35'] }], sent, bretagne)).toEqual({
      level: 'departement',
      label: 'Ille-et-Vilaine',
    });
  });
});

describe('parseOrigins', () => {
  it('keeps one origin per line and names each bad line', () => {
    const parsed = parseOrigins(
      'https://intranet.pref.gouv.fr\n\n  https://intranet.pref.gouv.fr/  \nhttp://intranet.pref.gouv.fr\nhttps://a.fr/page\nnimporte quoi\nhttp://127.0.0.2:8080',
    );
    expect(parsed.origins).toEqual(['https://intranet.pref.gouv.fr', 'http://127.0.0.2:8080']);
    expect(parsed.errors).toEqual([
      'Ligne 4 : « http://intranet.pref.gouv.fr » doit commencer par https://.',
      'Ligne 5 : « https://a.fr/page » doit s’arrêter au nom de domaine (sans chemin : https://a.fr).',
      'Ligne 6 : « nimporte quoi » n’est pas une adresse (attendu : https://intranet.exemple.gouv.fr).',
    ]);
  });
});

describe('embedSnippets', () => {
  it('writes the three snippets with escaped titles', () => {
    const s = embedSnippets({
      origin: 'https://dataetat.gouv.fr/',
      token: 'a.b-c',
      wholeDashboard: false,
      title: 'Aides "DETR" <35>',
    });
    expect(s.iframe).toBe(
      '<iframe src="https://dataetat.gouv.fr/embed/a.b-c" title="Aides &quot;DETR&quot; &lt;35&gt;" width="100%" height="450" style="border:0" loading="lazy"></iframe>',
    );
    expect(s.script).toBe(
      '<script src="https://dataetat.gouv.fr/embed.js" async></script>\n<dataetat-widget token="a.b-c"></dataetat-widget>',
    );
    expect(s.image).toBe(
      '<img src="https://dataetat.gouv.fr/embed/a.b-c.svg" alt="Aides &quot;DETR&quot; &lt;35&gt;">',
    );
    const whole = embedSnippets({ origin: 'https://x.fr', token: 't', wholeDashboard: true, title: 'T' });
    expect(whole.script).toContain('<dataetat-dashboard token="t"></dataetat-dashboard>');
    expect(whole.image).toBeNull();
  });
});
