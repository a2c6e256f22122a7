import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './testing.ts';
import type { RebuiltTable, TableDefinition, Warehouse } from './types.ts';

/**
 * `rebuildTables`: tables recomposed in the engine from other tables, swapped together. The same
 * expected rows on every engine (PostgreSQL when TEST_DATABASE_URL is set): what one engine
 * builds, the other builds identically.
 */

const PARTS: TableDefinition = {
  name: 'rebuild_parts',
  columns: [
    { name: 'annee', type: 'integer' },
    { name: 'region', type: 'text' },
    { name: 'montant', type: 'amount' },
  ],
};
const OTHER: TableDefinition = {
  name: 'rebuild_other',
  columns: [
    { name: 'annee', type: 'integer' },
    { name: 'region', type: 'text' },
    { name: 'montant', type: 'amount' },
  ],
};

/** Parts minus the (annee, region) pairs `rebuild_other` holds, plus `rebuild_other`. */
const merged: RebuiltTable = {
  name: 'rebuild_merged',
  columns: [
    { name: 'annee', type: 'integer' },
    { name: 'region', type: 'text' },
    { name: 'montant', type: 'amount' },
    { name: 'origine', type: 'text' },
  ],
  select: (t) =>
    `SELECT annee, region, montant, 'demo' AS origine FROM ${t('rebuild_parts')} p
     WHERE NOT EXISTS (SELECT 1 FROM ${t('rebuild_other')} o WHERE o.annee = p.annee AND o.region = p.region)
     UNION ALL SELECT annee, region, montant, 'importe' FROM ${t('rebuild_other')}`,
  derived: [
    {
      name: 'rebuild_merged__r_region',
      select: (source) =>
        `SELECT region, origine, SUM(montant) AS montant, COUNT(*) AS n FROM ${source} GROUP BY region, origine`,
    },
  ],
};
/** Reads the new `rebuild_merged` of the same call. */
const totals: RebuiltTable = {
  name: 'rebuild_totals',
  columns: [
    { name: 'origine', type: 'text' },
    { name: 'montant', type: 'amount' },
    { name: 'lignes', type: 'bigint' },
  ],
  select: (t) =>
    `SELECT origine, SUM(montant) AS montant, COUNT(*) AS lignes FROM ${t('rebuild_merged')} GROUP BY origine`,
};

describe.each(testEngines)('rebuildTables on $name', (engine) => {
  let warehouse: Warehouse & { dispose(): Promise<void> };
  beforeAll(async () => {
    warehouse = await engine.open();
    await warehouse.replaceTable(PARTS, [
      [2023, '53', 0.1],
      [2023, '53', 0.2],
      [2023, '52', 10],
      [2024, '53', 1.005],
      [2024, 'é', 3],
    ]);
    await warehouse.replaceTable(OTHER, [[2023, '53', 7.77]]);
  });
  afterAll(async () => {
    await warehouse?.dispose();
  });

  it('rebuilds tables in order, each reading the new content of the ones before it', async () => {
    const counts = await warehouse.rebuildTables([merged, totals]);
    expect(counts).toEqual({ rebuild_merged: 4, rebuild_totals: 2 });
    const rows = await warehouse.query(
      'SELECT annee, region, montant, origine FROM rebuild_merged ORDER BY annee, region',
    );
    expect(rows.rows).toEqual([
      [2023, '52', 10, 'demo'],
      [2023, '53', 7.77, 'importe'],
      [2024, '53', 1.01, 'demo'],
      [2024, 'é', 3, 'demo'],
    ]);
    expect((await warehouse.query('SELECT * FROM rebuild_totals ORDER BY origine')).rows).toEqual([
      ['demo', 14.01, 3],
      ['importe', 7.77, 1],
    ]);
    expect(
      (
        await warehouse.query(
          'SELECT region, origine, montant, n FROM rebuild_merged__r_region ORDER BY region',
        )
      ).rows,
    ).toEqual([
      ['52', 'demo', 10, 1],
      ['53', 'demo', 1.01, 1],
      ['53', 'importe', 7.77, 1],
      ['é', 'demo', 3, 1],
    ]);
  });

  it('gives the declared types whatever the SELECT computes (text compared in byte order)', async () => {
    await warehouse.rebuildTables([
      {
        name: 'rebuild_typed',
        columns: [
          { name: 'n', type: 'integer' },
          { name: 'm', type: 'amount' },
          { name: 't', type: 'text' },
        ],
        select: () => `SELECT 7 AS n, 1.005 AS m, 'B' AS t UNION ALL SELECT 8, 2, 'a'`,
      },
    ]);
    const sum = await warehouse.query('SELECT sum(m), sum(n) FROM rebuild_typed');
    expect(sum.rows).toEqual([[3.01, 15]]);
    // Byte order ('B' < 'a') on both engines, whatever PostgreSQL's default collation.
    expect((await warehouse.query('SELECT t FROM rebuild_typed ORDER BY t')).rows).toEqual([['B'], ['a']]);
  });

  it('leaves every table as it was when one of the SELECTs fails', async () => {
    await warehouse.rebuildTables([merged, totals]);
    await warehouse.replaceTable(OTHER, [[2024, '53', 100]]);
    const before = await warehouse.query('SELECT * FROM rebuild_merged ORDER BY annee, region');
    const broken: RebuiltTable = { ...totals, select: (t) => `SELECT nope FROM ${t('rebuild_merged')}` };
    await expect(warehouse.rebuildTables([merged, broken])).rejects.toThrow();
    expect((await warehouse.query('SELECT * FROM rebuild_merged ORDER BY annee, region')).rows).toEqual(
      before.rows,
    );
    expect(await warehouse.tableExists('rebuild_merged__next')).toBe(false);
    // And the next rebuild works.
    await warehouse.rebuildTables([merged]);
    expect(
      (await warehouse.query(`SELECT count(*) FROM rebuild_merged WHERE origine = 'importe'`)).rows,
    ).toEqual([[1]]);
  });

  it('drops a table, and is quiet when it does not exist', async () => {
    await warehouse.replaceTable({ name: 'rebuild_doomed', columns: [{ name: 'n', type: 'integer' }] }, [
      [1],
    ]);
    await warehouse.dropTable('rebuild_doomed');
    expect(await warehouse.tableExists('rebuild_doomed')).toBe(false);
    await warehouse.dropTable('rebuild_doomed');
  });
});
