/**
 * The compiled SQL on real engines: an in-memory DuckDB always, PostgreSQL when
 * TEST_DATABASE_URL is set. Every golden spec must give identical shaped results on both, and
 * totals / subtotals / ratios / topN are checked against plain, independent SQL.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { QuerySpec, SecurityContext } from '../spec/types.ts';
import { openDuckDb, openPostgres, TEST_DATABASE_URL, type TestEngine } from '../testing/engines.ts';
import { BENEFICIAIRES, FIXTURE_ENTITY_TABLE, FIXTURE_TABLE, fixtureCatalogue } from '../testing/fixture.ts';
import { GOLDEN_CASES, NOW } from '../testing/specs.ts';
import { compileQuery } from './compile.ts';
import { escapeLike } from './filters.ts';
import { foldForSearch } from './search-text.ts';
import { OTHERS_CODE, OTHERS_LABEL, type ShapedResult, shapeResult } from './shape.ts';

let duck: TestEngine;
let pg: TestEngine | undefined;
const engines = (): TestEngine[] => (pg ? [duck, pg] : [duck]);

beforeAll(async () => {
  duck = await openDuckDb();
  if (TEST_DATABASE_URL) pg = await openPostgres(TEST_DATABASE_URL);
});

afterAll(async () => {
  await duck?.close();
  await pg?.close();
});

const NAT: SecurityContext = { scope: 'NAT' };

async function run(
  engine: TestEngine,
  spec: unknown,
  ctx: SecurityContext = NAT,
  maxLimit = 1000,
): Promise<ShapedResult> {
  const compiled = compileQuery(spec, fixtureCatalogue, ctx, { dialect: engine.dialect, maxLimit, now: NOW });
  return shapeResult(compiled, await engine.query(compiled.sql, compiled.params));
}

/** Runs on every engine, requires identical results, returns DuckDB's. */
async function runEverywhere(
  spec: unknown,
  ctx: SecurityContext = NAT,
  maxLimit = 1000,
): Promise<ShapedResult> {
  const [first, ...others] = await Promise.all(engines().map((e) => run(e, spec, ctx, maxLimit)));
  for (const other of others) expect(other).toEqual(first);
  return first as ShapedResult;
}

test('PostgreSQL is part of the run when TEST_DATABASE_URL is set', () => {
  expect(engines().length).toBe(TEST_DATABASE_URL ? 2 : 1);
});

describe('golden specs give identical results on both engines', () => {
  test.each(GOLDEN_CASES)('$name', async ({ spec, ctx }) => {
    const result = await runEverywhere(spec, ctx);
    expect(result.rowCount).toBe(result.rows.length);
    for (const row of result.rows) expect(row.length).toBe(result.columns.length);
  });
});

async function plain(sql: string): Promise<unknown[][]> {
  return duck.query(sql, []);
}

test('grand totals equal an independent SQL aggregate', async () => {
  const result = await runEverywhere({
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'montant_cp', 'taux_paiement', 'nb_lignes', 'nb_beneficiaires', 'montant_moyen'],
    dimensions: ['region', 'annee'],
    totals: true,
    limit: 3,
  });
  const [row] = await plain(
    `SELECT CAST(SUM(montant_ae) AS DOUBLE), CAST(SUM(montant_cp) AS DOUBLE), COUNT(*), COUNT(DISTINCT beneficiaire),
       CAST(SUM(montant_ae) AS DOUBLE) / COUNT(montant_ae) FROM ${FIXTURE_TABLE}`,
  );
  const [ae, cp, n, nb, avg] = (row as unknown[]).map(Number) as number[];
  expect(result.totals).toEqual({
    montant_ae: ae,
    montant_cp: cp,
    taux_paiement: (cp as number) / (ae as number),
    nb_lignes: n,
    nb_beneficiaires: nb,
    montant_moyen: avg,
  });
  expect(result.truncated).toBe(true);
  expect(result.rows).toHaveLength(3);
});

