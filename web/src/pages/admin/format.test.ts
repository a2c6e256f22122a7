import { describe, expect, it } from 'vitest';
import { describeCount, describeViews, formatDay } from './format.ts';

describe('audit journal wording', () => {
  it('reads a day as dd/mm/yyyy', () => {
    expect(formatDay('2026-03-01')).toBe('01/03/2026');
  });

  it('names the link or embed and its daily views', () => {
    const base = { label: 'Pour la préfecture', dashboardTitle: 'Suivi DETR', day: '2026-12-02', views: 12 };
    expect(describeViews({ ...base, kind: 'link' })).toBe(
      'Consultations du lien « Pour la préfecture » : 12 le 02/12/2026',
    );
    expect(describeViews({ ...base, kind: 'embed', label: '' })).toBe(
      'Consultations de l’intégration « sans nom, tableau « Suivi DETR » » : 12 le 02/12/2026',
    );
  });

  it('says how many entries the filters keep, and on which page', () => {
    expect(describeCount(1_234, 2, 13, true)).toBe(
      '1\u202f234 entrées retenues par les filtres — page 2 sur 13',
    );
    expect(describeCount(1, 1, 1, false)).toBe('1 entrée — page 1 sur 1');
    expect(describeCount(0, 1, 1, true)).toBe('Aucune entrée retenue par les filtres.');
  });
});
