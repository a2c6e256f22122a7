import { describe, expect, it } from 'vitest';
import { beneficiaryOf, describeReach, tagCodesOf } from './tagAssignmentDraft.ts';

describe('the beneficiary form’s fields', () => {
  it('takes a SIRET or SIREN as copied (spaces, dots), refuses anything else with the reason', () => {
    expect(beneficiaryOf('123 456 789 00012')).toEqual({ value: '12345678900012' });
    expect(beneficiaryOf(' 123.456.789 ')).toEqual({ value: '123456789' });
    expect(beneficiaryOf('')).toEqual({ error: 'Indiquez un SIRET (14 chiffres) ou un SIREN (9 chiffres).' });
    expect(beneficiaryOf('1234567890')).toEqual({
      error: '« 1234567890 » n’est ni un SIRET (14 chiffres) ni un SIREN (9 chiffres).',
    });
    expect('error' in beneficiaryOf('12345678A')).toBe(true);
  });

  it('reads tag codes separated by spaces, commas or « | », once each', () => {
    expect(tagCodesOf('fonds_vert, velo|fonds_vert  grand_plan', 10)).toEqual({
      value: ['fonds_vert', 'velo', 'grand_plan'],
    });
    expect(tagCodesOf('  ', 10)).toEqual({ error: 'Indiquez au moins une étiquette (ex. fonds_vert).' });
    expect(tagCodesOf('Fonds_vert', 10)).toMatchObject({ error: expect.stringContaining('« Fonds_vert »') });
    expect(tagCodesOf('ab cd ef', 2)).toEqual({ error: '2 étiquettes au plus.' });
  });

  it('says what an assignment reached', () => {
    expect(describeReach('fichier', { lines: 21, matched: 20 })).toBe('21 lignes, 20 trouvées dans Chorus');
    expect(describeReach('fichier', { lines: 1, matched: 0 })).toBe('1 ligne, 0 trouvée dans Chorus');
    expect(describeReach('beneficiaire', { lines: 1, matched: 1_662 })).toBe(
      '1\u202f662 lignes trouvées dans les jeux de données',
    );
  });
});