test('subtotal rows carry their own level’s sums and ratio num/den, never a sum of ratios', async () => {
  const result = await runEverywhere({
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
    dimensions: ['region', 'departement', 'annee'],
    subtotals: ['region', 'departement'],
    totals: true,
    limit: 1000,
  });
  const ids = result.columns.map((c) => c.id);
  const at = (row: readonly unknown[], id: string): unknown => row[ids.indexOf(id)];
  expect(ids.at(-1)).toBe('_grouping');
  expect(result.columns.at(-1)).toMatchObject({ id: '_grouping', role: 'grouping' });

  const byDep = new Map(
    (
      await plain(
        `SELECT code_region, code_departement, CAST(SUM(montant_ae) AS DOUBLE), CAST(SUM(montant_cp) AS DOUBLE)
         FROM ${FIXTURE_TABLE} GROUP BY 1, 2`,
      )
    ).map((r) => [`${r[0]}|${r[1]}`, r]),
  );
  const byRegion = new Map(
    (
      await plain(
        `SELECT code_region, CAST(SUM(montant_ae) AS DOUBLE), CAST(SUM(montant_cp) AS DOUBLE) FROM ${FIXTURE_TABLE} GROUP BY 1`,
      )
    ).map((r) => [String(r[0]), r]),
  );
  let depRows = 0;
  let regionRows = 0;
  for (const row of result.rows) {
    const g = at(row, '_grouping');
    const ae = at(row, 'montant_ae') as number;
    const cp = at(row, 'montant_cp') as number | null;
    if (g !== 0) expect(at(row, 'taux_paiement')).toBe(ae === 0 || cp === null ? null : cp / ae);
    if (g === 1) {
      depRows++;
      const ref = byDep.get(`${at(row, 'region')}|${at(row, 'departement')}`) as unknown[];
      expect([ae, cp]).toEqual([ref[2], ref[3]]);
      expect(at(row, 'annee')).toBeNull();
    } else if (g === 3) {
      regionRows++;
      const ref = byRegion.get(String(at(row, 'region'))) as unknown[];
      expect([ae, cp]).toEqual([ref[1], ref[2]]);
      expect(at(row, 'departement')).toBeNull();
    }
  }
  expect(depRows).toBe(byDep.size);
  expect(regionRows).toBe(byRegion.size);
  // The grand total is in `totals`, not in the rows.
  expect(result.rows.some((r) => at(r, '_grouping') === 7)).toBe(false);
  expect(result.totals.taux_paiement).toBe(
    (result.totals.montant_cp as number) / (result.totals.montant_ae as number),
  );
});

test('totals across the leading dimension: one total per row group, equal to plain SQL, ratios included', async () => {
  // A cross-tab: année in columns, région › département in rows.
  const result = await runEverywhere({
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
    dimensions: ['annee', 'region', 'departement'],
    subtotals: ['annee', 'region'],
    totalsAcross: ['annee'],
    totals: true,
    limit: 1000,
  });
  const ids = result.columns.map((c) => c.id);
  const at = (row: readonly unknown[], id: string): unknown => row[ids.indexOf(id)];
  const sums = async (group: string) =>
    new Map(
      (
        await plain(
          `SELECT ${group}, CAST(SUM(montant_ae) AS DOUBLE), CAST(SUM(montant_cp) AS DOUBLE) FROM ${FIXTURE_TABLE} GROUP BY ${group}`,
        )
      ).map((r) => [r.slice(0, -2).map(String).join('|'), r.slice(-2)]),
    );
  const byDep = await sums('code_region, code_departement');
  const byRegion = await sums('code_region');
  // GROUPING(annee, region, departement): année rolled = 4; + département = 5.
  const depTotals = result.rows.filter((r) => at(r, '_grouping') === 4);
  const regionTotals = result.rows.filter((r) => at(r, '_grouping') === 5);
  expect(depTotals).toHaveLength(byDep.size);
  expect(regionTotals).toHaveLength(byRegion.size);
  for (const row of depTotals) {
    expect(at(row, 'annee')).toBeNull();
    expect([at(row, 'montant_ae'), at(row, 'montant_cp')]).toEqual(
      byDep.get(`${at(row, 'region')}|${at(row, 'departement')}`),
    );
  }
  for (const row of regionTotals) {
    const [ae, cp] = byRegion.get(String(at(row, 'region'))) as [number, number | null];
    expect([at(row, 'montant_ae'), at(row, 'montant_cp')]).toEqual([ae, cp]);
    expect(at(row, 'taux_paiement')).toBe(ae === 0 || cp === null ? null : cp / ae);
  }
});

