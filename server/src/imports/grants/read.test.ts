import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDir } from '../../testing/harness.ts';
import { ImportRefusedError } from '../chorus/records.ts';
import { chunked, encodeWindows1252 } from '../chorus/test-files.ts';
import { readImportFile } from '../read-file.ts';
import type { France2030Line, GrantItem, SubventionLine } from './records.ts';

/**
 * The grant readers on the seed pack's samples (`formats/scdl/ademe.csv`,
 * `formats/other/france_2030.csv`): line counts and totals computed here independently, with a
 * plain split (ADEME: no quoted field) or a regular expression (France 2030: one quoted field).
 */

const ADEME = readFileSync(path.join(seedDir, 'formats/scdl/ademe.csv'));
const FRANCE_2030 = readFileSync(path.join(seedDir, 'formats/other/france_2030.csv'));

async function readAll(bytes: Uint8Array, chunkSize?: number) {
  const opened = await readImportFile(chunked(bytes, chunkSize));
  const items: GrantItem[] = [];
  if (opened.family !== 'grants') throw new Error(`lu comme ${opened.family}`);
  for await (const item of opened.items) items.push(item);
  return { layout: opened.layout, items };
}

async function refusal(bytes: Uint8Array): Promise<ImportRefusedError> {
  try {
    const opened = await readImportFile(chunked(bytes));
    for await (const _ of opened.items as AsyncIterable<unknown>) {
      // read to the end
    }
  } catch (error) {
    if (error instanceof ImportRefusedError) return error;
    throw error;
  }
  throw new Error('fichier lu sans refus');
}

const linesOf = (items: GrantItem[]) => items.filter((i) => i.kind === 'line').map((i) => i.value);
const problemsOf = (items: GrantItem[]) => items.filter((i) => i.kind === 'problem').map((i) => i.value);

/** ADEME sample, independently: BOM off, split on line breaks and commas. */
function ademeRows(): string[][] {
  return ADEME.toString('utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(','));
}

/** France 2030 sample, independently: the quoted « nomenclature » replaced, then split. */
function france2030Rows(): string[][] {
  return FRANCE_2030.toString('utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.replace(/"[^"]*"/g, 'QUOTED').split(','));
}

const euroCents = (text: string) => (text === 'NaN' ? 0 : Math.round(Number(text) * 100));

describe('SCDL « subventions » (ADEME sample)', () => {
  it('is recognised from its header, whatever the chunking, with every line and the same total', async () => {
    const rows = ademeRows();
    const expected = rows.reduce((sum, r) => sum + euroCents(r[7] as string), 0);
    for (const size of [undefined, 7, 64]) {
      const { layout, items } = await readAll(ADEME, size);
      expect(layout).toMatchObject({
        id: 'scdl-subventions',
        dataset: 'subventions_operateurs',
        encoding: 'utf-8-bom',
      });
      const lines = linesOf(items) as SubventionLine[];
      expect(problemsOf(items)).toEqual([]);
      expect(lines).toHaveLength(rows.length);
      expect(lines.reduce((sum, l) => sum + l.montantCents, 0)).toBe(expected);
      expect(lines.map((l) => l.beneficiaireSiret)).toEqual(rows.map((r) => r[5]));
    }
    const first = linesOf((await readAll(ADEME)).items)[0] as SubventionLine;
    expect(first).toMatchObject({
      line: 2,
      attribuantNom: 'ADEME',
      attribuantSiret: '38529030900454',
      dateConvention: '2021-05-05',
      objet: 'TREMPLIN pour la transition écologique des PME',
      nature: 'aide en numéraire',
      notificationUe: 'NON',
      pourcentageSubvention: 1,
    });
  });

  it('reads the same file in Windows-1252, without BOM, with `;` and French amounts', async () => {
    const text = ADEME.toString('utf8').replace(/^\ufeff/, '');
    const cp1252 = encodeWindows1252(text);
    const { layout, items } = await readAll(cp1252);
    expect(layout.encoding).toBe('windows-1252');
    expect((linesOf(items)[0] as SubventionLine).objet).toBe(
      'TREMPLIN pour la transition écologique des PME',
    );
    const french = text.replaceAll(',', ';').replace(';5000;', ';"5\u00a0000,50 €";');
    const read = await readAll(Buffer.from(french));
    expect(read.layout.separator).toBe(';');
    expect((linesOf(read.items)[0] as SubventionLine).montantCents).toBe(500_050);
  });

  it('reports each wrong field of a line, keeps the others, pads a SIRET that lost its leading zero', async () => {
    const rows = ADEME.toString('utf8')
      .replace(/^\ufeff/, '')
      .split('\n');
    rows[1] = (rows[1] as string).replace('2021-05-05', '2021-02-30').replace(',5000,', ',cinq mille,');
    rows[2] = (rows[2] as string).replace('49972556200023', '9972556200023');
    const { items } = await readAll(Buffer.from(rows.join('\n')));
    expect(problemsOf(items)).toEqual([
      expect.objectContaining({ line: 2, column: 'dateConvention', value: '2021-02-30' }),
      expect.objectContaining({ line: 2, column: 'montant', value: 'cinq mille' }),
    ]);
    const lines = linesOf(items) as SubventionLine[];
    expect(lines.map((l) => l.line)).toEqual([3, 4]);
    expect(lines[0]?.beneficiaireSiret).toBe('09972556200023');
  });

  it('refuses a damaged header naming the missing column, and a header with nothing after it', async () => {
    const text = ADEME.toString('utf8');
    const damaged = await refusal(Buffer.from(text.replace(',montant,', ',montnt,')));
    expect(damaged.code).toBe('MISSING_COLUMN');
    expect(damaged.message).toMatch(
      /^Colonnes manquantes : « montant »\. Le fichier est reconnu comme « SCDL « subventions »/,
    );
    const empty = await refusal(Buffer.from(`${text.split('\n')[0]}\n`));
    expect(empty.code).toBe('EMPTY');
    const truncated = await refusal(Buffer.from(text.slice(0, text.lastIndexOf(',NON'))));
    expect(truncated.code).toBe('TRUNCATED');
    expect(truncated.message).toContain('ligne 4');
  });

  it('refuses an encoding other than UTF-8 or Windows-1252, naming it', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ADEME.toString('utf8'), 'utf16le')]);
    const error = await refusal(utf16);
    expect(error.code).toBe('ENCODING');
    expect(error.message).toContain('UTF-16');
  });
});

