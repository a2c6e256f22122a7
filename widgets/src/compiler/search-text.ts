/**
 * Text search without per-row work in SQL: the text a `contains` looks into is folded once, at
 * load time, into a dimension's `searchColumn`, and the user's search is folded the same way at
 * compile time. Both sides go through `foldForSearch`, in JS, so DuckDB and PostgreSQL compare
 * the very same strings with a plain `LIKE` — identical by construction.
 */

/** Every combining mark (accents, cedilla, diaeresis…) left by the NFD decomposition. */
const COMBINING_MARKS = /\p{M}/gu;
/**
 * Letters NFD leaves whole but the former SQL fold table mapped (`ø` → `o`). Œ and Æ only lose
 * their case (œ, æ), as before: « oeuvre » does not find « Œuvre ».
 */
const UNDECOMPOSED = /ø/g;
/**
 * Word separators folded to one space: whitespace and control characters, every dash, every
 * apostrophe. « ille et vilaine » finds « Ille-et-Vilaine », « cotes d'armor » finds
 * « Côtes-d’Armor ». `_`, `%` and `\` stay literal (the LIKE pattern escapes them).
 */
const SEPARATORS = /[\s\p{Cc}\p{Pd}'‘’ʼ`´]+/gu;

/**
 * Printable ASCII that folding leaves as it is (no capital, space, dash, apostrophe or
 * backquote): SIRETs, codes, numbers. Such text skips the NFD and the three replacements — a
 * million imported Chorus lines carry a million distinct SIRETs.
 */
const ALREADY_FOLDED = /^[!-&(-,.-@[-_a-~]*$/;

/**
 * Lower case, accents removed (any letter with a diacritic, through NFD), dashes, apostrophes
 * and runs of whitespace turned into one space. Pure; the same function folds stored text
 * (`searchText`, at load time) and searches (compiler), so the two always agree.
 */
export function foldForSearch(text: string): string {
  if (ALREADY_FOLDED.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(UNDECOMPOSED, 'o')
    .replace(SEPARATORS, ' ');
}

/**
 * Between the folded code and the folded label. A folded search never contains it (control
 * characters fold to a space), so a match lies wholly in the code or wholly in the label:
 * « found by its code or by its label », never across the two.
 */
export const SEARCH_SEPARATOR = '\u001f';

/**
 * The value of a dimension's search column for one row: folded code and folded label (when
 * there is one), or null when both are missing (NULL never matches, as before).
 */
export function searchText(code: unknown, label?: unknown): string | null {
  const parts: string[] = [];
  for (const part of [code, label]) {
    if (part !== null && part !== undefined) parts.push(foldForSearch(String(part)));
  }
  return parts.length === 0 ? null : parts.join(SEARCH_SEPARATOR);
}