test('totals across are refused when they leave no row dimension or do not lead', () => {
  const base = { dataset: 'dotations_investissement', measures: ['montant_ae'] };
  const compile = (spec: QuerySpec) =>
    compileQuery(spec, fixtureCatalogue, NAT, { dialect: 'duckdb', maxLimit: 100, now: NOW });
  expect(() => compile({ ...base, dimensions: ['annee'], totalsAcross: ['annee'] })).toThrow(
    /au moins une dimension en lignes/,
  );
  expect(() => compile({ ...base, dimensions: ['region', 'annee'], totalsAcross: ['annee'] })).toThrow(
    /premières dimensions/,
  );
});

test('a limited page keeps the subtotals of the groups it shows, and only those', async () => {
  const spec: QuerySpec = {
    dataset: 'dotations_investissement',
    measures: ['montant_ae'],
    dimensions: ['region', 'annee'],
    subtotals: ['region'],
    totals: true,
    sort: [{ field: 'region', dir: 'asc' }],
    limit: 4,
  };
  const result = await runEverywhere(spec);
  const detail = result.rows.filter((r) => r.at(-1) === 0);
  const subtotals = result.rows.filter((r) => r.at(-1) !== 0);
  expect(result.truncated).toBe(true);
  expect(detail).toHaveLength(4);
  expect(subtotals.map((r) => r[0])).toEqual([...new Set(detail.map((r) => r[0]))]);
  expect(result.totals.montant_ae).toBeGreaterThan(0);
});

test('pagination: consecutive pages rebuild the whole ordered result', async () => {
  const spec = {
    dataset: 'dotations_investissement',
    measures: ['nb_lignes'],
    dimensions: ['departement', 'type_beneficiaire'],
    sort: [{ field: 'nb_lignes', dir: 'desc' }],
  } as const;
  const all = await runEverywhere(spec);
  const pages: unknown[][] = [];
  for (let offset = 0; offset < all.rows.length; offset += 7) {
    const page = await runEverywhere({ ...spec, limit: 7, offset });
    expect(page.truncated).toBe(offset + 7 < all.rows.length);
    pages.push(...page.rows);
  }
  expect(pages).toEqual(all.rows);
});

test('a limit over the cap is capped and reported truncated', async () => {
  const result = await runEverywhere(
    { dataset: 'dotations_open', measures: ['nb_lignes'], dimensions: ['date_decision'], limit: 100_000 },
    NAT,
    10,
  );
  expect(result.rows).toHaveLength(10);
  expect(result.truncated).toBe(true);
});

test('topN with « Autres »: n values + one bucket, nothing lost', async () => {
  const result = await runEverywhere({
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'taux_paiement'],
    dimensions: ['departement'],
    topN: { n: 3, others: true },
    totals: true,
  });
  const top = await plain(
    `SELECT code_departement FROM ${FIXTURE_TABLE} WHERE code_departement IS NOT NULL GROUP BY 1
     ORDER BY SUM(montant_ae) DESC, 1 LIMIT 3`,
  );
  expect(result.rows.slice(0, 3).map((r) => r[0])).toEqual(top.map((r) => r[0]));
  expect(result.rows[3]?.slice(0, 2)).toEqual([OTHERS_CODE, OTHERS_LABEL]);
  expect(result.rows).toHaveLength(4);
  const sum = result.rows.reduce((s, r) => s + (r[2] as number), 0);
  expect(sum).toBeCloseTo(result.totals.montant_ae as number, 2);
});

