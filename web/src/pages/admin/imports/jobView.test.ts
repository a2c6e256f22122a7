import type { ImportJob, ImportList } from '@dataetat/widgets';
import { describe, expect, it } from 'vitest';
import {
  contentsLabel,
  formatBytes,
  isPending,
  isReference,
  kindLabel,
  pendingJobOf,
  regionsLabel,
  yearsLabel,
} from './jobView.ts';

const job = (id: number, status: ImportJob['status'], authorId: number) =>
  ({ id, status, author: { id: authorId, email: `u${authorId}@x` } }) as ImportJob;
const list = (imports: ImportJob[]): ImportList => ({
  imports,
  maxMb: 200,
  total: imports.length,
  page: 1,
  pageSize: 20,
});

describe('import job readings', () => {
  it('finds the newest unfinished import of this administrator, not a colleague’s nor a finished one', () => {
    const history = list([
      job(9, 'awaiting_confirmation', 2),
      job(8, 'succeeded', 1),
      job(7, 'running', 1),
      job(6, 'analysing', 1),
    ]);
    expect(pendingJobOf(history, 1)?.id).toBe(7);
    expect(pendingJobOf(history, 2)?.id).toBe(9);
    expect(pendingJobOf(history, 3)).toBeNull();
    expect(pendingJobOf(undefined, 1)).toBeNull();
    expect(isPending('refused')).toBe(false);
  });

  it('says sizes, kinds, years and régions in French', () => {
    expect(formatBytes(512)).toBe('512 octets');
    expect(formatBytes(1536).replace(/\s/g, ' ')).toBe('1,5 Ko');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 Mo');
    const chorus = 'chorus_lignes';
    expect(
      kindLabel({ dataset: chorus, layout: { id: 'inf-bud-53-cp', label: '', carriesRegion: false } }),
    ).toBe('Paiements (CP)');
    expect(kindLabel({ dataset: chorus, layout: { id: 'aife-ae', label: '', carriesRegion: true } })).toBe(
      'Engagements (AE)',
    );
    expect(
      kindLabel({
        dataset: 'france_2030_laureats',
        layout: { id: 'france-2030', label: '', carriesRegion: true },
      }),
    ).toBe('Projets lauréats France 2030');
    expect(kindLabel({ dataset: chorus, layout: null })).toBeNull();
    expect(yearsLabel({ yearsFound: [2021, 2022, 2023, 2025] })).toBe('2021–2023 et 2025');
    expect(yearsLabel({ yearsFound: [] })).toBeNull();
    expect(
      regionsLabel({
        regionsFound: [
          { code: '53', label: 'Bretagne' },
          { code: '28', label: null },
        ],
      }),
    ).toBe('Bretagne (53), Région 28');
  });

  it('says what a reference file replaces and holds', () => {
    const calculette = {
      dataset: 'referentiel_calculette',
      layout: { id: 'calculette-chorus', label: '', carriesRegion: true },
    };
    expect(isReference(calculette)).toBe(true);
    expect(isReference({ dataset: 'chorus_lignes' })).toBe(false);
    expect(kindLabel(calculette)).toBe('Référentiel : libellés Chorus (remplace la Calculette précédente)');
    expect(
      contentsLabel({
        contents: [
          { id: 'ministere', label: 'Ministères', count: 11 },
          { id: 'centre_couts', label: 'Centres de coûts', count: 1437 },
        ],
      })?.replace(/\s/g, ' '),
    ).toBe('Ministères : 11 ; Centres de coûts : 1 437');
    expect(contentsLabel({ contents: [] })).toBeNull();
  });
});
