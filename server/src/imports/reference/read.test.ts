import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seedDir } from '../../testing/harness.ts';
import { ImportRefusedError } from '../chorus/records.ts';
import { chunked, encodeWindows1252 } from '../chorus/test-files.ts';
import { readImportFile } from '../read-file.ts';
import type { ReferenceEntry, ReferenceItem } from './records.ts';
import { normaliseDepartement } from './text.ts';

/**
 * The reference readers on the seed pack's samples, through the one entry every deposited file
 * takes (read-file.ts): what is recognised, what each entry becomes, what is refused and why.
 * Expected values are read from the samples by fixed positions here.
 */

const CALCULETTE = readFileSync(path.join(seedDir, 'reference/Calculette_Chorus_test.xlsx'));
const CENTRES = readFileSync(path.join(seedDir, 'reference/centre_cout.xlsx'));
const LOC = readFileSync(path.join(seedDir, 'formats/other/LOC_INTERMIN_20230126.csv'));

async function open(bytes: Buffer, chunk?: number) {
  const opened = await readImportFile(chunked(bytes, chunk));
  if (opened.family !== 'reference') throw new Error(`famille ${opened.family}`);
  const items: ReferenceItem[] = [];
  for await (const item of opened.items) items.push(item);
  const entries = items.filter((i) => i.kind === 'line').map((i) => i.value as ReferenceEntry);
  const problems = items.filter((i) => i.kind === 'problem').map((i) => i.value);
  return { layout: opened.layout, entries, problems };
}

async function refusal(bytes: Buffer): Promise<ImportRefusedError> {
  try {
    await open(bytes);
  } catch (error) {
    if (error instanceof ImportRefusedError) return error;
    throw error;
  }
  throw new Error('lu sans refus');
}

describe('the Calculette', () => {
  it('is recognised from its sheets and gives every entry of the five referentials', async () => {
    const { layout, entries, problems } = await open(CALCULETTE, 7_000);
    expect(layout).toMatchObject({
      id: 'calculette-chorus',
      dataset: 'referentiel_calculette',
      encoding: null,
    });
    expect(problems).toEqual([]);
    const byKind = (kind: string) => entries.filter((e) => e.content === kind);
    expect(byKind('ministere')[0]).toMatchObject({ code: 'MIN01', label: 'Europe&Aff.Étrangères', line: 10 });
    expect(byKind('programme').map((e) => e.row)).toEqual([
      ['programme', '0105', 'Action de la France en Europe et dans le monde', 'MIN01', null],
      ['programme', '0151', "Français à l'étranger et affaires consulaires", 'MIN01', null],
      ['programme', '0185', "Diplomatie culturelle et d'influence", 'MIN01', null],
    ]);
    expect(byKind('domaine_fonctionnel').map((e) => [e.code, e.label])).toEqual([
      ['0104-12-08', 'TEST'],
      ['0104-12-15', 'Actions Réfugiés'],
    ]);
    expect(byKind('centre_couts')[0]).toMatchObject({
      code: 'AECADAF093',
      label: 'Bureau programmation et affaires financ.',
      row: ['centre_couts', 'AECADAF093', 'Bureau programmation et affaires financ.', 'MIN01', '93'],
      detail: 'Département 93',
    });
    expect(byKind('groupe_marchandise').map((e) => [e.code, e.label])).toEqual([
      ['01.01.01', 'EX-FRAIS POSTAUX YC VALIISE DIPLOMATIQUE'],
      ['01.01.02', 'EX-MACHINE À AFFRANCHIR'],
    ]);
  });

  it('reports a code twice, line and sheet named; keeps a code without label', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(CALCULETTE as unknown as ArrayBuffer);
    const sheet = wb.worksheets.find((s) => s.name.startsWith('02')) as ExcelJS.Worksheet;
    sheet.getCell('A11').value = 'MIN01';
    sheet.getCell('C12').value = null;
    const { problems, entries } = await open(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(entries.find((e) => e.line === 12)).toMatchObject({
      code: sheet.getCell('A12').value,
      label: null,
    });
    expect(problems).toEqual([
      {
        line: 11,
        column: `Onglet « ${sheet.name} » : Code`,
        value: 'MIN01',
        reason: `Code en double : déjà ligne 10 de l’onglet « ${sheet.name} ».`,
      },
    ]);
  });
});

describe('centre_cout.xlsx', () => {
  it('is recognised from its header and gives each centre’s postcode and town', async () => {
    const { layout, entries } = await open(CENTRES);
    expect(layout).toMatchObject({ id: 'centres-couts', dataset: 'referentiel_centres_couts' });
    expect(entries.map((e) => e.row)).toEqual([
      ['16GY991', '75000', 'PARIS', '(R)HORS ADT'],
      ['3070ATE012', null, null, 'PRF0ATE012'],
      ['AAIAC00075', '75001', 'PARIS', 'AC'],
      ['AAIACNU075', '75006', 'PARIS', 'ACNUSA'],
    ]);
  });
});

describe('the localisation interministérielle file', () => {
  const text = LOC.toString('utf8');
  it('is recognised from its header (UTF-8 or Windows-1252) and gives département and town', async () => {
    for (const bytes of [LOC, encodeWindows1252(text)]) {
      const { layout, entries } = await open(bytes);
      expect(layout.id).toBe('localisations-interministerielles');
      expect(entries.map((e) => e.row)).toEqual([
        ['B100000', 'BATIMENT', '30', 'Nîmes', "ATELIER DE REPARATION ET D'ENTRETIEN BAT 3"],
        ['B100001', 'BATIMENT', '30', 'Génolhac', 'esp. verts et aménages'],
        ['B100002', 'BATIMENT', '30', 'Génolhac', 'aire stat. véh. (parking)'],
      ]);
    }
    const { layout } = await open(encodeWindows1252(text));
    expect(layout.encoding).toBe('windows-1252');
  });

  it('refuses a header without its département column, and lists a bad département', async () => {
    const noDep = await refusal(Buffer.from(text.replace('N° DEP', 'Num')));
    expect(noDep.message).toMatch(/^En-tête abîmé ligne 1 : colonne « N° DEP » introuvable\./);
    const { problems } = await open(
      Buffer.from(text.replace('PYRE;30;Gard;Génolhac', 'PYRE;3X;Gard;Génolhac')),
    );
    expect(problems).toEqual([
      {
        line: 3,
        column: 'N° DEP',
        value: '3X',
        reason:
          'N° de département invalide pour la localisation « B100001 » (attendu : 01 à 95, 2A, 2B ou 971 à 976).',
      },
    ]);
  });

  it('normalises département spellings', () => {
    expect(['030', '1', '2a', '093', '971', '', '3X'].map(normaliseDepartement)).toEqual([
      '30',
      '01',
      '2A',
      '93',
      '971',
      null,
      undefined,
    ]);
  });
});

describe('other workbooks', () => {
  it('refuses a workbook that is no referential, and a damaged ZIP, saying what is accepted', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Feuil1').addRow(['a']);
    const unknown = await refusal(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(unknown.code).toBe('UNKNOWN_LAYOUT');
    expect(unknown.message).toContain('« 09 - Centres de coûts (CCOU) »');
    const broken = await refusal(
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]),
    );
    expect(broken.message).toMatch(
      /^Ce fichier est une archive ZIP mais pas un classeur Excel \(XLSX\) lisible/,
    );
  });
});
