import { compileQuery, type QuerySpec, shapeResult } from '@dataetat/widgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../catalogue/index.ts';
import { dotationsLoader } from '../seed/dotations-loader.ts';
import { GeoReference } from '../seed/geo-reference.ts';
import { referenceLoader } from '../seed/reference-loader.ts';
import { seedDir } from '../testing/harness.ts';
import { ALL_TYPES, ALL_TYPES_ROWS, duckdbEngine, postgresEngine, testDatabaseUrl } from './testing.ts';
import type { SqlParam, Warehouse } from './types.ts';

type Opened = Warehouse & { dispose(): Promise<void> };
const D = 'dotations_investissement';

/**
 * Raw SQL both engines must answer with identical JS values. Written the way the compiler must
 * write SQL for parity: explicit NULLS LAST (DuckDB and PostgreSQL disagree on DESC), no SUM/AVG
 * of DOUBLE columns (summation order changes the last bits; DuckDB's is not even stable).
 */
const QUERIES: readonly (readonly [string, SqlParam[]])[] = [
  [
    `SELECT dotation, sum(montant_subvention), sum(cout_total), count(*), count(DISTINCT beneficiaire)
     FROM ${D} GROUP BY dotation ORDER BY dotation`,
    [],
  ],
  [
    `SELECT region, region_label, departement, sum(montant_subvention), count(*), grouping(region, departement)
     FROM ${D} GROUP BY ROLLUP ((region, region_label), departement)
     ORDER BY region NULLS LAST, departement NULLS LAST`,
    [],
  ],
  [
    `SELECT departement, CAST(sum(montant_subvention) AS DOUBLE PRECISION) / CAST(sum(cout_total) AS DOUBLE PRECISION)
     FROM ${D} GROUP BY 1 ORDER BY 1 NULLS LAST`,
    [],
  ],
  [
    `SELECT echelon, categorie, min(taux_subvention), max(taux_subvention), min(latitude), max(longitude)
     FROM ${D} GROUP BY 1, 2 ORDER BY 1, 2`,
    [],
  ],
  [
    `SELECT epci, epci_label, sum(montant_subvention) AS s FROM ${D}
     GROUP BY 1, 2 ORDER BY 1 DESC NULLS LAST LIMIT 25`,
    [],
  ],
  [
    `SELECT sum(montant_subvention) FILTER (WHERE echelon = $1), count(*) FILTER (WHERE epci IS NULL) FROM ${D}`,
    ['commune'],
  ],
  [
    `SELECT beneficiaire_label, montant_subvention FROM ${D}
     WHERE departement IN ($1, $2) AND montant_subvention BETWEEN $3 AND $4 AND beneficiaire_label ILIKE $5
     ORDER BY montant_subvention DESC, id_projet`,
    ['2A', '35', 10_000, 500_000.5, '%saint%'],
  ],
  // Accents and case in ORDER BY: byte order on both (PostgreSQL text columns are COLLATE "C").
  ['SELECT nom, code FROM ref_communes ORDER BY nom, code LIMIT 300 OFFSET 1000', []],
  [
    `SELECT r.code, r.nom, count(c.code), sum(c.population) FROM ref_regions r
     JOIN ref_communes c ON c.region = r.code GROUP BY 1, 2 ORDER BY 1`,
    [],
  ],
];

