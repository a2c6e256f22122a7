import { describe, expect, it } from 'vitest';
import { recentDatasets } from './recent.ts';

const d = (title: string, updatedAt: string | null) => ({ title, updatedAt });

describe('recentDatasets', () => {
  it('puts the most recently loaded first and keeps `count`', () => {
    const list = [
      d('Dotations', '2026-01-05T10:00:00Z'),
      d('Chorus', '2026-03-01T08:00:00Z'),
      d('Politique de la ville', '2026-02-10T09:00:00Z'),
    ];
    expect(recentDatasets(list, 2).map((x) => x.title)).toEqual(['Chorus', 'Politique de la ville']);
  });

  it('leaves out datasets with no data yet and orders equal dates by title (French collation)', () => {
    const list = [
      d('Zones', null),
      d('Écoles', '2026-03-01T08:00:00Z'),
      d('Aides', '2026-03-01T08:00:00Z'),
      d('Emplois', '2026-03-01T08:00:00Z'),
    ];
    expect(recentDatasets(list, 10).map((x) => x.title)).toEqual(['Aides', 'Écoles', 'Emplois']);
  });

  it('leaves the given list untouched and accepts an empty one', () => {
    const list = [d('B', '2026-01-01T00:00:00Z'), d('A', '2026-02-01T00:00:00Z')];
    recentDatasets(list, 1);
    expect(list.map((x) => x.title)).toEqual(['B', 'A']);
    expect(recentDatasets([], 4)).toEqual([]);
    expect(recentDatasets(list, 0)).toEqual([]);
  });
});
