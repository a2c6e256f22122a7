import { describe, expect, it } from 'vitest';
import { readChorusFile } from './read.ts';
import type { ChorusAeLine } from './records.ts';
import { chunked, lines, problems, readAll, refusal, sample } from './test-files.ts';

const AE = sample('regional/chorus_ae.csv').toString('utf8');
const AE_LINES = AE.split('\n');
const PREAMBLE = AE_LINES.slice(0, 7);
const HEADER = AE_LINES[7] as string;
const GOOD_LINE = AE_LINES[8] as string;
/** The AE report with its XXX line replaced by `count` copies of a valid line (each its own poste). */
const bigReport = (count: number, line = GOOD_LINE) =>
  [...PREAMBLE, HEADER, ...Array.from({ length: count }, (_, i) => line.replace(',5,', `,${i + 1},`))].join(
    '\n',
  );

describe('files refused whole, each with a precise French message', () => {
  it('a PDF renamed .csv', async () => {
    const error = await refusal(
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n', 'latin1'),
    );
    expect(error.code).toBe('NOT_TEXT');
    expect(error.message).toMatch(
      /^Ce fichier est un document PDF, pas un fichier CSV\. .*exportez le rapport au format CSV/,
    );
  });

  it('an Excel workbook (XLSX is a ZIP archive) or an old XLS', async () => {
    const xlsx = await refusal(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 7)]));
    expect(xlsx.code).toBe('NOT_TEXT');
    expect(xlsx.message).toContain('classeur Excel (XLSX) ou une archive ZIP, pas un fichier CSV');
    expect(xlsx.message).toContain('CSV UTF-8');
    const xls = await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 1]));
    expect(xls.message).toContain('Excel 97-2003 (XLS)');
  });

  it('UTF-16, with or without a byte order mark', async () => {
    const withBom = await refusal(Buffer.from(`\ufeff${AE}`, 'utf16le'));
    expect(withBom.code).toBe('ENCODING');
    expect(withBom.message).toMatch(/^Ce fichier est un texte encodé en UTF-16, encodage non pris en charge/);
    const withoutBom = await refusal(Buffer.from(AE, 'utf16le'));
    expect(withoutBom.code).toBe('ENCODING');
    expect(withoutBom.message).toMatch(/^Ce fichier semble encodé en UTF-16 \(sans marque/);
  });

  it('an empty file, blank lines only, a report that stops after its preamble, a header without data', async () => {
    expect(await refusal(Buffer.alloc(0))).toMatchObject({
      code: 'EMPTY',
      message: 'Le fichier est vide (0 octet) : aucune ligne à importer.',
    });
    expect(await refusal(Buffer.from('\n\r\n,,,\n'))).toMatchObject({
      code: 'EMPTY',
      message: 'Le fichier ne contient que des lignes vides : aucune ligne à importer.',
    });
    const preambleOnly = await refusal(Buffer.from(PREAMBLE.join('\n')));
    expect(preambleOnly.code).toBe('EMPTY');
    expect(preambleOnly.message).toMatch(/^Le rapport INF-BUD-53 s'arrête après son préambule \(7 lignes\)/);
    const headerOnly = await refusal(Buffer.from(`${[...PREAMBLE, HEADER].join('\n')}\n,,,,\n`));
    expect(headerOnly.code).toBe('EMPTY');
    expect(headerOnly.message).toBe(
      "Le fichier ne contient aucune ligne de données : rien après l'en-tête (ligne 8) de ce fichier « Chorus INF-BUD-53 — engagements (AE) ».",
    );
  });

  it('a truncated file: the last line cut mid-field, or inside an open quote', async () => {
    const complete = bigReport(3);
    const cutMidField = await refusal(Buffer.from(complete.slice(0, complete.lastIndexOf('DREETS'))));
    expect(cutMidField.code).toBe('TRUNCATED');
    expect(cutMidField.message).toMatch(
      /^Le fichier semble tronqué : sa dernière ligne \(ligne 11\) s'arrête au milieu \(3 champ\(s\) sur 18, séparateur « , »\) : « 103,0103-01-01,BG00\/ »/,
    );
    const cutInQuote = await refusal(Buffer.from(complete.slice(0, complete.lastIndexOf('00,12"'))), 16);
    expect(cutInQuote.code).toBe('TRUNCATED');
    expect(cutInQuote.message).toContain("le guillemet ouvert ligne 11 n'est jamais refermé");
  });

  it('a damaged header: a garbled column name is named missing; a header past recognition is unknown', async () => {
    const garbled = await refusal(Buffer.from(AE.replace('N° poste EJ', 'N\ufffd poste EJ')));
    expect(garbled.code).toBe('MISSING_COLUMN');
    expect(garbled.message).toMatch(/^Colonnes manquantes : N° poste EJ\. /);
    const unreadable = await refusal(Buffer.from(AE.replace(HEADER, HEADER.replace(/[aeiou]/g, '?'))));
    expect(unreadable.code).toBe('UNKNOWN_LAYOUT');
    expect(unreadable.message).toMatch(
      /^Rapport INF-BUD-53 sans ligne d'en-tête reconnaissable|^Format de fichier non reconnu/,
    );
  });

  it('a CSV that is not a Chorus export', async () => {
    const error = await refusal(Buffer.from('nom,prénom,ville\nDupont,Jean,Rennes\n'));
    expect(error.code).toBe('UNKNOWN_LAYOUT');
    expect(error.message).toMatch(/^Format de fichier non reconnu : aucune ligne d'en-tête connue/);
    expect(error.message).toContain('Première ligne lue : « nom,prénom,ville »');
  });

  it('text in neither UTF-8 nor Windows-1252', async () => {
    // UTF-8 « é » (C3 A9) made Mac-Roman-like « è é » (8F 8E): 0x8F is invalid in UTF-8, undefined in Windows-1252.
    const macRoman = Buffer.from(sample('regional/chorus_ae.csv'));
    for (let i = 0; i < macRoman.length; i++) {
      if (macRoman[i] === 0xc3) macRoman[i] = 0x8f;
      else if (macRoman[i] === 0xa9) macRoman[i] = 0x8e;
    }
    const error = await refusal(macRoman);
    expect(error.code).toBe('ENCODING');
    expect(error.message).toMatch(
      /^Encodage non reconnu : le fichier n'est ni en UTF-8 ni en Windows-1252 .*ligne 1/,
    );
  });

  it('binary content or a change of encoding far into the file, naming the line', async () => {
    const report = bigReport(1000);
    const at = report.indexOf('\n', 150_000) + 1;
    const line = report.slice(0, at).split('\n').length;
    const withNul = Buffer.from(`${report.slice(0, at)}\0\0\0${report.slice(at)}`);
    const nul = await refusal(withNul, 4096);
    expect(nul.code).toBe('NOT_TEXT');
    expect(nul.message).toContain(`octet de contrôle 0x00 ligne ${line}`);
    const mixed = Buffer.concat([
      Buffer.from(report.slice(0, at)),
      Buffer.from(`${GOOD_LINE.replace('ATLAS', 'ATL\xe9S')}\n`, 'latin1'),
    ]);
    const encoding = await refusal(mixed, 4096);
    expect(encoding.code).toBe('ENCODING');
    expect(encoding.message).toMatch(new RegExp(`^Ligne ${line} : octet 0xE9 invalide en UTF-8`));
  });

  it('an open quote that swallows the rest of the file is stopped at 1 Mio', async () => {
    // Line 9's amount quote is never closed, and no later line has a quote to close it.
    const plain = AE_LINES[9] as string;
    const report = [...PREAMBLE, HEADER, GOOD_LINE.slice(0, -1), ...Array(8000).fill(plain)].join('\n');
    const error = await refusal(Buffer.from(report), 65_536);
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(
      /^Ligne 9 : plus de 1 Mio sans fin de ligne \(un guillemet ouvert et jamais refermé/,
    );
  });
});

describe('lines reported, the rest of the file read', () => {
  it('a line with a missing comma, a line with several wrong fields', async () => {
    const broken = GOOD_LINE.replace('10.01.2023,5,', '10.01.20235,');
    const wrong = GOOD_LINE.replace('10.01.2023,5', '31.02.2023,5').replace('"22500,12"', '"22 500,1,2"');
    const text = [...PREAMBLE, HEADER, GOOD_LINE, broken, wrong, GOOD_LINE.replace(',5,', ',7,')].join('\n');
    const { items } = await readAll(Buffer.from(text));
    expect(problems(items)).toEqual([
      {
        line: 10,
        column: '(ligne entière)',
        value: broken,
        reason: '17 champ(s) au lieu de 18 : il manque un séparateur « , », ou la ligne a été coupée.',
      },
      {
        line: 11,
        column: 'Date de réplication',
        value: '31.02.2023',
        reason:
          "Date de réplication de l'EJ invalide : date jj.mm.aaaa ou jj/mm/aaaa attendue (jour existant).",
      },
      {
        line: 11,
        column: 'EUR',
        value: '22 500,1,2',
        reason:
          'Montant illisible : nombre en euros attendu, au plus deux décimales (ex. 22500,12 ou 12615940.52).',
      },
    ]);
    expect((lines(items) as ChorusAeLine[]).map((l) => [l.line, l.posteEj])).toEqual([
      [9, 5],
      [12, 7],
    ]);
  });

  it('old Macintosh line breaks (CR alone) read as any other', async () => {
    const { items } = await readAll(Buffer.from(AE.replaceAll('\n', '\r')), 10);
    expect(items).toEqual((await readAll(Buffer.from(AE))).items);
  });

  it('a 5 000-line report read in 4 Kio chunks gives every line, in order, with its total', async () => {
    const { items } = await readAll(Buffer.from(bigReport(5000)), 4096);
    const read = lines(items) as ChorusAeLine[];
    expect(read).toHaveLength(5000);
    expect(read.map((l) => l.posteEj)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(read.at(-1)?.line).toBe(5008);
    expect(read.reduce((sum, l) => sum + l.montantCents, 0)).toBe(5000 * 2_250_012);
  });

  it('stopping early releases the source', async () => {
    let released = false;
    async function* source() {
      try {
        yield* chunked(Buffer.from(bigReport(5000)), 4096);
      } finally {
        released = true;
      }
    }
    const { items } = await readChorusFile(source());
    for await (const item of items) {
      expect(item.kind).toBe('line');
      break;
    }
    expect(released).toBe(true);
  });
});
