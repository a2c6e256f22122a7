import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery } from '../compiler/compile.ts';
import { shapeResult } from '../compiler/shape.ts';
import type { QueryResult, QuerySpec } from '../spec/types.ts';
import { openDuckDb, type TestEngine } from '../testing/engines.ts';
import { fixtureCatalogue, fixtureRows } from '../testing/fixture.ts';
import { heatColour, spacerHeights } from './layout.ts';
import { initiallyCollapsed, type PivotNode, ROW_TOTAL_KEY, toPivotModel, visibleRows } from './model.ts';
import { PIVOT_ROW_LIMIT, pivotColumns, pivotQuery } from './query.ts';

let engine: TestEngine;
beforeAll(async () => {
  engine = await openDuckDb();
});
afterAll(async () => {
  await engine.close();
});

/** Runs a spec on the real engine the way the query service does. */
async function run(spec: QuerySpec): Promise<QueryResult> {
  const compiled = compileQuery(
    spec,
    fixtureCatalogue,
    { scope: 'NAT' },
    { dialect: 'duckdb', maxLimit: 50_000 },
  );
  const shaped = shapeResult(compiled, await engine.query(compiled.sql, compiled.params));
  return {
    columns: shaped.columns,
    rows: shaped.rows,
    totals: shaped.totals,
    meta: {
      rowCount: shaped.rowCount,
      truncated: shaped.truncated,
      cached: false,
      engineMs: 0,
      dataVersion: 'test',
      source: 'test',
      updatedAt: null,
      demo: true,
      engine: 'duckdb',
    },
  };
}

const base: QuerySpec = {
  dataset: 'dotations_investissement',
  measures: ['montant_ae', 'taux_paiement'],
  dimensions: ['region', 'departement', 'annee'],
};

/** Independent sums over the fixture rows (in cents, then euros). */
function expected(filter: (r: ReturnType<typeof fixtureRows>[number]) => boolean) {
  const rows = fixtureRows().filter(filter);
  const cents = (s: string | null) => (s === null ? 0 : Math.round(Number(s) * 100));
  const ae = rows.reduce((s, r) => s + cents(r.montant_ae), 0);
  const cp = rows.reduce((s, r) => s + cents(r.montant_cp), 0);
  return { ae: ae / 100, taux: ae === 0 ? null : cp / ae, count: rows.length };
}

describe('pivotQuery', () => {
  it('puts column dimensions first and subtotals every prefix but the detail', () => {
    expect(
      pivotQuery({ ...base, subtotals: ['region'], limit: 10, offset: 20 }, { columns: ['annee'] }),
    ).toEqual({
      dataset: 'dotations_investissement',
      measures: ['montant_ae', 'taux_paiement'],
      dimensions: ['annee', 'region', 'departement'],
      subtotals: ['annee', 'region'],
      totalsAcross: ['annee'],
      totals: true,
      sort: [
        { field: 'region', dir: 'asc' },
        { field: 'departement', dir: 'asc' },
      ],
      limit: 10,
      offset: 0,
    });
    // Nothing chosen: the year goes to columns when another dimension is left for the rows.
    expect(pivotQuery(base)).toMatchObject({
      dimensions: ['annee', 'region', 'departement'],
      totalsAcross: ['annee'],
    });
    expect(pivotColumns(['annee'])).toEqual([]);
    // « Aucune » is a choice: kept.
    expect(pivotQuery(base, { columns: [] })).not.toHaveProperty('totalsAcross');
    expect(pivotQuery(base, { columns: [] }).dimensions).toEqual(base.dimensions);
    const rowsOnly = pivotQuery({ ...base, dimensions: ['region', 'departement'] });
    expect(rowsOnly).toMatchObject({
      dimensions: ['region', 'departement'],
      subtotals: ['region'],
      limit: PIVOT_ROW_LIMIT,
    });
    // Every dimension on columns: the last one stays a row level.
    expect(pivotQuery({ ...base, dimensions: ['annee'] }, { columns: ['annee'] }).dimensions).toEqual([
      'annee',
    ]);
  });
});

