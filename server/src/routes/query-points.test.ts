import type { QueryResult } from '@dataetat/widgets';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

/** Map points: projects of the dotations dataset queried with their latitude and longitude. */
let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;
beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  admin = await loginAs(app, 'admin@demo.local');
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

function query(spec: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/query', headers: admin.headers, payload: spec });
}

describe('POST /api/query with coordinates', () => {
  it('returns one row per project with latitude and longitude as numbers', async () => {
    const response = await query({
      dataset: 'dotations_investissement',
      dimensions: ['projet', 'latitude', 'longitude'],
      measures: ['montant_subvention'],
      limit: 50_000,
    });
    expect(response.statusCode).toBe(200);
    const result = response.json<QueryResult>();
    expect(result.columns.map((c) => [c.id, c.type, c.axis ?? null])).toEqual([
      ['projet', 'code', null],
      ['projet_label', 'text', null],
      ['latitude', 'coordinate', 'latitude'],
      ['longitude', 'coordinate', 'longitude'],
      ['montant_subvention', 'number', null],
    ]);
    const independent = await services.warehouse.query(
      'SELECT id_projet, latitude, longitude FROM dotations_investissement',
    );
    expect(result.meta.truncated).toBe(false);
    expect(result.rows).toHaveLength(independent.rows.length);
    expect(result.rows.length).toBeGreaterThan(24_000);
    const expected = new Map(independent.rows.map((r) => [String(r[0]), [r[1], r[2]]]));
    for (const row of result.rows) {
      expect(typeof row[2] === 'number' || row[2] === null).toBe(true);
      expect(typeof row[3] === 'number' || row[3] === null).toBe(true);
      expect([row[2], row[3]]).toEqual(expected.get(String(row[0])));
    }
  });

  it('filters on a coordinate as a number (a box around Brittany)', async () => {
    const response = await query({
      dataset: 'dotations_investissement',
      measures: ['nb_projets'],
      filters: [
        { field: 'latitude', op: 'between', values: [47.2, 48.9] },
        { field: 'longitude', op: 'between', values: [-5.2, -1.0] },
      ],
    });
    expect(response.statusCode).toBe(200);
    const independent = await services.warehouse.query(
      'SELECT count(*) FROM dotations_investissement WHERE latitude BETWEEN 47.2 AND 48.9 AND longitude BETWEEN -5.2 AND -1.0',
    );
    const count = Number(independent.rows[0]?.[0]);
    expect(count).toBeGreaterThan(500);
    expect(response.json<QueryResult>().rows[0]?.[0]).toBe(count);
  });

  it('refuses text search and non-numeric values on a coordinate, in French', async () => {
    const search = await query({
      dataset: 'dotations_investissement',
      measures: ['nb_projets'],
      filters: [{ field: 'latitude', op: 'contains', values: ['48'] }],
    });
    expect(search.statusCode).toBe(400);
    expect(search.json().error.code).toBe('SPEC_BAD_OPERATOR');
    const text = await query({
      dataset: 'dotations_investissement',
      measures: ['nb_projets'],
      filters: [{ field: 'longitude', op: 'gt', values: ['abc'] }],
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toMatchObject({ code: 'SPEC_BAD_VALUE' });
    expect(text.json().error.message).toContain('« longitude »');
    const outOfRange = await query({
      dataset: 'dotations_investissement',
      measures: ['nb_projets'],
      filters: [{ field: 'latitude', op: 'gt', values: [91] }],
    });
    expect(outOfRange.json().error.message).toContain('entre -90 et 90');
  });

  it('describes the coordinate dimensions with their axis', async () => {
    const body = (
      await app.inject({ url: '/api/datasets/dotations_investissement', headers: admin.headers })
    ).json();
    const byId = new Map(body.dimensions.map((d: { id: string }) => [d.id, d]));
    expect(byId.get('latitude')).toMatchObject({ type: 'coordinate', axis: 'latitude' });
    expect(byId.get('longitude')).toMatchObject({ type: 'coordinate', axis: 'longitude' });
    expect(byId.get('projet')).toMatchObject({ type: 'code', hasLabels: true });
  });
});
