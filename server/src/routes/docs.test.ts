/**
 * The OpenAPI document is valid OpenAPI 3.1, lists every API route with its security, and its
 * HTML page renders without any script or outside resource.
 */
import { compileErrors, validate } from '@readme/openapi-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs } from '../testing/session.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

type Operation = { summary?: string; tags?: string[]; security?: Record<string, string[]>[] };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

async function openapi(): Promise<Document> {
  const response = await app.inject('/api/docs/openapi.json');
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json();
}

/** `/api/dashboards/:id` → `/api/dashboards/{id}` (OpenAPI path templates). */
const templated = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('GET /api/docs/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, readable without a session', async () => {
    const document = await openapi();
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : compileErrors(result)).toEqual([]);
  });

  it('documents every API route, in French, with its security', async () => {
    const { paths } = await openapi();
    // CORS preflights (OPTIONS) are the browser's, not operations of the API.
    const apiRoutes = app.routeRules.filter((r) => r.url.startsWith('/api/') && r.method !== 'OPTIONS');
    expect(apiRoutes.length).toBeGreaterThan(30);
    for (const rule of apiRoutes) {
      const operation = paths[templated(rule.url)]?.[rule.method.toLowerCase()];
      expect(operation, `${rule.method} ${rule.url}`).toBeDefined();
      expect(operation?.summary, `${rule.method} ${rule.url}`).toBeTruthy();
      expect(operation?.tags?.length, `${rule.method} ${rule.url}`).toBe(1);
      const expected =
        rule.access === 'public'
          ? []
          : rule.method === 'GET'
            ? [{ session: [] }]
            : [{ session: [], csrf: [] }];
      expect(operation?.security, `${rule.method} ${rule.url}`).toEqual(expected);
    }
    // Nothing outside /api (the web app's pages) is in the API document.
    expect(Object.keys(paths).every((p) => p.startsWith('/api/'))).toBe(true);
  });

  it('states the error body and the spec body of /api/query', async () => {
    const { paths } = await openapi();
    const query = paths['/api/query']?.post as unknown as {
      requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
      responses: Record<string, unknown>;
    };
    expect(Object.keys(query.requestBody.content['application/json']?.schema.properties ?? {})).toContain(
      'measures',
    );
    expect(Object.keys(query.responses)).toEqual(expect.arrayContaining(['200', '4XX', '5XX']));
  });
});

describe('GET /api/docs', () => {
  it('renders every route in French HTML, without script, under the strict CSP', async () => {
    const response = await app.inject('/api/docs');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    const html = response.body;
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/);
    expect(html).toContain('<html lang="fr">');
    const { paths } = await openapi();
    for (const path of Object.keys(paths)) expect(html).toContain(`<code>${path}</code>`);
    expect(html).toContain('Tableaux de bord');
    expect(html).toContain('x-csrf-token');
  });
});

describe('request validation', () => {
  it('answers a body that is not a query spec with the spec validator’s SPEC_INVALID', async () => {
    const admin = await loginAs(app, 'admin@demo.local');
    const response = await app.inject({
      method: 'POST',
      url: '/api/query',
      headers: admin.headers,
      payload: { dataset: 'dotations_investissement', measures: ['montant_subvention'], limite: 5 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'SPEC_INVALID',
      message: 'La requête est invalide (propriété inconnue « limite ») à l’emplacement « /limite ».',
      details: { path: '/limite', reason: 'propriété inconnue « limite »' },
    });
  });
});
