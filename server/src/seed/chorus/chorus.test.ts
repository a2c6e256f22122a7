import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadSettings } from '../../config.ts';
import { seedDir } from '../../testing/harness.ts';
import { DuckDbWarehouse } from '../../warehouse/duckdb.ts';
import { GeoReference } from '../geo-reference.ts';
import { readProgrammes } from '../programmes.ts';
import { isLuhnValid } from '../siret.ts';
import { deLieu, syntheticSiret } from './beneficiaries.ts';
import { CHORUS_TABLE, generateChorusLines } from './generator.ts';
import { CHORUS_SEED, chorusLoader } from './loader.ts';
import { Random } from './random.ts';

const LINES = 20_000;
const geo = GeoReference.load();
const programmes = readProgrammes(seedDir);
let warehouse: DuckDbWarehouse;

const q = async (sql: string) => (await warehouse.query(sql)).rows;

/** Checksum of the generated rows, straight from the generator (no database). */
function generatorDigest(lines: number, seed: number): { digest: string; aeCents: number; cpCents: number } {
  const hash = createHash('sha256');
  let aeCents = 0;
  let cpCents = 0;
  for (const row of generateChorusLines({ lines, seed }, programmes, geo).rows) {
    hash.update(JSON.stringify(row));
    aeCents += Math.round((row[14] as number) * 100);
    cpCents += Math.round((row[15] as number) * 100);
  }
  return { digest: hash.digest('hex'), aeCents, cpCents };
}

/** Order-independent fingerprint of the loaded table. */
const tableChecksum = `
  SELECT md5(string_agg(concat_ws('|', ej, poste_ej, annee, date_engagement, programme, domaine_fonctionnel,
    referentiel_programmation, centre_couts, beneficiaire, beneficiaire_label, tags, montant_ae, montant_cp, commune),
    ',' ORDER BY ej, poste_ej)) FROM chorus_lignes`;

beforeAll(async () => {
  warehouse = await DuckDbWarehouse.open({ path: ':memory:' });
  await chorusLoader(LINES).load({ seedDir, warehouse, geo });
});
afterAll(() => warehouse.close());

