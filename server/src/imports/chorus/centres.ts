import path from 'node:path';
import ExcelJS from 'exceljs';
import { CENTRES_TABLE, LABELS_TABLE, LOCALISATIONS_TABLE } from '../../chorus/referentials.ts';
import type { Warehouse } from '../../warehouse/types.ts';

/** The seed pack's centres de coûts referential (postcode and town of each centre). */
export const CENTRES_FILE = 'reference/centre_cout.xlsx';

export interface CentreCouts {
  readonly code: string;
  readonly postcode: string | null;
  readonly town: string | null;
}

/** A code of the localisation interministérielle referential (`LOC_INTERMIN`). */
export interface Localisation {
  readonly code: string;
  readonly departement: string | null;
  /** Town name, as written. */
  readonly commune: string | null;
}

const HEADER = 'Ctre coûts';

/**
 * The referentials imported into the warehouse (imports/reference/), each null until one is
 * imported: the centres de coûts then come from the seed pack.
 */
export async function readImportedReferentials(warehouse: Warehouse): Promise<{
  centres: Map<string, CentreCouts> | null;
  localisations: Map<string, Localisation> | null;
  /** Département of each centre de coûts the Calculette lists (empty until it is imported). */
  centreDepartements: Map<string, string>;
}> {
  const rows = async (table: string, columns: string, where = '') =>
    (await warehouse.tableExists(table))
      ? (await warehouse.query(`SELECT ${columns} FROM ${table} ${where}`)).rows.map((r) =>
          r.map((v) => (v === null ? null : String(v))),
        )
      : null;
  const centres = await rows(CENTRES_TABLE, 'code, code_postal, ville');
  const localisations = await rows(LOCALISATIONS_TABLE, 'code, departement, commune');
  const departements = await rows(
    LABELS_TABLE,
    'code, departement',
    "WHERE kind = 'centre_couts' AND departement IS NOT NULL",
  );
  return {
    centreDepartements: new Map((departements ?? []).map(([code, dep]) => [code as string, dep as string])),
    centres:
      centres &&
      new Map(
        centres.map(([code, postcode, town]) => [
          code as string,
          { code: code as string, postcode: postcode ?? null, town: town ?? null },
        ]),
      ),
    localisations:
      localisations &&
      new Map(
        localisations.map(([code, departement, commune]) => [
          code as string,
          { code: code as string, departement: departement ?? null, commune: commune ?? null },
        ]),
      ),
  };
}

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
