/** Text helpers shared by the reference readers. */
import { ImportRefusedError } from '../chorus/records.ts';
import type { FileStart } from '../grants/read.ts';

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

/** The file's first line (BOM apart) as Latin-1 — header names are ASCII at heart — or null until it ends. */
export function firstLine(start: FileStart): string | null {
  const text = start.prefix.subarray(start.bomLength).toString('latin1');
  const end = text.indexOf('\n');
  if (end < 0 && !start.atEnd) return null;
  return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
}

/** A whole CSV referential as text, in the encoding detection found (UTF-8 or Windows-1252). */
export function decodeText(bytes: Buffer, start: FileStart): string {
  const body = bytes.subarray(start.bomLength);
  if (start.encoding === 'windows-1252') return new TextDecoder('windows-1252').decode(body);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ImportRefusedError(
      'Le fichier commence en UTF-8 mais contient plus loin des octets qui n’en sont pas (encodage mélangé) : enregistrez-le de nouveau en « CSV UTF-8 ».',
      'ENCODING',
    );
  }
}
