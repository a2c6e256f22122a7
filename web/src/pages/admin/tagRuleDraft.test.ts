import { describe, expect, it } from 'vitest';
import { describeTarget, draftOf, parseValues, ruleOf } from './tagRuleDraft.ts';

describe('tagging rule drafts', () => {
  it('reads pasted values one per line, or separated by ; and ,, once each', () => {
    expect(parseValues(' 0380\n0362 ; 0363,0362\n\n')).toEqual(['0380', '0362', '0363']);
  });

  it('goes from rule to draft and back unchanged', () => {
    const rule = {
      code: 'pvd',
      label: 'Petites villes de demain',
      description: '',
      targets: [
        {
          dataset: 'chorus_lignes',
          conditions: [
            {
              field: 'commune',
              op: 'in' as const,
              values: ['01033', '29284'],
              source: 'seed pack : pvd.csv',
            },
          ],
        },
        { dataset: 'politique_ville_postes', conditions: [] },
      ],
    };
    expect(ruleOf(draftOf(rule))).toEqual(rule);
  });

  it('says a target in words, long lists shortened', () => {
    const label = (id: string) => ({ programme: 'Programme', commune: 'Commune' })[id] ?? id;
    expect(describeTarget({ dataset: 'x', conditions: [] }, label)).toBe('toutes les lignes');
    expect(
      describeTarget(
        {
          dataset: 'x',
          conditions: [
            { field: 'programme', op: 'between', values: ['0362', '0364'] },
            { field: 'commune', op: 'in', values: ['1', '2', '3', '4', '5'] },
          ],
        },
        label,
      ),
    ).toBe('Programme est entre (2 valeurs) 0362, 0364 et Commune est parmi 1, 2, 3, 4… (5 valeurs)');
  });
});
