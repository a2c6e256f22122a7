import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

/** Public boundaries, cached on purpose with their ETag; every other API answer is `no-store`. */
const CACHEABLE = new Set([
  'GET /api/geo/:level',
  'GET /api/geo/:level/centroids',
  'GET /api/geo/communes',
  'GET /api/geo/tiles/communes/:z/:x/:y.pbf',
]);

const SAMPLES: Record<string, string> = {
  id: 'dotations_investissement',
  field: 'region',
  kind: 'epci',
  level: 'region',
  z: '0',
  x: '0',
  y: '0',
  version: '1',
};

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

const spec = { dataset: 'dotations_investissement', measures: ['nb_projets'], dimensions: ['dotation'] };

describe('Cache-Control of API answers', () => {
  it('every GET route answers no-store, except the public geo boundaries', async () => {
    const routes = app.routeRules.filter((r) => r.method === 'GET' && r.url.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(20);
    for (const { url: pattern } of routes) {
      const url = pattern.replace(/:(\w+)/g, (_, name: string) => SAMPLES[name] ?? 'x');
      const query = pattern === '/api/geo/communes' ? '?departement=35' : '';
      const response = await app.inject({ url: `${url}${query}`, headers: admin.headers });
      const route = `GET ${pattern}`;
      if (CACHEABLE.has(route) && response.statusCode === 200) {
        expect(response.headers['cache-control'], route).toMatch(/^public, max-age=/);
      } else {
        expect(response.headers['cache-control'], `${route} → ${response.statusCode}`).toBe('no-store');
      }
    }
    // The boundaries keep their validators for conditional requests.
    const boundaries = await app.inject({ url: '/api/geo/region', headers: admin.headers });
    expect(boundaries.headers.etag).toBeTruthy();
  });

  it('session, query, export and error answers are no-store too', async () => {
    const answers = [
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'lecteur.bretagne@demo.local', password: 'demo' },
      }),
      await app.inject({ method: 'POST', url: '/api/query', headers: admin.headers, payload: spec }),
      await app.inject({
        method: 'POST',
        url: '/api/query/export?format=csv',
        headers: admin.headers,
        payload: spec,
      }),
      await app.inject({ url: '/api/me' }),
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'x@y.fr', password: 'z' },
      }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 401, 401]);
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });
});
