import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_TABLE_MAX_ROWS } from './citus.ts';
import { PostgresWarehouse } from './postgres.ts';
import { postgresEngine, testDatabaseUrl } from './testing.ts';

/** Settings of the warehouse's own PostgreSQL sessions (skipped without TEST_DATABASE_URL). */
describe.skipIf(!testDatabaseUrl)('PostgreSQL warehouse sessions', () => {
  let warehouse: Awaited<ReturnType<typeof postgresEngine.open>>;
  beforeAll(async () => {
    warehouse = await postgresEngine.open();
  });
  afterAll(async () => {
    await warehouse?.dispose();
  });

  it('run without JIT compilation, on every connection of the pool', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        warehouse.query(
          "SELECT current_setting('jit'), current_setting('application_name'), pg_backend_pid()",
        ),
      ),
    );
    for (const { rows } of answers) expect(rows[0]?.slice(0, 2)).toEqual(['off', 'dataetat-warehouse']);
    // Several connections answered: each was opened with the setting.
    expect(new Set(answers.map(({ rows }) => rows[0]?.[2])).size).toBeGreaterThan(1);
    expect((await warehouse.query('SHOW jit')).rows).toEqual([['off']]);
  });
});

/**
 * Citus placement (citus.ts). No Citus server here: the two Citus functions are stood in by SQL
 * functions of the warehouse schema that record their calls (a real Citus has them in
 * pg_catalog, searched first), so what is checked is which table gets which call, with valid
 * arguments, at the right moment of a load and of a rebuild.
 */
describe.skipIf(!testDatabaseUrl)('PostgreSQL warehouse on Citus', () => {
  const schema = `dataetat_citus_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let admin: postgres.Sql;
  let warehouse: PostgresWarehouse;
  beforeAll(async () => {
    admin = postgres(testDatabaseUrl as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE SCHEMA ${schema}`);
    await admin.unsafe(`CREATE TABLE ${schema}.citus_calls (kind text, tbl text, col text, at serial)`);
    await admin.unsafe(`CREATE FUNCTION ${schema}.create_distributed_table(t regclass, col text) RETURNS void
      LANGUAGE sql AS $$ INSERT INTO ${schema}.citus_calls (kind, tbl, col) VALUES ('distributed', t::text, col) $$`);
    await admin.unsafe(`CREATE FUNCTION ${schema}.create_reference_table(t regclass) RETURNS void
      LANGUAGE sql AS $$ INSERT INTO ${schema}.citus_calls (kind, tbl) VALUES ('reference', t::text) $$`);
    warehouse = await PostgresWarehouse.open({ url: testDatabaseUrl as string, schema, citus: true });
  });
  afterAll(async () => {
    await warehouse?.close();
    await admin?.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });
  const calls = async () =>
    (await admin.unsafe(`SELECT kind, tbl, col FROM ${schema}.citus_calls ORDER BY at`)) as unknown as {
      kind: string;
      tbl: string;
      col: string | null;
    }[];

  it('is off on a plain PostgreSQL unless asked', async () => {
    const plain = await PostgresWarehouse.open({ url: testDatabaseUrl as string, schema });
    try {
      expect(plain.citus).toBe(false);
    } finally {
      await plain.close();
    }
  });

  it('distributes large lines by région, keeps small or unplaced tables as reference tables', async () => {
    const lines = {
      name: 'lignes',
      columns: [
        { name: 'region', type: 'text' as const },
        { name: 'montant', type: 'double' as const },
      ],
    };
    const rows = Array.from({ length: REFERENCE_TABLE_MAX_ROWS + 1 }, (_v, i) => [String(i % 18), i]);
    await warehouse.replaceTable(lines, rows, {
      derived: [
        {
          name: 'lignes__r_region',
          select: (t) => `SELECT region, sum(montant) AS montant FROM ${t} GROUP BY region`,
        },
      ],
    });
    await warehouse.replaceTable({ name: 'communes', columns: [{ name: 'code', type: 'text' }] }, [
      ['35238'],
    ]);
    // A large table with lines placed nowhere (NULL région) cannot be split by région.
    await warehouse.replaceTable(lines, [...rows, [null, 1]]);
    expect(await calls()).toEqual([
      { kind: 'distributed', tbl: 'lignes__next', col: 'region' },
      { kind: 'reference', tbl: 'lignes__r_region__next', col: null },
      { kind: 'reference', tbl: 'communes__next', col: null },
      { kind: 'reference', tbl: 'lignes__next', col: null },
    ]);
    // Placed before the swap: the tables readers see are the placed ones, with all their rows.
    expect((await warehouse.query('SELECT count(*) FROM lignes')).rows[0]?.[0]).toBe(
      REFERENCE_TABLE_MAX_ROWS + 2,
    );
  });

  it('places tables rebuilt in the engine the same way', async () => {
    await admin.unsafe(`TRUNCATE ${schema}.citus_calls`);
    await warehouse.rebuildTables([
      {
        name: 'lignes_placees',
        columns: [
          { name: 'region', type: 'text' },
          { name: 'montant', type: 'double' },
        ],
        select: (table) => `SELECT region, montant FROM ${table('lignes')} WHERE region IS NOT NULL`,
      },
    ]);
    expect(await calls()).toEqual([{ kind: 'distributed', tbl: 'lignes_placees__next', col: 'region' }]);
  });
});