test('topN without « Autres » keeps only the top values', async () => {
  const result = await runEverywhere({
    dataset: 'dotations_investissement',
    measures: ['nb_lignes'],
    dimensions: ['region', 'annee'],
    topN: { n: 2 },
  });
  expect(new Set(result.rows.map((r) => r[0])).size).toBe(2);
});

/** Fixture beneficiaries passing `test`, in byte order (the compiler's text order). */
const expected = (test: (s: string) => boolean): string[] =>
  (BENEFICIAIRES.filter((b) => b !== null && test(b)) as string[]).sort((a, b) =>
    Buffer.compare(Buffer.from(a), Buffer.from(b)),
  );

describe('contains: case, accents and wildcards', () => {
  const names = async (needle: string): Promise<unknown[]> => {
    const result = await runEverywhere({
      dataset: 'dotations_open',
      measures: [],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: [needle] }],
      sort: [{ field: 'beneficiaire', dir: 'asc' }],
    });
    return result.rows.map((r) => r[0]);
  };

  test('accents and case are ignored', async () => {
    expect(await names('ECOLE')).toEqual(expected((b) => /[eé]cole/i.test(b) || b.includes('ÉCOLE')));
    expect(await names('évreux')).toEqual(['COMMUNE D’ÉVREUX']);
    expect(await names('ile-de')).toEqual(['ÉCOLE ÎLE-DE-SEIN']);
  });
  test('LIKE wildcards are literal', async () => {
    expect(await names('100%')).toEqual(['100% Solidaire']);
    expect(await names('%')).toEqual(['100% Solidaire']);
    expect(await names('e_c')).toEqual(['Le_Cercle des écoles']);
    expect(await names('a\\b')).toEqual(['a\\b backslash SARL']);
    expect(await names("d'a")).toEqual(["Commune d'Ancenis"]);
  });
  test('on a labelled code, the label is searched too', async () => {
    const result = await runEverywhere({
      dataset: 'dotations_open',
      measures: [],
      dimensions: ['departement'],
      filters: [{ field: 'departement', op: 'contains', values: ['loire'] }],
      sort: [{ field: 'departement', dir: 'asc' }],
    });
    expect(result.rows.map((r) => r[0])).toEqual(['42', '44', '49']);
    const byCode = await runEverywhere({
      dataset: 'dotations_open',
      measures: [],
      dimensions: ['departement'],
      filters: [{ field: 'departement', op: 'contains', values: ['2a'] }],
    });
    expect(byCode.rows.map((r) => r[0])).toEqual(['2A']);
  });
});

