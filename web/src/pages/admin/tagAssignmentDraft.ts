/**
 * The beneficiary form's fields as typed (spaces in a SIRET copied from a registry, tags
 * separated by spaces, commas or « | »), turned into what the API takes, or why not. Pure.
 */

const TAG_CODE = /^[a-z][a-z0-9_]{1,39}$/;

/** A SIRET (14 digits) or SIREN (9 digits) once spaces, dots and dashes are removed; else the reason. */
export function beneficiaryOf(text: string): { value: string } | { error: string } {
  const digits = text.replace(/[\s.\-\u00a0\u202f]/g, '');
  if (digits.length === 0) return { error: 'Indiquez un SIRET (14 chiffres) ou un SIREN (9 chiffres).' };
  if (!/^(?:[0-9]{9}|[0-9]{14})$/.test(digits))
    return {
      error: `« ${text.trim()} » n’est ni un SIRET (14 chiffres) ni un SIREN (9 chiffres).`,
    };
  return { value: digits };
}

/** Tag codes separated by spaces, commas, semicolons or « | »: once each, in the order typed. */
export function tagCodesOf(text: string, max: number): { value: string[] } | { error: string } {
  const codes = [
    ...new Set(
      text
        .split(/[\s,;|]+/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
  if (codes.length === 0) return { error: 'Indiquez au moins une étiquette (ex. fonds_vert).' };
  const bad = codes.find((c) => !TAG_CODE.test(c));
  if (bad !== undefined)
    return {
      error: `Code « ${bad} » invalide : 2 à 40 caractères, minuscules sans accent, chiffres ou « _ », commençant par une lettre.`,
    };
  if (codes.length > max) return { error: `${max} étiquettes au plus.` };
  return { value: codes };
}

const plural = (value: number, one: string, many: string) =>
  `${value.toLocaleString('fr-FR')} ${value > 1 ? many : one}`;

/** What an assignment reached when saved: « 21 lignes, 20 trouvées dans Chorus » / « 662 lignes trouvées ». */
export function describeReach(
  kind: 'fichier' | 'beneficiaire',
  report: { lines: number; matched: number },
): string {
  const found = plural(report.matched, 'trouvée', 'trouvées');
  return kind === 'fichier'
    ? `${plural(report.lines, 'ligne', 'lignes')}, ${found} dans Chorus`
    : `${plural(report.matched, 'ligne trouvée', 'lignes trouvées')} dans les jeux de données`;
}
