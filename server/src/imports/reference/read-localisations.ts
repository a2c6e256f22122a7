/**
 * Reads the localisation interministérielle file (`LOC_INTERMIN_AAAAMMJJ.csv`, `;`, UTF-8 or
 * Windows-1252): « Loc int; Niveau; Région; N° DEP; Département; Commune; Site; Déb.valid.;
 * Fin valid.; Code Père; Libellé », recognised by its header (first line), whatever its name.
 * Each code says a département and a town: where a Chorus line with that localisation is placed.
 */
import { parse } from 'csv-parse/sync';
import { ImportRefusedError } from '../chorus/records.ts';
import type { FileStart } from '../grants/read.ts';
import { type DetectedReferenceLayout, REFERENCE_DATASETS, type ReferenceItem } from './records.ts';
import { decodeText, firstLine, foldHeader, normaliseDepartement } from './text.ts';

const COLUMNS = {
  code: { names: ['loc int', 'localisation interministerielle'], shown: 'Loc int', required: true },
  niveau: { names: ['niveau'], shown: 'Niveau', required: false },
  departement: { names: ['n° dep', 'no dep', 'n dep', 'code departement'], shown: 'N° DEP', required: true },
  commune: { names: ['commune'], shown: 'Commune', required: true },
  site: { names: ['site'], shown: 'Site', required: false },
  libelle: { names: ['libelle'], shown: 'Libellé', required: false },
} as const;
type Key = keyof typeof COLUMNS;

export const LOCALISATIONS_LABEL = 'Référentiel des localisations interministérielles (LOC_INTERMIN)';

/** Folded header cells (the bytes read as Latin-1: the names looked for are ASCII at heart). */
const headerCells = (line: string) => line.split(';').map((c) => foldHeader(c.replace(/^"|"$/g, '')));

/** Whether the file's first line is a localisation interministérielle header (`Loc int;…`). */
export function isLocalisationsHeader(start: FileStart): boolean {
  const line = firstLine(start);
  if (!line?.includes(';')) return false;
  return headerCells(line).some((c) => (COLUMNS.code.names as readonly string[]).includes(c));
}

/** Reads the whole file (bounded by the upload limit) once recognised. */
export function readLocalisations(
  bytes: Buffer,
  start: FileStart,
): { layout: DetectedReferenceLayout; items: ReferenceItem[] } {
  const text = decodeText(bytes, start);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: ';',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportRefusedError(
      `Fichier des localisations interministérielles illisible${line ? ` ligne ${line}` : ''} : ${error instanceof Error ? error.message : String(error)}.`,
      'MALFORMED',
    );
  }
  const header = (records[0]?.record ?? []).map((c) => foldHeader(c));
  const indexes = new Map<Key, number>();
  for (const [key, column] of Object.entries(COLUMNS) as [Key, (typeof COLUMNS)[Key]][]) {
    const at = header.findIndex((c) => (column.names as readonly string[]).includes(c));
    if (at >= 0) indexes.set(key, at);
  }
  const missing = (Object.entries(COLUMNS) as [Key, (typeof COLUMNS)[Key]][])
    .filter(([key, column]) => column.required && !indexes.has(key))
    .map(([, column]) => `« ${column.shown} »`);
  if (missing.length > 0) {
    throw new ImportRefusedError(
      `En-tête abîmé ligne 1 : ${missing.length > 1 ? 'colonnes' : 'colonne'} ${missing.join(', ')} introuvable${missing.length > 1 ? 's' : ''}. Le fichier est reconnu comme « ${LOCALISATIONS_LABEL} » (colonne « Loc int ») mais ${missing.length > 1 ? 'ces colonnes, nécessaires à l’import, n’y sont pas' : 'cette colonne, nécessaire à l’import, n’y est pas'} : réexportez le fichier avec toutes ses colonnes.`,
      'MISSING_COLUMN',
    );
  }
  if (records.length < 2) {
    throw new ImportRefusedError(
      `Le fichier ne contient aucune ligne de données : rien après l’en-tête (ligne 1) de ce fichier « ${LOCALISATIONS_LABEL} ».`,
      'EMPTY',
    );
  }
  const items: ReferenceItem[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const cell = (key: Key) => {
      const at = indexes.get(key);
      const value = at === undefined ? '' : (record[at] ?? '').trim();
      return value === '' ? null : value;
    };
    const line = info.lines;
    const code = cell('code')?.toUpperCase() ?? null;
    if (!code) {
      if (record.some((c) => c.trim() !== '')) {
        items.push({
          kind: 'problem',
          value: { line, column: 'Loc int', value: '', reason: 'Code de localisation vide.' },
        });
      }
      continue;
    }
    const rawDep = cell('departement');
    const departement = normaliseDepartement(rawDep);
    if (departement === undefined) {
      items.push({
        kind: 'problem',
        value: {
          line,
          column: 'N° DEP',
          value: rawDep ?? '',
          reason: `N° de département invalide pour la localisation « ${code} » (attendu : 01 à 95, 2A, 2B ou 971 à 976).`,
        },
      });
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      items.push({
        kind: 'problem',
        value: { line, column: 'Loc int', value: code, reason: `Code en double : déjà ligne ${first}.` },
      });
      continue;
    }
    seen.set(code, line);
    const commune = cell('commune');
    const label = cell('libelle') ?? cell('site');
    items.push({
      kind: 'line',
      value: {
        line,
        content: 'localisation',
        code,
        label,
        detail: [commune, departement ? `(${departement})` : null].filter(Boolean).join(' ') || null,
        row: [code, cell('niveau'), departement, commune, label],
      },
    });
  }
  return {
    layout: {
      id: 'localisations-interministerielles',
      label: LOCALISATIONS_LABEL,
      dataset: REFERENCE_DATASETS['localisations-interministerielles'],
      encoding: start.encoding,
    },
    items,
  };
}