describe('contains on a search column folded at load time', () => {
  const codes = async (dataset: string, field: string, needle: string): Promise<unknown[]> => {
    const result = await runEverywhere({
      dataset,
      measures: [],
      dimensions: [field],
      filters: [{ field, op: 'contains', values: [needle] }],
      sort: [{ field, dir: 'asc' }],
    });
    return result.rows.map((r) => r[0]);
  };
  const bothPaths = async (field: string, needle: string): Promise<unknown[]> => {
    const folded = await codes('dotations_recherche', field, needle);
    expect(folded).toEqual(await codes('dotations_open', field, needle));
    return folded;
  };

  test('compiles to one substring search on the search column, the search folded in the parameter', () => {
    const compile = (dialect: 'duckdb' | 'postgres') =>
      compileQuery(
        {
          dataset: 'dotations_recherche',
          measures: ['nb_lignes'],
          filters: [{ field: 'departement', op: 'contains', values: ['Côtes-d’Armor_%'] }],
        },
        fixtureCatalogue,
        NAT,
        { dialect, maxLimit: 10 },
      );
    const pg = compile('postgres');
    expect(pg.sql).toContain(`WHERE "t"."departement_search" LIKE $1 ESCAPE '\\'`);
    expect(pg.params).toEqual(['%cotes d armor\\_\\%%', 11]);
    const duck = compile('duckdb');
    expect(duck.sql).toContain(`WHERE contains("t"."departement_search", $1)`);
    expect(duck.params).toEqual(['cotes d armor_%', 11]);
    for (const { sql } of [pg, duck]) expect(sql).not.toMatch(/translate|lower/i);
  });
  test('an empty search keeps every row with a value, as LIKE does', async () => {
    const all = await codes('dotations_open', 'departement', '');
    expect(all.length).toBeGreaterThan(5);
    expect(await codes('dotations_recherche', 'departement', '')).toEqual(all);
  });
  test('same rows as the SQL fold for case, accents, wildcards, code or label', async () => {
    expect(await bothPaths('beneficiaire', 'ECOLE')).toEqual(
      expected((b) => /[eé]cole/i.test(b) || b.includes('ÉCOLE')),
    );
    expect(await bothPaths('beneficiaire', 'évreux')).toEqual(['COMMUNE D’ÉVREUX']);
    expect(await bothPaths('beneficiaire', '100%')).toEqual(['100% Solidaire']);
    expect(await bothPaths('beneficiaire', 'e_c')).toEqual(['Le_Cercle des écoles']);
    expect(await bothPaths('beneficiaire', 'a\\b')).toEqual(['a\\b backslash SARL']);
    expect(await bothPaths('beneficiaire', 'oresund')).toEqual(['Ålesund – Øresund SARL']);
    expect(await bothPaths('departement', 'loire')).toEqual(['42', '44', '49']);
    expect(await bothPaths('departement', '2a')).toEqual(['2A']);
    expect(await bothPaths('region', 'ÎLE')).toEqual(['11']);
  });
  test('dashes and apostrophes match spaces, both ways', async () => {
    const search = (field: string, needle: string) => codes('dotations_recherche', field, needle);
    expect(await search('departement', 'ille et vilaine')).toEqual(['35']);
    expect(await search('departement', 'COTES D ARMOR')).toEqual(['22']);
    expect(await search('departement', "côtes d'armor")).toEqual(['22']);
    expect(await search('region', 'auvergne rhone')).toEqual(['84']);
    expect(await search('beneficiaire', 'ile de sein')).toEqual(['ÉCOLE ÎLE-DE-SEIN']);
    expect(await search('beneficiaire', 'saint-etienne')).toEqual(['Commune de Saint-Étienne']);
    expect(await search('beneficiaire', 'commune d evreux')).toEqual(['COMMUNE D’ÉVREUX']);
    expect(await search('beneficiaire', 'ålesund-øresund')).toEqual(['Ålesund – Øresund SARL']);
  });
  test('a match never spans the code and the label', async () => {
    expect(await codes('dotations_recherche', 'departement', '5 ille')).toEqual([]);
    expect(await codes('dotations_recherche', 'departement', '35')).toEqual(['35']);
  });
});

