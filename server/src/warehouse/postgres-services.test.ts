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
