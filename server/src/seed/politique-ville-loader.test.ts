import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDir, tempDir } from '../testing/harness.ts';
import { DuckDbWarehouse } from '../warehouse/duckdb.ts';
import { GeoReference } from './geo-reference.ts';
import { beneficiaryType, politiqueVilleFiles, politiqueVilleLoader } from './politique-ville-loader.ts';
import { isLuhnValid, luhnCheckDigit, normaliseSiret } from './siret.ts';
import type { LoadResult } from './types.ts';

const geo = GeoReference.load();
let warehouse: DuckDbWarehouse;
let result: LoadResult;

interface Raw {
  montant: number | string;
  annee: number | string;
  insee_dep?: string | null;
  code_tiers: string;
}
/** Second code path: JSON.parse and integer-cent sums per (scheme, year). */
function expectedTotals(dir: string): Map<string, { cents: number; rows: number; noDep: number }> {
  const totals = new Map<string, { cents: number; rows: number; noDep: number }>();
  for (const name of ['adulte-relais', 'postes-fonjep']) {
    for (const year of [2020, 2021, 2022]) {
      const records = JSON.parse(
        readFileSync(path.join(dir, `opendata/${name}-${year}.json`), 'utf8'),
      ) as Raw[];
      totals.set(`${name === 'adulte-relais' ? 'adulte-relais' : 'fonjep'}/${year}`, {
        cents: records.reduce((sum, r) => sum + Math.round(Number(r.montant) * 100), 0),
        rows: records.length,
        noDep: records.filter((r) => !r.insee_dep).length,
      });
    }
  }
  return totals;
}

beforeAll(async () => {
  warehouse = await DuckDbWarehouse.open({ path: ':memory:' });
  result = await politiqueVilleLoader.load({ seedDir, warehouse, geo });
});
afterAll(() => warehouse.close());

describe('SIRET helpers', () => {
  it('checks and completes Luhn keys', () => {
    expect(isLuhnValid('77554402601284')).toBe(true);
    expect(isLuhnValid('77554402601285')).toBe(false);
    expect(isLuhnValid('7755440260128a')).toBe(false);
    expect(luhnCheckDigit('7755440260128')).toBe('4');
    expect(luhnCheckDigit('73282932')).toBe('0'); // SIREN 732 829 320
    expect(isLuhnValid('732829320')).toBe(true);
  });

  it('normalises SIRETs and refuses names', () => {
    expect(normaliseSiret('775 544 026 01284')).toBe('77554402601284');
    // A spreadsheet dropped the leading zero of a SIREN starting with 0.
    expect(normaliseSiret('5524320700012')).toBe('05524320700012');
    expect(normaliseSiret('FASTI')).toBeNull();
    expect(normaliseSiret('123')).toBeNull();
  });

  it('derives the beneficiary type', () => {
    expect(beneficiaryType('21130055300016', 'VILLE DE MARSEILLE', false)).toBe('collectivite');
    expect(beneficiaryType('19971022900014', 'COLLEGE SAINT MARTIN 1', false)).toBe('etat');
    expect(beneficiaryType('77554402601284', 'CENTRE SOCIAL EST', false)).toBe('association');
    expect(beneficiaryType('57202552600029', 'SA D HLM LOGIREP', false)).toBe('entreprise');
    expect(beneficiaryType(null, 'FASTI', true)).toBe('association');
  });
});