describe('contains through an entity table', () => {
  test('searches the distinct values, then keeps the lines by code (semi-join), values bound', () => {
    const compile = (dialect: 'duckdb' | 'postgres') =>
      compileQuery(
        {
          dataset: 'dotations_entites',
          measures: ['nb_lignes'],
          filters: [{ field: 'beneficiaire', op: 'contains', values: ["Éco'le_%"] }],
        },
        fixtureCatalogue,
        { scope: '53' },
        { dialect, maxLimit: 10 },
      );
    const semiJoin = (search: string) =>
      `WHERE "t"."beneficiaire" IN (SELECT "e"."beneficiaire" AS "beneficiaire" ` +
      `FROM "${FIXTURE_ENTITY_TABLE}" AS "e" WHERE ${search}) AND "t"."code_region" = $2`;
    const duckdb = compile('duckdb');
    expect(duckdb.sql).toContain(semiJoin('contains("e"."beneficiaire_search", $1)'));
    expect(duckdb.params).toEqual(['eco le_%', '53', 11]);
    const pg = compile('postgres');
    expect(pg.sql).toContain(semiJoin(`"e"."beneficiaire_search" LIKE $1 ESCAPE '\\'`));
    expect(pg.params).toEqual(['%eco le\\_\\%%', '53', 11]);
  });

  // The same lines as the plain search of every line, scope and locked filters included.
  test.each([
    ['ECOLE', NAT],
    ['commune', NAT],
    ['commune', { scope: '53', lockedFilters: [{ field: 'departement', op: 'neq', values: ['29'] }] }],
    ['100%', { scope: '11' }],
    ['e_c', NAT],
    ['a\\b', NAT],
    ['oresund', { scope: '84' }],
    ['', { scope: '52' }],
    ['introuvable', NAT],
  ] as const)('« %s » under %o: same rows as a scan of the lines', async (needle, ctx) => {
    const spec = {
      dataset: 'dotations_entites',
      measures: ['nb_lignes', 'montant_ae'],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: [needle] }],
      sort: [{ field: 'beneficiaire', dir: 'asc' }],
    };
    const result = await runEverywhere(spec, ctx as SecurityContext);
    const where = [`beneficiaire_search LIKE $1 ESCAPE '\\'`];
    const params: string[] = [`%${escapeLike(foldForSearch(needle))}%`];
    if ('scope' in ctx && ctx.scope !== 'NAT') {
      params.push(ctx.scope);
      where.push(`code_region = $${params.length}`);
    }
    if ('lockedFilters' in ctx) where.push(`(code_departement <> '29' OR code_departement IS NULL)`);
    const scan = await duck.query(
      `SELECT beneficiaire, COUNT(*), CAST(SUM(montant_ae) AS DOUBLE) FROM ${FIXTURE_TABLE}
       WHERE ${where.join(' AND ')} GROUP BY beneficiaire ORDER BY beneficiaire`,
      params,
    );
    expect(result.rows).toEqual(scan.map(([b, n, ae]) => [b, Number(n), Number(ae)]));
    if (needle !== 'introuvable') expect(result.rows.length).toBeGreaterThan(0);
  });
});

describe('security', () => {
  test('a regional user only sees its région', async () => {
    const result = await runEverywhere(
      { dataset: 'dotations_investissement', measures: ['nb_lignes'], dimensions: ['region'] },
      { scope: '53' },
    );
    expect(result.rows.map((r) => r[0])).toEqual(['53']);
  });
  test('a spec filter cannot widen a locked filter', async () => {
    const result = await runEverywhere(
      {
        dataset: 'dotations_open',
        measures: ['nb_lignes'],
        dimensions: ['departement'],
        filters: [{ field: 'departement', op: 'in', values: ['29', '35'] }],
      },
      { scope: 'NAT', lockedFilters: [{ field: 'departement', op: 'eq', values: ['35'] }] },
    );
    expect(result.rows.map((r) => r[0])).toEqual(['35']);
  });
});

test('negations keep the rows where the field is empty', async () => {
  const [[total]] = (await plain(`SELECT COUNT(*) FROM ${FIXTURE_TABLE}`)) as [[bigint]];
  const [[only11]] = (await plain(`SELECT COUNT(*) FROM ${FIXTURE_TABLE} WHERE code_region = '11'`)) as [
    [bigint],
  ];
  const result = await runEverywhere({
    dataset: 'dotations_open',
    measures: ['nb_lignes'],
    filters: [{ field: 'region', op: 'neq', values: ['11'] }],
  });
  expect(result.rows).toEqual([[Number(total) - Number(only11)]]);
});

test('measures without dimensions: one row, totals from it', async () => {
  const result = await runEverywhere({
    dataset: 'dotations_open',
    measures: ['montant_ae', 'nb_lignes'],
    totals: true,
  });
  expect(result.rows).toHaveLength(1);
  expect(result.totals).toEqual({ montant_ae: result.rows[0]?.[0], nb_lignes: result.rows[0]?.[1] });
});

test('empty result: no rows, totals still present', async () => {
  const result = await runEverywhere({
    dataset: 'dotations_open',
    measures: ['montant_ae', 'nb_lignes'],
    dimensions: ['region'],
    filters: [{ field: 'region', op: 'eq', values: ['00'] }],
    totals: true,
  });
  expect(result.rows).toEqual([]);
  expect(result.totals).toEqual({ montant_ae: null, nb_lignes: 0 });
});
