import { describe, expect, it } from 'vitest';
import type { ChorusAeLine, ChorusCpLine } from './records.ts';
import { encodeWindows1252, lines, problems, readAll, refusal, sample } from './test-files.ts';

const AIFE_AE = sample('national/aife_ae.csv').toString('utf8');
const AIFE_CP = sample('national/aife_cp.csv').toString('utf8');

/** What both lines of the national samples share (read from the files by eye). */
const AGENCE = {
  programme: '0354',
  domaineFonctionnel: '0354-02',
  centreCouts: 'ADCSDAT075',
  referentielProgrammation: '035401010301',
  fournisseur: '1000972118',
  siret: '13000326200024',
  compteGeneral: '6541100000',
  groupeMarchandise: '12.01.01',
  localisationInterministerielle: 'N1175',
};

describe('national AIFE commitments (national/aife_ae.csv)', () => {
  it('reads through the broken quoting and places each line by its Société', async () => {
    const { layout, items } = await readAll(sample('national/aife_ae.csv'));
    expect(layout).toEqual({
      id: 'aife-ae',
      label: 'Chorus AIFE national — engagements (AE)',
      kind: 'ae',
      encoding: 'utf-8',
      separator: ';',
      headerLine: 1,
      carriesRegion: true,
    });
    expect(problems(items)).toEqual([]);
    expect(lines(items)).toEqual([
      {
        kind: 'ae',
        line: 2,
        ...AGENCE,
        fournisseurLabel: 'XXX ";P BBB"',
        region: '53', // BRET
        ej: '2104453606',
        posteEj: 1,
        dateEngagement: '2024-08-08',
        montantCents: 1_261_594_052,
      },
      {
        kind: 'ae',
        line: 3,
        ...AGENCE,
        fournisseurLabel: 'AGENCE; NATIONALE "DES TITRES"',
        region: null, // ADCE: administration centrale
        ej: '2104583353',
        posteEj: 1,
        dateEngagement: '2024-12-10',
        montantCents: 915_957_518,
      },
    ]);
  });

  it('reads the same in any chunk size and from a Windows-1252 copy', async () => {
    const whole = await readAll(sample('national/aife_ae.csv'));
    for (const size of [1, 3, 17, 200])
      expect(await readAll(sample('national/aife_ae.csv'), size)).toEqual(whole);
    const cp1252 = await readAll(encodeWindows1252(AIFE_AE), 11);
    expect(cp1252.layout.encoding).toBe('windows-1252');
    expect(cp1252.items).toEqual(whole.items);
  });

  it('reports an unknown Société, a line not quoted as the export quotes, and goes on', async () => {
    const [header, first] = AIFE_AE.split('\r\n') as [string, string];
    const unknown = first.replace('"BRET"', '"MAYO"');
    const unquoted = first.replace('"0354";"0354-02"', '0354;"0354-02"');
    const unquotedInside = first.replace('"2104453606"', '2104453606');
    const { items } = await readAll(
      Buffer.from([header, unknown, unquoted, unquotedInside, first].join('\r\n')),
    );
    expect(problems(items)).toEqual([
      {
        line: 2,
        column: 'Société - Clé',
        value: 'MAYO',
        reason: expect.stringMatching(
          /^Société « MAYO » inconnue : la ligne ne peut être rattachée à une région \(sociétés connues : ADCE, ALSA, .*, RALP\)\.$/,
        ),
      },
      {
        line: 3,
        column: '(ligne entière)',
        value: unquoted,
        reason:
          'Ligne mal formée : dans un export « Chorus AIFE national — engagements (AE) », chaque champ est entre guillemets et séparé par « ; ».',
      },
      {
        line: 4,
        column: '(ligne entière)',
        value: unquotedInside,
        reason:
          "22 champ(s) au lieu de 24 : un champ n'est pas entre guillemets, ou la ligne a un séparateur « ; » de trop ou de moins.",
      },
    ]);
    expect((lines(items) as ChorusAeLine[]).map((l) => [l.line, l.region])).toEqual([[5, '53']]);
  });

  it('refuses a file whose last line stops short', async () => {
    const error = await refusal(Buffer.from(AIFE_AE.slice(0, AIFE_AE.lastIndexOf('"9159575'))));
    expect(error.code).toBe('TRUNCATED');
    expect(error.message).toMatch(
      /^Le fichier semble tronqué : sa dernière ligne \(ligne 3\) s'arrête au milieu \(mal formée, séparateur « ; »\)/,
    );
  });
});

