import { describe, expect, test } from 'vitest';
import { FOLD_FROM, FOLD_TO } from './render.ts';
import { foldForSearch, SEARCH_SEPARATOR, searchText } from './search-text.ts';

describe('foldForSearch', () => {
  test('maps every letter of the former SQL fold table the same way', () => {
    const from = [...FOLD_FROM];
    const to = [...FOLD_TO];
    for (const [i, letter] of from.entries()) expect(foldForSearch(letter)).toBe(to[i]);
  });
  test('lower-cases and strips any diacritic, not only French ones', () => {
    expect(foldForSearch('Saint-Étienne')).toBe('saint etienne');
    expect(foldForSearch('ŁÓDŹ Ångström Ōsaka')).toBe('łodz angstrom osaka');
    expect(foldForSearch('ÆSOP Œuvre')).toBe('æsop œuvre');
  });
  test('dashes, apostrophes and whitespace runs become one space', () => {
    expect(foldForSearch('Côtes-d’Armor')).toBe('cotes d armor');
    expect(foldForSearch("Côtes d'Armor")).toBe('cotes d armor');
    expect(foldForSearch('Ille – et\u00a0\u00a0Vilaine')).toBe('ille et vilaine');
    expect(foldForSearch('a\tb\nc')).toBe('a b c');
  });
  test('text already folded (codes, SIRETs) comes back as the full fold gives it', () => {
    // A trailing « É » sends the same text through every step of the fold.
    for (let code = 0; code < 128; code++) {
      const text = `x${String.fromCharCode(code)}9y`;
      expect(foldForSearch(text)).toBe(foldForSearch(`${text}É`).slice(0, -1));
    }
    expect(foldForSearch('12345678901234')).toBe('12345678901234');
    expect(foldForSearch('0103-01-01')).toBe('0103 01 01');
    expect(foldForSearch('DREETS0035')).toBe('dreets0035');
  });
  test('LIKE wildcards and backslashes are kept (the compiler escapes them)', () => {
    expect(foldForSearch('100%_\\')).toBe('100%_\\');
  });
});

describe('searchText', () => {
  test('folds code and label apart, with a separator no folded search contains', () => {
    expect(searchText('2A', 'Corse-du-Sud')).toBe(`2a${SEARCH_SEPARATOR}corse du sud`);
    expect(foldForSearch(`x${SEARCH_SEPARATOR}y`)).toBe('x y');
  });
  test('one part when the other is missing, null when both are', () => {
    expect(searchText('0380')).toBe('0380');
    expect(searchText(null, 'Fonds vert')).toBe('fonds vert');
    expect(searchText(null, null)).toBeNull();
    expect(searchText(35, undefined)).toBe('35');
  });
});
