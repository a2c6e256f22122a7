import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export const PROGRAMMES_FILE = 'reference/programmes-themes.csv';

export interface Programme {
  /** LOLF programme code, 4 digits (`0380`). */
  readonly code: string;
  readonly label: string;
  /** Budget mission (« Cohésion des territoires »), null when the file leaves it blank. */
  readonly theme: string | null;
  /** True for programmes added here because the seed file lacks them. */
  readonly supplement: boolean;
}

export const RELANCE_THEME = 'Plan de relance';

/**
 * Programmes the seed file lacks but the product needs: 380 (Fonds vert, created by the 2023
 * finance law) is the programme of DESIGN's first user story.
 */
const SUPPLEMENT: readonly Programme[] = [
  {
    code: '0380',
    label: "Fonds d'accélération de la transition écologique dans les territoires",
    theme: 'Ecologie, développement et mobilité durables',
    supplement: true,
  },
];

/** `380` → `0380`; anything but 1–4 digits is refused. */
export function normaliseProgrammeCode(raw: string): string | null {
  const code = raw.trim();
  return /^\d{1,4}$/.test(code) ? code.padStart(4, '0') : null;
}

/** The seed file's programmes (codes normalised), then the supplement, sorted by code. */
export function readProgrammes(seedDir: string): Programme[] {
  const rows = parse(readFileSync(path.join(seedDir, PROGRAMMES_FILE)), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  }) as { code_programme: string; titre_programme: string; theme: string }[];
  const byCode = new Map<string, Programme>();
  rows.forEach((row, index) => {
    const code = normaliseProgrammeCode(row.code_programme);
    if (!code) {
      throw new Error(
        `${PROGRAMMES_FILE} ligne ${index + 2} : code programme « ${row.code_programme} » invalide`,
      );
    }
    byCode.set(code, {
      code,
      label: row.titre_programme.trim(),
      theme: row.theme.trim() || null,
      supplement: false,
    });
  });
  for (const extra of SUPPLEMENT) if (!byCode.has(extra.code)) byCode.set(extra.code, extra);
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}