describe('national AIFE payments (national/aife_cp.csv)', () => {
  it('reads each payment with its commitment and exercice', async () => {
    const { layout, items } = await readAll(sample('national/aife_cp.csv'), 64);
    expect(layout).toMatchObject({ id: 'aife-cp', kind: 'cp', separator: ';', carriesRegion: true });
    expect(problems(items)).toEqual([]);
    expect(lines(items)).toEqual([
      {
        kind: 'cp',
        line: 2,
        ...AGENCE,
        fournisseurLabel: 'AGENCE NATIONALE DES TITRES',
        region: null,
        ej: '2104453606',
        posteEj: 1,
        dp: '100241599',
        datePaiement: '2024-08-09',
        annee: 2024,
        montantCents: 1_261_594_052,
      },
      {
        kind: 'cp',
        line: 3,
        ...AGENCE,
        fournisseurLabel: 'AGENCE NATIONALE DES TITRES',
        region: null,
        ej: '2104583353',
        posteEj: 1,
        dp: '100379604',
        datePaiement: '2024-12-11',
        annee: 2024,
        montantCents: 915_957_518,
      },
    ]);
  });

  it('a payment without commitment has no EJ; a wrong exercice is reported', async () => {
    const [header, first] = AIFE_CP.split('\r\n') as [string, string];
    const sansAe = first.replace('"2104453606";"1"', '"";""');
    const badYear = first.replace('"2024";"2"', '"24";"2"');
    const { items } = await readAll(Buffer.from([header, sansAe, badYear].join('\r\n')));
    expect((lines(items) as ChorusCpLine[]).map((l) => [l.line, l.ej, l.posteEj, l.annee])).toEqual([
      [2, null, null, 2024],
    ]);
    expect(problems(items)).toEqual([
      {
        line: 3,
        column: 'Exercice comptable - Clé (non composée)',
        value: '24',
        reason: 'Exercice comptable invalide : année sur 4 chiffres attendue.',
      },
    ]);
  });
});

describe('national commitments, comma variant (national/nation_ej_1.csv)', () => {
  it('reads the key columns beside their labels, programme padded, decimal point', async () => {
    const { layout, items } = await readAll(sample('national/nation_ej_1.csv'));
    expect(layout).toEqual({
      id: 'nation-ej',
      label: 'Chorus national (nation_ej) — engagements (AE)',
      kind: 'ae',
      encoding: 'utf-8',
      separator: ',',
      headerLine: 1,
      carriesRegion: true,
    });
    expect(problems(items)).toEqual([]);
    expect(lines(items)).toEqual([
      {
        kind: 'ae',
        line: 2,
        ...AGENCE,
        fournisseurLabel: 'AGENCE NATIONALE DES TITRES',
        region: null,
        ej: '2104453606',
        posteEj: 1,
        dateEngagement: '2024-08-08',
        montantCents: 1_261_594_052,
      },
    ]);
  });

  it('reads the same from a Windows-1252 copy, a byte at a time', async () => {
    const utf8 = await readAll(sample('national/nation_ej_1.csv'));
    const cp1252 = await readAll(encodeWindows1252(sample('national/nation_ej_1.csv').toString('utf8')), 1);
    expect(cp1252.items).toEqual(utf8.items);
  });
});