describe('politique_ville_postes', () => {
  it('reproduces the totals of the JSON files exactly, per scheme and year', async () => {
    const { rows } = await warehouse.query(
      'SELECT dispositif, annee, CAST(SUM(montant) * 100 AS BIGINT), count(*) FROM politique_ville_postes GROUP BY 1, 2 ORDER BY 1, 2',
    );
    const expected = expectedTotals(seedDir);
    expect(rows).toEqual(
      [...expected.entries()].map(([key, t]) => [
        ...key.split('/').map((v, i) => (i ? Number(v) : v)),
        t.cents,
        t.rows,
      ]),
    );
    // Figures computed independently (Python, Decimal sums).
    expect(Object.fromEntries(rows.map((r) => [`${r[0]}/${r[1]}`, (r[2] as number) / 100]))).toEqual({
      'adulte-relais/2020': 92_617_779.6,
      'adulte-relais/2021': 107_926_176.14,
      'adulte-relais/2022': 119_511_242,
      'fonjep/2020': 10_166_014.5,
      'fonjep/2021': 10_266_609,
      'fonjep/2022': 10_074_972,
    });
    const reference = await warehouse.query(
      "SELECT CAST(SUM(montant) AS DOUBLE) FROM politique_ville_postes WHERE dispositif = 'adulte-relais' AND annee = 2022",
    );
    expect(reference.rows[0]?.[0]).toBe(119_511_242);
  });

  it('labels schemes and beneficiary types in French, one label per beneficiary', async () => {
    const { rows } = await warehouse.query(
      'SELECT DISTINCT dispositif, dispositif_label FROM politique_ville_postes ORDER BY 1',
    );
    expect(rows).toEqual([
      ['adulte-relais', 'Adultes-relais'],
      ['fonjep', 'FONJEP'],
    ]);
    const labels = await warehouse.query(
      'SELECT count(DISTINCT beneficiaire), count(DISTINCT (beneficiaire, beneficiaire_label)) FROM politique_ville_postes',
    );
    expect(labels.rows[0]?.[0]).toBe(labels.rows[0]?.[1]);
    const types = await warehouse.query(
      'SELECT DISTINCT type_beneficiaire, type_beneficiaire_label FROM politique_ville_postes ORDER BY 1',
    );
    expect(types.rows).toEqual([
      ['association', 'Association'],
      ['collectivite', 'Collectivité'],
      ['entreprise', 'Entreprise'],
      ['etat', 'État'],
    ]);
  });

  it('keys adult-relay posts by SIRET and FONJEP posts by name', async () => {
    const { rows } = await warehouse.query(`
      SELECT dispositif,
             count(*) FILTER (WHERE siret IS NOT NULL AND beneficiaire = siret),
             count(*) FILTER (WHERE siret IS NULL),
             count(*)
      FROM politique_ville_postes GROUP BY 1 ORDER BY 1`);
    expect(rows).toEqual([
      ['adulte-relais', 4660 + 5377 + 5623, 0, 4660 + 5377 + 5623],
      ['fonjep', 0, 1455 + 1462 + 1429, 1455 + 1462 + 1429],
    ]);
    const sirets = await warehouse.query(
      'SELECT DISTINCT siret FROM politique_ville_postes WHERE siret IS NOT NULL',
    );
    expect(sirets.rows.every((r) => isLuhnValid(r[0] as string))).toBe(true);
    // Whitespace variants of one FONJEP name are one beneficiary.
    const leo = await warehouse.query(
      "SELECT DISTINCT beneficiaire FROM politique_ville_postes WHERE beneficiaire LIKE 'MAISON POUR TOUS%LEO LAGRANGE'",
    );
    expect(leo.rows).toEqual([['MAISON POUR TOUS LEO LAGRANGE']]);
  });

  it('places posts by département and reports those without one, keeping them', async () => {
    const noDep = [...expectedTotals(seedDir).values()].reduce((sum, t) => sum + t.noDep, 0);
    expect(noDep).toBe(21 + 23 + 23);
    expect(result.rowsUnplaced).toBe(noDep);
    const { rows } = await warehouse.query(`
      SELECT count(*) FILTER (WHERE departement IS NULL),
             count(*) FILTER (WHERE departement IS NOT NULL AND (region IS NULL OR region_label IS NULL OR departement_label IS NULL))
      FROM politique_ville_postes`);
    expect(rows[0]).toEqual([noDep, 0]);
    const corse = await warehouse.query(
      "SELECT DISTINCT departement, region_label FROM politique_ville_postes WHERE departement IN ('2A', '2B', '974') ORDER BY 1",
    );
    expect(corse.rows).toEqual([
      ['2A', 'Corse'],
      ['2B', 'Corse'],
      ['974', 'La Réunion'],
    ]);
  });

  it('picks up a new year dropped in the folder, with no code change', async () => {
    const dir = tempDir();
    try {
      mkdirSync(path.join(dir.path, 'opendata'));
      for (const file of await politiqueVilleFiles(seedDir)) {
        copyFileSync(path.join(seedDir, file), path.join(dir.path, file));
      }
      writeFileSync(
        path.join(dir.path, 'opendata/postes-fonjep-2023.json'),
        JSON.stringify([
          {
            id_poste: 'X1',
            code_tiers: 'ASSO TEST',
            raison_sociale: 'Asso test',
            annee: '2023',
            montant: '7 164,50',
            code_cv: 'CV1',
            insee_dep: '35',
            insee_reg: '53',
          },
          {
            id_poste: 'X2',
            code_tiers: 'ASSO TEST',
            raison_sociale: 'Asso test',
            annee: '',
            montant: 100,
            code_cv: 'CV1',
            insee_dep: '99',
            insee_reg: '53',
          },
          {
            id_poste: 'X3',
            code_tiers: 'ASSO TEST',
            raison_sociale: 'Asso test',
            annee: 2023,
            montant: 'n/a',
            insee_dep: '35',
          },
        ]),
      );
      expect(await politiqueVilleLoader.inputs(dir.path)).toContain('opendata/postes-fonjep-2023.json');
      const target = await DuckDbWarehouse.open({ path: ':memory:' });
      const loaded = await politiqueVilleLoader.load({ seedDir: dir.path, warehouse: target, geo });
      expect(loaded.rowsRejected).toBe(1);
      expect(loaded.rowsUnplaced).toBe(67 + 1);
      const { rows } = await target.query(
        "SELECT id_poste, annee, CAST(montant AS DOUBLE), departement, region FROM politique_ville_postes WHERE id_poste LIKE 'X%' ORDER BY 1",
      );
      expect(rows).toEqual([
        ['X1', 2023, 7164.5, '35', '53'],
        ['X2', 2023, 100, null, '53'],
      ]);
      await target.close();
    } finally {
      dir.remove();
    }
  });
});
