import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs } from '../testing/session.ts';
import { testDatabaseUrl } from './testing.ts';

/** The whole server on the PostgreSQL warehouse: settings → openWarehouse → seed → query route. */
describe.skipIf(!testDatabaseUrl)('server on the PostgreSQL warehouse', () => {
  const schema = `dataetat_app_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let services: Awaited<ReturnType<typeof openTestServices>>;
  let app: FastifyInstance;

  beforeAll(async () => {
    services = await openTestServices({
      warehouse: 'postgres',
      warehouseDatabaseUrl: testDatabaseUrl,
      warehouseSchema: schema,
    });
    app = await buildApp(services, { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await services?.cleanup();
    const admin = postgres(testDatabaseUrl ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('loads the seed pack into its own schema and reports the engine', async () => {
    expect(services.seedOutcomes.map((o) => o.status).every((s) => s === 'loaded')).toBe(true);
    const admin = await loginAs(app, 'admin@demo.local');
    const body = (await app.inject({ url: '/api/health/details', headers: admin.headers })).json();
    expect(body.versions.warehouse).toMatch(/^PostgreSQL 1\d\./);
    expect(await services.warehouse.tableExists('dotations_investissement')).toBe(true);
  });

  it('indexes the rollups where PostgreSQL reads them: dimension codes, and trigrams for searches', async () => {
    const admin = postgres(testDatabaseUrl ?? '', { max: 1, onnotice: () => {} });
    try {
      const indexes = await admin<{ table: string; definition: string }[]>`
        SELECT tablename AS table, indexdef AS definition FROM pg_indexes WHERE schemaname = ${schema}`;
      const on = (table: string) => indexes.filter((i) => i.table === table).map((i) => i.definition);
      expect(on('chorus_lignes__r_annee_dep_prog').some((d) => d.includes('(programme, annee)'))).toBe(true);
      expect(on('chorus_lignes__r_annee_dep_prog').some((d) => d.includes('(annee)'))).toBe(true);
      expect(
        on('chorus_lignes__e_beneficiaire').some((d) =>
          /USING gin \(beneficiaire_search .*gin_trgm_ops\)/.test(d),
        ),
      ).toBe(true);
      // The planner can serve a beneficiary search from the trigram index (a scan is refused).
      const plan = await admin.begin(async (tx) => {
        await tx.unsafe(`SET LOCAL search_path = ${schema}`);
        await tx.unsafe('SET LOCAL enable_seqscan = off');
        return tx.unsafe(
          "EXPLAIN SELECT beneficiaire FROM chorus_lignes__e_beneficiaire WHERE beneficiaire_search LIKE '%commune%'",
        );
      });
      expect(JSON.stringify(plan)).toMatch(/Bitmap Index Scan on chorus_lignes__e_beneficiaire/);
    } finally {
      await admin.end();
    }
  });

  it('answers a widget query with the same totals as DuckDB', async () => {
    const admin = await loginAs(app, 'admin@demo.local');
    const response = await app.inject({
      method: 'POST',
      url: '/api/query',
      headers: admin.headers,
      payload: {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['dotation'],
        sort: [{ field: 'montant_subvention', dir: 'desc' }],
        totals: true,
      },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.rows).toEqual([
      ['DETR', 977_561_920],
      ['DSIL', 554_492_422],
      ['DSID', 175_924_924],
    ]);
    expect(body.totals.montant_subvention).toBe(977_561_920 + 554_492_422 + 175_924_924);
    expect(body.meta.engine).toBe('postgres');
  });
});
