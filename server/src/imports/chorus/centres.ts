import path from 'node:path';
import ExcelJS from 'exceljs';

/** The seed pack's centres de coûts referential (postcode and town of each centre). */
export const CENTRES_FILE = 'reference/centre_cout.xlsx';

export interface CentreCouts {
  readonly code: string;
  readonly postcode: string | null;
  readonly town: string | null;
}

const HEADER = 'Ctre coûts';

/**
 * Reads the referential (one sheet: a few preamble rows, then « Ctre coûts, Description,
 * Désignation, Cde postal, Ville »), found by its header rather than a row number. Small (a few
 * hundred centres in the seed pack): read whole, once per import.
 */
export async function readCentres(seedDir: string): Promise<Map<string, CentreCouts>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(seedDir, CENTRES_FILE));
  const centres = new Map<string, CentreCouts>();
  const sheet = workbook.worksheets[0];
  if (!sheet) return centres;
  let columns: { code: number; postcode: number; town: number } | null = null;
  const text = (value: ExcelJS.CellValue): string | null => {
    if (value === null || value === undefined) return null;
    const raw = String(typeof value === 'object' && 'text' in value ? value.text : value).trim();
    return raw === '' ? null : raw;
  };
  sheet.eachRow((row) => {
    const values = row.values as ExcelJS.CellValue[];
    if (!columns) {
      const code = values.findIndex((v) => text(v) === HEADER);
      if (code >= 0) {
        const find = (label: string) => values.findIndex((v) => text(v) === label);
        columns = { code, postcode: find('Cde postal'), town: find('Ville') };
      }
      return;
    }
    const code = text(values[columns.code]);
    if (!code) return;
    const postcode = text(values[columns.postcode]);
    centres.set(code, {
      code,
      // Read as a number by Excel: 1000 is 01000.
      postcode: postcode && /^\d{4,5}$/.test(postcode) ? postcode.padStart(5, '0') : null,
      town: text(values[columns.town]),
    });
  });
  return centres;
}
