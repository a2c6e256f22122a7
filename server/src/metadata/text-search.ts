import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * « Contains », case and accents ignored, for the searches people type (the user directory,
 * the audit journal's « who »). `lower()` alone cannot be trusted here: under the C locale
 * (PGlite) it leaves `É` as it is. So accented letters, both cases, are first mapped to their
 * plain lower-case form with `translate`, then the rest is lowered.
 */
const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ';
const UNACCENTED = 'aaaaaaceeeeiiiinooooouuuuyyoaaaaaaaceeeeiiiinooooouuuuyyoa';

/** The same folding on the typed text, LIKE wildcards escaped (the default escape is `\`). */
export function foldForLike(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The column folded the same way (a null column matches nothing). */
export function folded(column: AnyPgColumn): SQL {
  return sql`lower(translate(${column}, ${ACCENTED}, ${UNACCENTED}))`;
}

/** `column` contains `text`, case and accents ignored; `text` is a bind parameter. */
export function foldedContains(column: AnyPgColumn, text: string): SQL {
  return sql`${folded(column)} like ${`%${foldForLike(text)}%`}`;
}
