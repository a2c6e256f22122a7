import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileQuery, type QuerySpec, shapeResult } from '@dataetat/widgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../catalogue/index.ts';
import { normaliseQpvCode, QPV_FILE } from '../geo/qpv.ts';
import { chorusLoader } from '../seed/chorus/loader.ts';
import { GeoReference } from '../seed/geo-reference.ts';
import { seedDir } from '../testing/harness.ts';
import { type TestEngine, testEngines } from '../warehouse/testing.ts';
import type { Warehouse } from '../warehouse/types.ts';

/**
 * The QPV level of Chorus on the demo data, on each engine: the compiled `qpv` dimension gives,
 * for the Occitanie sample, the sums of the lines whose quartier is in the seed pack's file
 * (plain SQL over the lines with the codes read here from the GeoJSON), and a Bretagne reader
 * sees no quartier at all.
 */

const LINES = 40_000;
const OCCITANIE = '76';
const BRETAGNE = '53';

interface FileQpv {
  readonly code: string;
  readonly commune: string;
}
const FILE_QPVS: readonly FileQpv[] = (
  JSON.parse(readFileSync(path.join(seedDir, QPV_FILE), 'utf8')) as {
    features: { properties: { code_qp: string; code_commune: string } }[];
  }
).features.map((f) => ({ code: f.properties.code_qp, commune: f.properties.code_commune }));

const run = async (warehouse: Warehouse, spec: QuerySpec, scope: string) => {
  const compiled = compileQuery(spec, catalogue, { scope }, { dialect: warehouse.dialect, maxLimit: 5000 });
  return shapeResult(compiled, (await warehouse.query(compiled.sql, compiled.params)).rows);
};

const BY_QPV: QuerySpec = {
  dataset: 'chorus_lignes',
  measures: ['montant_ae', 'montant_cp', 'nb_lignes'],
  dimensions: ['qpv'],
  filters: [
    { field: 'region', op: 'eq', values: [OCCITANIE] },
    { field: 'qpv', op: 'not_null' },
  ],
  sort: [{ field: 'qpv', dir: 'asc' }],
  totals: true,
};

describe('normaliseQpvCode', () => {
  it('accepts 2015 and 2024 codes and refuses « NR » and the rest', () => {
    expect(normaliseQpvCode('QP044017')).toBe('QP044017');
    expect(normaliseQpvCode(' qn04417i ')).toBe('QN04417I');
    expect(normaliseQpvCode('QP02A001')).toBe('QP02A001');
    for (const bad of ['NR', '', 'QP04401', 'QX044017', 'QP0440170', null, 44017]) {
      expect(normaliseQpvCode(bad)).toBeNull();
    }
  });
});

const answers = new Map<string, unknown>();

describe.each(testEngines.map((engine) => ({ engine })))(
  'quartiers prioritaires on $engine.name',
  ({ engine }: { engine: TestEngine }) => {
    let warehouse: Warehouse & { dispose(): Promise<void> };
    const sql = async (text: string, params: unknown[] = []) =>
      (await warehouse.query(text, params as never[])).rows;

    beforeAll(async () => {
      warehouse = await engine.open();
      await chorusLoader(LINES).load({ seedDir, warehouse, geo: GeoReference.load() });
    }, 120_000);
    afterAll(() => warehouse?.dispose());

    it('places demo lines only in the quartiers of the file, in their commune, in Occitanie', async () => {
      expect(FILE_QPVS).toHaveLength(105);
      const placed = await sql(
        'SELECT qpv, commune, region, qpv_label, count(*) FROM chorus_lignes WHERE qpv IS NOT NULL GROUP BY 1, 2, 3, 4',
      );
      expect(placed.length).toBeGreaterThan(30);
      const communeOf = new Map(FILE_QPVS.map((q) => [q.code, q.commune]));
      for (const [qpv, commune, region, label] of placed) {
        expect(communeOf.get(String(qpv))).toBe(commune);
        expect(region).toBe(OCCITANIE);
        expect(String(label)).toMatch(/\(.+\)$/);
      }
    });

    it('puts about 40 % of the commitments of communes with quartiers in one of them', async () => {
      const communes = [...new Set(FILE_QPVS.map((q) => q.commune))];
      const marks = communes.map((_, i) => `$${i + 1}`).join(', ');
      const [[all, inQpv]] = (await sql(
        `SELECT count(DISTINCT ej), count(DISTINCT CASE WHEN qpv IS NOT NULL THEN ej END)
       FROM chorus_lignes WHERE commune IN (${marks})`,
        communes,
      )) as [[number, number]];
      const share = Number(inQpv) / Number(all);
      expect(share).toBeGreaterThan(0.35);
      expect(share).toBeLessThan(0.45);
    });

    it('sums by quartier what plain SQL sums over the lines whose quartier is in the Occitanie file', async () => {
      const codes = FILE_QPVS.map((q) => q.code);
      const marks = codes.map((_, i) => `$${i + 1}`).join(', ');
      const expected = await sql(
        `SELECT qpv, sum(montant_ae), sum(montant_cp), count(*) FROM chorus_lignes
       WHERE qpv IN (${marks}) GROUP BY qpv ORDER BY qpv`,
        codes,
      );
      const result = await run(warehouse, BY_QPV, 'NAT');
      const rows = result.rows.map((r) => [r[0], r[2], r[3], r[4]]);
      expect(rows.length).toBeGreaterThan(30);
      expect(rows).toEqual(expected.map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[3])]));
      const [[ae, cp, count]] = (await sql(
        `SELECT sum(montant_ae), sum(montant_cp), count(*) FROM chorus_lignes WHERE qpv IN (${marks})`,
        codes,
      )) as [[number, number, number]];
      expect(result.totals).toMatchObject({
        montant_ae: Number(ae),
        montant_cp: Number(cp),
        nb_lignes: Number(count),
      });
      answers.set(engine.name, result);
    });

    it('shows a Bretagne reader no quartier of Occitanie', async () => {
      const bretagne = await run(
        warehouse,
        { dataset: 'chorus_lignes', measures: ['montant_ae', 'nb_lignes'], dimensions: ['qpv'] },
        BRETAGNE,
      );
      expect(bretagne.rows.length).toBeGreaterThan(0);
      expect(bretagne.rows.every((r) => r[0] === null)).toBe(true);
      const asked = await run(warehouse, BY_QPV, BRETAGNE);
      expect(asked.rows).toEqual([]);
    });
  },
);

describe.skipIf(testEngines.length < 2)('both engines', () => {
  it('give identical QPV totals', () => {
    expect(answers.get('postgres')).toEqual(answers.get('duckdb'));
  });
});