describe('France 2030 lauréats', () => {
  it('reads every line with `NaN` as missing and the same totals per amount', async () => {
    const rows = france2030Rows();
    const { layout, items } = await readAll(FRANCE_2030);
    expect(layout).toMatchObject({ id: 'france-2030', dataset: 'france_2030_laureats', encoding: 'utf-8' });
    expect(problemsOf(items)).toEqual([]);
    const lines = linesOf(items) as France2030Line[];
    expect(lines).toHaveLength(rows.length);
    const sum = (at: number) => rows.reduce((s, r) => s + euroCents(r[at] as string), 0);
    expect(lines.reduce((s, l) => s + (l.subventionCents ?? 0), 0)).toBe(sum(13));
    expect(lines.reduce((s, l) => s + (l.avanceCents ?? 0), 0)).toBe(sum(14));
    expect(lines.reduce((s, l) => s + l.aideCents, 0)).toBe(sum(15));
    expect(lines[1]).toMatchObject({
      line: 3,
      operateur: 'BPI',
      beneficiaireNom: 'LFB BIOMANUFACTURING',
      beneficiaireSiret: '49927250800015',
      subventionCents: null,
      avanceCents: 348_976_800,
      localisation: '030',
      regions: 'Occitanie',
      acteurEmergent: null,
      objectifCode: 'Objectif 7',
    });
    expect(lines[1]?.objectifLabel).toMatch(/^Produire en France au moins 20 bio-médicaments, notamment/);
  });

  it('adds subvention and avance when the total aid is missing; refuses a line with no amount at all', async () => {
    const text = FRANCE_2030.toString('utf8');
    const noTotal = text.replace(',NaN,3489768.0,3489768.0', ',1000.5,3489768.0,NaN');
    expect((linesOf((await readAll(Buffer.from(noTotal))).items)[1] as France2030Line).aideCents).toBe(
      349_076_850,
    );
    const none = text.replace(',NaN,3489768.0,3489768.0', ',NaN,NaN,NaN');
    const { items } = await readAll(Buffer.from(none));
    expect(problemsOf(items)).toEqual([expect.objectContaining({ line: 3, column: 'montant_aide' })]);
  });
});