/** Widget specs over the dotations: each dialect's SQL on its own engine, shaped the same. */
const SPECS: readonly QuerySpec[] = [
  {
    dataset: D,
    measures: ['montant_subvention', 'cout_total', 'nb_projets', 'taux_subvention'],
    dimensions: ['dotation'],
    sort: [{ field: 'montant_subvention', dir: 'desc' }],
    totals: true,
  },
  {
    dataset: D,
    measures: ['montant_subvention', 'taux_subvention'],
    dimensions: ['region', 'dotation'],
    subtotals: ['region'],
    totals: true,
    sort: [{ field: 'region', dir: 'asc' }],
  },
  {
    dataset: D,
    measures: ['montant_subvention', 'nb_projets'],
    dimensions: ['epci'],
    filters: [{ field: 'departement', op: 'in', values: ['35', '2A', '59'] }],
    sort: [{ field: 'montant_subvention', dir: 'desc' }],
    limit: 10,
  },
  {
    dataset: D,
    measures: ['montant_subvention'],
    dimensions: ['beneficiaire', 'categorie'],
    filters: [
      { field: 'beneficiaire', op: 'contains', values: ['saint'] },
      { field: 'categorie', op: 'starts_with', values: ['1'] },
      { field: 'epci', op: 'not_null' },
    ],
    sort: [{ field: 'beneficiaire', dir: 'desc' }],
    limit: 200,
  },
  {
    dataset: D,
    measures: ['montant_subvention', 'taux_subvention'],
    dimensions: ['departement'],
    topN: { n: 5, others: true },
    totals: true,
  },
  {
    dataset: D,
    measures: ['nb_projets', 'cout_total'],
    dimensions: ['echelon', 'epci'],
    filters: [
      { field: 'dotation', op: 'neq', values: ['DSID'] },
      { field: 'annee', op: 'between', values: [2019, 2019] },
    ],
    sort: [{ field: 'epci', dir: 'desc' }],
    limit: 40,
  },
  {
    dataset: D,
    measures: ['nb_projets'],
    dimensions: ['echelon'],
    filters: [{ field: 'epci', op: 'is_null' }],
  },
  {
    dataset: D,
    measures: ['montant_subvention'],
    dimensions: ['commune'],
    filters: [{ field: 'dotation', op: 'not_in', values: ['DSIL', "DETR' OR '1'='1"] }],
    sort: [{ field: 'commune', dir: 'asc' }],
    limit: 50,
    offset: 100,
  },
  {
    dataset: D,
    measures: ['montant_subvention', 'cout_total', 'nb_projets', 'taux_subvention'],
    totals: true,
  },
];

describe.skipIf(!testDatabaseUrl)('DuckDB and PostgreSQL return identical results', () => {
  let duckdb: Opened;
  let postgres: Opened;
  const both = () => [duckdb, postgres] as const;

  beforeAll(async () => {
    [duckdb, postgres] = await Promise.all([duckdbEngine.open(), postgresEngine.open()]);
    const geo = GeoReference.load();
    for (const warehouse of both()) {
      for (const loader of [referenceLoader, dotationsLoader]) {
        await loader.load({ seedDir, warehouse, geo });
      }
      await warehouse.replaceTable(ALL_TYPES, ALL_TYPES_ROWS);
    }
  });
  afterAll(async () => {
    await Promise.all(both().map((w) => w?.dispose()));
  });

  it('loads the same seed pack', async () => {
    const counts = await Promise.all(
      both().map((w) =>
        w.query(
          `SELECT (SELECT count(*) FROM ${D}), (SELECT count(*) FROM ref_communes), (SELECT count(*) FROM ref_epci)`,
        ),
      ),
    );
    expect(counts[1]?.rows).toEqual(counts[0]?.rows);
    expect(counts[0]?.rows[0]?.[0]).toBe(24_811);
  });

  it('reads back every column type the same way, sorted the same way', async () => {
    const sql = 'SELECT * FROM contract_all_types ORDER BY label NULLS LAST, id';
    const [a, b] = await Promise.all(both().map((w) => w.query(sql)));
    expect(b).toEqual(a);
  });

  it.each(QUERIES.map(([sql, params], i) => ({ i, sql, params })))('query $i', async ({ sql, params }) => {
    const [a, b] = await Promise.all(both().map((w) => w.query(sql, params)));
    expect(a?.rows.length).toBeGreaterThan(0);
    expect(b?.rows).toEqual(a?.rows);
  });

  it.each(SPECS.map((spec, i) => ({ i, spec })))('compiled spec $i', async ({ spec }) => {
    const [a, b] = await Promise.all(
      both().map(async (w) => {
        const compiled = compileQuery(
          spec,
          catalogue,
          { scope: 'NAT' },
          { dialect: w.dialect, maxLimit: 5000 },
        );
        return shapeResult(compiled, (await w.query(compiled.sql, compiled.params)).rows);
      }),
    );
    expect(a?.rows.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