describe('toPivotModel on engine results', () => {
  it('builds the row tree with the engine’s subtotals, column totals and grand total', async () => {
    const options = { columns: ['annee'] };
    const result = await run(pivotQuery(base, options));
    const model = toPivotModel(result, options);
    expect(model.rowDimensions.map((d) => d.id)).toEqual(['region', 'departement']);
    expect(model.columnDimensions.map((d) => d.id)).toEqual(['annee']);
    expect(model.columns.map((c) => c.labels[0])).toEqual([
      '2017',
      '2018',
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      'Total',
    ]);

    const bretagne = model.roots.find((n) => n.code === '53') as PivotNode;
    expect(bretagne.label).toBe('Bretagne');
    expect(bretagne.secondary).toBe('53');
    expect(bretagne.children.map((c) => c.code).sort()).toEqual(
      [
        ...new Set(
          fixtureRows()
            .filter((r) => r.code_region === '53')
            .map((r) => r.code_departement),
        ),
      ].sort(),
    );
    const key2021 = JSON.stringify([2021]);
    // Group subtotal in one column, and its ratio recomputed by the engine (not summed).
    const sub = expected((r) => r.code_region === '53' && r.annee === 2021);
    expect(bretagne.cells.get(key2021)?.[0]).toBeCloseTo(sub.ae, 2);
    expect(bretagne.cells.get(key2021)?.[1]).toBeCloseTo(sub.taux ?? Number.NaN, 10);
    const ille = bretagne.children.find((c) => c.code === '35') as PivotNode;
    const leaf = expected((r) => r.code_departement === '35' && r.annee === 2021);
    expect(ille.cells.get(key2021)?.[0] ?? 0).toBeCloseTo(leaf.ae, 2);

    // Column totals and the grand total.
    const column = expected((r) => r.annee === 2021);
    expect(model.totals?.get(key2021)?.[0]).toBeCloseTo(column.ae, 2);
    const all = expected(() => true);
    expect(model.grandTotal?.[0]).toBeCloseTo(all.ae, 2);
    expect(model.grandTotal?.[1]).toBeCloseTo(all.taux ?? Number.NaN, 10);
    // The « Total » column: each row group across every year, by the engine (ratio included);
    // its foot cell is the grand total.
    const bretagneAll = expected((r) => r.code_region === '53');
    expect(bretagne.cells.get(ROW_TOTAL_KEY)?.[0]).toBeCloseTo(bretagneAll.ae, 2);
    expect(bretagne.cells.get(ROW_TOTAL_KEY)?.[1]).toBeCloseTo(bretagneAll.taux ?? Number.NaN, 10);
    const illeAll = expected((r) => r.code_departement === '35');
    expect(ille.cells.get(ROW_TOTAL_KEY)?.[0]).toBeCloseTo(illeAll.ae, 2);
    expect(model.totals?.get(ROW_TOTAL_KEY)?.[0]).toBeCloseTo(all.ae, 2);
    expect(model.ranges[0]?.max).toBeGreaterThan(model.ranges[0]?.min ?? Number.POSITIVE_INFINITY);
  });

  it('uses the grand total as the total row without column dimensions', async () => {
    const result = await run(pivotQuery({ ...base, dimensions: ['region', 'departement'] }));
    const model = toPivotModel(result);
    expect(model.columns).toEqual([{ key: '', labels: [] }]);
    const all = expected(() => true);
    expect(model.totals?.get('')?.[0]).toBeCloseTo(all.ae, 2);
    const bretagne = model.roots.find((n) => n.code === '53') as PivotNode;
    expect(bretagne.cells.get('')?.[0]).toBeCloseTo(expected((r) => r.code_region === '53').ae, 2);
  });

  it('folds and unfolds row groups', async () => {
    const result = await run(pivotQuery(base, { columns: ['annee'] }));
    const model = toPivotModel(result, { columns: ['annee'] });
    const all = visibleRows(model.roots, new Set());
    const departements = model.roots.reduce((n, r) => n + r.children.length, 0);
    expect(all).toHaveLength(model.roots.length + departements);
    expect(all[0]).toMatchObject({ expandable: true, expanded: true });

    const first = model.roots[0] as PivotNode;
    const folded = visibleRows(model.roots, new Set([first.id]));
    expect(folded).toHaveLength(all.length - first.children.length);
    expect(folded[0]).toMatchObject({ expanded: false });
    expect(folded[1]?.node).toBe(model.roots[1]);

    const closed = initiallyCollapsed(model.roots, 1);
    expect(visibleRows(model.roots, closed)).toHaveLength(model.roots.length);
  });
});

describe('layout helpers', () => {
  it('sizes the spacers around the rendered window', () => {
    expect(spacerHeights([], 1000)).toEqual({ top: 0, bottom: 0 });
    expect(
      spacerHeights(
        [
          { start: 360, end: 396 },
          { start: 396, end: 432 },
        ],
        36 * 10_000,
      ),
    ).toEqual({ top: 360, bottom: 36 * 10_000 - 432 });
  });

  it('colours from white to DSFR blue, and nothing without a spread', () => {
    expect(heatColour(0, { min: 0, max: 10 })).toBe('#ffffff');
    expect(heatColour(10, { min: 0, max: 10 })).toBe('#8585f6');
    expect(heatColour(5, { min: 0, max: 0 })).toBeUndefined();
    expect(heatColour(null, { min: 0, max: 10 })).toBeUndefined();
  });
});
