import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ChorusAeLine, ChorusCpLine } from './records.ts';
import { encodeWindows1252, lines, problems, readAll, refusal, sample } from './test-files.ts';

/** Second code path: csv-parse on the data rows (after the 7-line preamble and the header). */
function csvRows(relative: string): string[][] {
  return parse(sample(relative), { from_line: 9, relax_column_count: true }) as string[][];
}
/** Euros with a decimal comma to cents, the plain way (the samples have at most two decimals). */
const cents = (text: string) => Math.round(Number(text.replace(',', '.')) * 100);

describe('INF-BUD-53 commitments (regional/chorus_ae.csv)', () => {
  it('recognises the layout from the content and reads each valid line normalised', async () => {
    const { layout, items } = await readAll(sample('regional/chorus_ae.csv'));
    expect(layout).toEqual({
      id: 'inf-bud-53-ae',
      label: 'Chorus INF-BUD-53 — engagements (AE)',
      kind: 'ae',
      encoding: 'utf-8',
      separator: ',',
      headerLine: 8,
      carriesRegion: false,
    });
    const read = lines(items) as ChorusAeLine[];
    // Expected from looking at the file: two lines of EJ 2103105755, postes 5 and 6.
    expect(read[0]).toEqual({
      kind: 'ae',
      line: 9,
      programme: '0103',
      domaineFonctionnel: '0103-01-01',
      centreCouts: 'DREETS0035',
      referentielProgrammation: '010300000108',
      fournisseur: '1001465507',
      fournisseurLabel: 'ATLAS SOUTENIR LES COMPETENCES',
      siret: '85129663200017',
      compteGeneral: '6522800000',
      groupeMarchandise: '09.02.01',
      localisationInterministerielle: 'N53',
      region: null,
      ej: '2103105755',
      posteEj: 5,
      dateEngagement: '2023-01-10',
      montantCents: 2_250_012,
    });
    expect(read.map((l) => [l.line, l.posteEj, l.montantCents])).toEqual([
      [9, 5, 2_250_012],
      [10, 6, 1_500_000],
    ]);
  });

  it('matches an independent csv-parse read: same valid lines, same total, the XXX line refused', async () => {
    const rows = csvRows('regional/chorus_ae.csv');
    const valid = rows.filter((row) => /^\d{1,4}$/.test(row[0] as string));
    const { items } = await readAll(sample('regional/chorus_ae.csv'));
    const read = lines(items) as ChorusAeLine[];
    expect(read).toHaveLength(valid.length);
    expect(read.reduce((sum, l) => sum + l.montantCents, 0)).toBe(
      valid.reduce((sum, row) => sum + cents(row[17] as string), 0),
    );
    expect(problems(items)).toEqual([
      {
        line: 11,
        column: 'Programme',
        value: 'XXX',
        reason: 'Code programme invalide : 1 à 4 chiffres attendus.',
      },
    ]);
  });

  it('reads the same, chunk size whatever (one byte at a time included)', async () => {
    const whole = await readAll(sample('regional/chorus_ae.csv'));
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      expect(await readAll(sample('regional/chorus_ae.csv'), size)).toEqual(whole);
    }
  });

  it('reads a Windows-1252 copy exactly as the UTF-8 original', async () => {
    const utf8 = await readAll(sample('regional/chorus_ae.csv'));
    const cp1252 = await readAll(encodeWindows1252(sample('regional/chorus_ae.csv').toString('utf8')), 5);
    expect(cp1252.layout).toEqual({ ...utf8.layout, encoding: 'windows-1252' });
    expect(cp1252.items).toEqual(utf8.items);
  });

  it('reads a copy with a UTF-8 BOM and CRLF line breaks the same', async () => {
    const text = sample('regional/chorus_ae.csv').toString('utf8').replaceAll('\n', '\r\n');
    const utf8 = await readAll(sample('regional/chorus_ae.csv'));
    const withBom = await readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 4);
    expect(withBom.layout.encoding).toBe('utf-8-bom');
    expect(withBom.items).toEqual(utf8.items);
  });

  it('refuses the file that lacks columns, naming them', async () => {
    const error = await refusal(sample('regional/chorus_ae_missing_column.csv'));
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.message).toMatch(/^Colonnes manquantes : N° EJ, Date de réplication, N° poste EJ\. /);
    expect(error.message).toContain('INF-BUD-53 — engagements (AE)');
    expect(error.message).toContain('en-tête ligne 8');
  });
});

describe('INF-BUD-53 payments (regional/financial_cp.csv)', () => {
  it('reads every payment, « SANS AE » ones with no EJ, the exercice from the preamble', async () => {
    const { layout, items } = await readAll(sample('regional/financial_cp.csv'));
    expect(layout).toMatchObject({ id: 'inf-bud-53-cp', kind: 'cp', headerLine: 8, carriesRegion: false });
    expect(problems(items)).toEqual([]);
    const read = lines(items) as ChorusCpLine[];
    expect(read.map((l) => [l.line, l.ej, l.posteEj, l.dp, l.datePaiement, l.annee, l.montantCents])).toEqual(
      [
        [9, null, null, '500043027', '2022-12-31', 2023, 2_826],
        [10, null, null, '500043030', '2022-12-31', 2023, 2_796],
        [11, '2103105755', 5, '100011636', '2022-12-25', 2023, 25_200],
        [12, '2103105755', 5, '100011636', '2022-12-25', 2023, 15_000],
        [13, '2103105755', 1, '100011552', '2022-12-25', 2023, 80_728],
      ],
    );
    expect(read[0]).toMatchObject({
      programme: '0101',
      centreCouts: 'DSJCARE035',
      referentielProgrammation: '010101010113',
      compteGeneral: '6512300000',
      fournisseur: '1001477845',
      fournisseurLabel: 'SANS AE',
      siret: '84442098400016',
      groupeMarchandise: null,
      localisationInterministerielle: 'N',
    });
    expect(read[2]?.siret).toBeNull();
  });

  it('matches an independent csv-parse read: count, total, payments without commitment', async () => {
    const rows = csvRows('regional/financial_cp.csv');
    const read = lines((await readAll(sample('regional/financial_cp.csv'), 3)).items) as ChorusCpLine[];
    expect(read).toHaveLength(rows.length);
    expect(read.reduce((sum, l) => sum + l.montantCents, 0)).toBe(
      rows.reduce((sum, row) => sum + cents(row[20] as string), 0),
    );
    expect(read.filter((l) => l.ej === null)).toHaveLength(rows.filter((row) => row[4] === '#').length);
  });

  it('reads a Windows-1252 copy exactly as the UTF-8 original', async () => {
    const utf8 = await readAll(sample('regional/financial_cp.csv'));
    const cp1252 = await readAll(encodeWindows1252(sample('regional/financial_cp.csv').toString('utf8')));
    expect(cp1252.layout.encoding).toBe('windows-1252');
    expect(cp1252.items).toEqual(utf8.items);
  });
});