describe('synthetic SIRETs', () => {
  it('are Luhn-valid on the SIREN and on all 14 digits, with the public-sector first digit', () => {
    const random = new Random(3);
    for (const type of ['entreprise', 'association', 'collectivite', 'etat', 'autre'] as const) {
      for (let i = 0; i < 200; i++) {
        const siret = syntheticSiret(random, type);
        expect(siret).toMatch(/^\d{14}$/);
        expect(isLuhnValid(siret.slice(0, 9)) && isLuhnValid(siret)).toBe(true);
        if (type === 'etat') expect(siret[0]).toBe('1');
        if (type === 'collectivite') expect(siret[0]).toBe('2');
        if (type === 'entreprise') expect(Number(siret[0])).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('names places with French elision', () => {
    expect(deLieu('Auxerre')).toBe('d’Auxerre');
    expect(deLieu('Le Havre')).toBe('du Havre');
    expect(deLieu('Les Mureaux')).toBe('des Mureaux');
    expect(deLieu('Rennes')).toBe('de Rennes');
  });
});

describe('chorus_lignes (demo generator)', () => {
  it('loads the requested number of lines, one per (EJ, poste)', async () => {
    expect(await q(`SELECT count(*), count(DISTINCT (ej, poste_ej)) FROM ${CHORUS_TABLE}`)).toEqual([
      [LINES, LINES],
    ]);
    expect(
      await q(`SELECT count(*) FROM ${CHORUS_TABLE} WHERE NOT regexp_full_match(ej, '\\d{10}')`),
    ).toEqual([[0]]);
  });

  it('sums exactly what the generator produced', async () => {
    const { aeCents, cpCents } = generatorDigest(LINES, CHORUS_SEED);
    const [row] = await q(
      `SELECT CAST(sum(montant_ae) * 100 AS BIGINT), CAST(sum(montant_cp) * 100 AS BIGINT) FROM ${CHORUS_TABLE}`,
    );
    expect(row).toEqual([aeCents, cpCents]);
  });

  it('gives every beneficiary a Luhn-valid SIRET and a single name and type', async () => {
    const rows = await q(
      `SELECT beneficiaire, count(DISTINCT beneficiaire_label), count(DISTINCT type_beneficiaire) FROM ${CHORUS_TABLE} GROUP BY 1`,
    );
    expect(rows.length).toBeGreaterThan(LINES / 40);
    expect(rows.filter((r) => !/^\d{14}$/.test(r[0] as string) || !isLuhnValid(r[0] as string))).toEqual([]);
    expect(rows.filter((r) => !isLuhnValid((r[0] as string).slice(0, 9)))).toEqual([]);
    expect(rows.every((r) => r[1] === 1 && r[2] === 1)).toBe(true);
    const types = await q(
      `SELECT DISTINCT type_beneficiaire, type_beneficiaire_label FROM ${CHORUS_TABLE} ORDER BY 1`,
    );
    expect(types).toEqual([
      ['association', 'Association'],
      ['autre', 'Autre'],
      ['collectivite', 'Collectivité'],
      ['entreprise', 'Entreprise'],
      ['etat', 'État'],
    ]);
  });

  it('pays at most the commitment on most lines, leaving some unpaid and a few above', async () => {
    const [[le, zero, above, total]] = (await q(`
      SELECT count(*) FILTER (WHERE montant_cp <= montant_ae), count(*) FILTER (WHERE montant_cp = 0),
             count(*) FILTER (WHERE montant_cp > montant_ae), count(*)
      FROM ${CHORUS_TABLE}`)) as [[number, number, number, number]];
    expect(le / total).toBeGreaterThan(0.92);
    expect(le / total).toBeLessThan(0.98);
    expect(zero / total).toBeGreaterThan(0.05);
    expect(above).toBeGreaterThan(0);
    expect(await q(`SELECT count(*) FROM ${CHORUS_TABLE} WHERE montant_ae < 1 OR montant_cp < 0`)).toEqual([
      [0],
    ]);
  });

  it('uses real 4-digit programmes, with their labels, themes and the built-in rules’ tags', async () => {
    const known = new Map(programmes.map((p) => [p.code, p]));
    // The programme's tags (its lines in a Petite ville de demain may carry one more).
    const rows = await q(
      `SELECT DISTINCT programme, programme_label, theme,
         list_filter(tags, t -> t IN ('fonds_vert', 'relance'))[1],
         list_filter(tags_label, t -> t IN ('Fonds vert', 'Plan de relance'))[1]
       FROM ${CHORUS_TABLE}`,
    );
    expect(rows.length).toBeGreaterThan(60);
    for (const [code, label, theme, tag, tagLabel] of rows) {
      const programme = known.get(code as string);
      expect(code).toMatch(/^\d{4}$/);
      expect(programme).toBeDefined();
      expect([label, theme]).toEqual([programme?.label, programme?.theme]);
      const expectedTag = code === '0380' ? 'fonds_vert' : theme === 'Plan de relance' ? 'relance' : null;
      expect(tag).toBe(expectedTag);
      expect(tagLabel).toBe(
        expectedTag === 'fonds_vert' ? 'Fonds vert' : expectedTag === 'relance' ? 'Plan de relance' : null,
      );
    }
    // Fonds vert exists from 2023; domaines fonctionnels and référentiels start with the programme.
    expect(await q(`SELECT min(annee) FROM ${CHORUS_TABLE} WHERE programme = '0380'`)).toEqual([[2023]]);
    expect(
      await q(`SELECT count(*) FROM ${CHORUS_TABLE}
        WHERE NOT regexp_full_match(domaine_fonctionnel, programme || '-\\d{2}')
           OR NOT regexp_full_match(referentiel_programmation, programme || '\\d{8}')
           OR NOT regexp_full_match(centre_couts, '[A-Z]+[0-9A-Z]{4}')`),
    ).toEqual([[0]]);
  });

  it('dates each commitment within its year, 2019 to 2025', async () => {
    expect(
      await q(
        `SELECT min(annee), max(annee), count(*) FILTER (WHERE year(date_engagement) <> annee) FROM ${CHORUS_TABLE}`,
      ),
    ).toEqual([[2019, 2025, 0]]);
  });

  it('places lines in real communes, weighted by population', async () => {
    expect(
      await q(`SELECT count(*) FROM ${CHORUS_TABLE}
        WHERE commune IS NULL OR commune_label IS NULL OR departement_label IS NULL OR region_label IS NULL`),
    ).toEqual([[0]]);
    for (const [commune, departement, region] of await q(
      `SELECT DISTINCT commune, departement, region FROM ${CHORUS_TABLE}`,
    )) {
      const ref = geo.communes.get(commune as string);
      expect([ref?.departement, ref?.region]).toEqual([departement, region]);
    }
    const byDep = new Map(
      (await q(`SELECT departement, count(*) FROM ${CHORUS_TABLE} GROUP BY 1`)).map((r) => [
        r[0],
        r[1] as number,
      ]),
    );
    const lozere = byDep.get('48') ?? 0;
    for (const big of ['75', '13', '69']) expect(byDep.get(big) ?? 0).toBeGreaterThan(3 * lozere);
  });

  it('is deterministic: same seed and size, same data; another seed, other data', async () => {
    const first = generatorDigest(2_000, CHORUS_SEED);
    expect(generatorDigest(2_000, CHORUS_SEED)).toEqual(first);
    expect(generatorDigest(2_000, CHORUS_SEED + 1).digest).not.toBe(first.digest);

    const [checksum] = await q(tableChecksum);
    const again = await DuckDbWarehouse.open({ path: ':memory:' });
    try {
      await chorusLoader(LINES).load({ seedDir, warehouse: again, geo });
      expect((await again.query(tableChecksum)).rows[0]).toEqual(checksum);
    } finally {
      await again.close();
    }
  });

  it('puts the size and seed in the fingerprinted source, and loads an empty table at size 0', async () => {
    expect(chorusLoader(1_000).source).not.toBe(chorusLoader(2_000).source);
    expect(chorusLoader(1_000).source).toContain('démonstration');
    const empty = await DuckDbWarehouse.open({ path: ':memory:' });
    try {
      const result = await chorusLoader(0).load({ seedDir, warehouse: empty, geo });
      expect(result.rowsLoaded).toBe(0);
      expect((await empty.query(`SELECT count(*) FROM ${CHORUS_TABLE}`)).rows).toEqual([[0]]);
    } finally {
      await empty.close();
    }
  });
});

describe('DATAETAT_CHORUS_LINES', () => {
  it('defaults to one million lines and accepts 0 to 50 000 000', () => {
    expect(loadSettings({}).chorusLines).toBe(1_000_000);
    expect(loadSettings({ DATAETAT_CHORUS_LINES: '0' }).chorusLines).toBe(0);
    expect(loadSettings({ DATAETAT_CHORUS_LINES: '10000000' }).chorusLines).toBe(10_000_000);
    for (const bad of ['-1', '1.5', 'beaucoup', '50000001']) {
      expect(() => loadSettings({ DATAETAT_CHORUS_LINES: bad })).toThrow(ConfigError);
    }
  });
});
