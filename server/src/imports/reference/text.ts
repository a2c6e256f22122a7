/** Text helpers shared by the reference readers. */

/** Lower case, no accents, single spaces: « Code  Programme » = « code programme ». */
export function foldHeader(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `030` → `30`, `1` → `01`, `2a` → `2A`, `971` kept; null when blank, undefined when it is none
 * of the département spellings.
 */
export function normaliseDepartement(raw: string | null): string | null | undefined {
  if (!raw) return null;
  let code = raw.trim().toUpperCase();
  if (/^\d$/.test(code)) code = `0${code}`;
  if (/^0(\d{2}|2[AB])$/.test(code)) code = code.slice(1);
  return /^(\d{2}|2[AB]|97\d)$/.test(code) ? code : undefined;
}
