/**
 * The input guard and the integer ranges, on the cases an attack run turned into 500s (issue 15,
 * item 4): each is now a French 400 naming the place, and nothing reaches the metadata store.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { signInDemoAccounts } from '../testing/accounts.ts';
import { openTestServices } from '../testing/harness.ts';
import type { TestSession } from '../testing/session.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;
let editeur: TestSession;
let lecteur: TestSession;

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000, loginRateLimit: 1_000 });
  app = await buildApp(services, { logger: false });
  ({ admin, editeur, lecteur } = await signInDemoAccounts(app));
}, 300_000);
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function send(session: TestSession | null, method: Method, url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { ...session?.headers, ...(payload !== undefined && { 'content-type': 'application/json' }) },
    ...(payload !== undefined && {
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    }),
  });
}

const widget = (options: unknown) => ({
  schemaVersion: 1,
  title: 'Essai',
  description: '',
  widgets: [
    {
      id: 'total',
      type: 'kpi',
      title: 'Total',
      query: { dataset: 'dotations_investissement', measures: ['montant_subvention'] },
      options,
    },
  ],
  layout: [{ i: 'total', x: 0, y: 0, w: 4, h: 3 }],
  filters: [],
});

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** A dashboard body whose widget options are nested `levels` deep, as text (no recursion). */
function deepOptionsBody(levels: number): string {
  const body = JSON.stringify({ title: 'T', definition: widget('OPTIONS') });
  return body.replace('"OPTIONS"', `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);
}

function expectRefused(
  response: Awaited<ReturnType<typeof send>>,
  where: 'body' | 'querystring' | 'params',
  path: string,
  reason: RegExp,
) {
  expect(response.statusCode, response.body).toBe(400);
  const { error } = response.json();
  expect(error.code).toBe('INPUT_INVALID');
  expect(error.details).toMatchObject({ in: where, path });
  expect(error.details.reason).toMatch(reason);
  expect(error.message).toMatch(/^Requête refusée : /);
  expect(error.message).toContain(`« ${path || '/'} »`);
}

describe('texts without NUL or lone surrogates, anywhere', () => {
  it('a NUL in a login e-mail (anonymous)', async () => {
    const response = await send(null, 'POST', '/api/auth/login', { email: 'a\u0000@b.fr', password: 'x' });
    expectRefused(response, 'body', '/email', /caractère nul/);
    expect(response.json().error.message).toBe(
      'Requête refusée : caractère nul (U+0000) interdit, dans le corps de la requête à l’emplacement « /email ».',
    );
  });

  it('in a dashboard title, description, version message and widget option', async () => {
    expectRefused(
      await send(editeur, 'POST', '/api/dashboards', { title: 'T\u0000', definition: widget({}) }),
      'body',
      '/title',
      /caractère nul/,
    );
    expectRefused(
      await send(editeur, 'POST', '/api/dashboards', { title: 'T', description: '\ud800' }),
      'body',
      '/description',
      /UTF-16 isolé/,
    );
    expectRefused(
      await send(editeur, 'PUT', '/api/dashboards/abc', {
        title: 'T',
        description: '',
        definition: widget({}),
        version: 1,
        message: 'x\u0000',
      }),
      'body',
      '/message',
      /caractère nul/,
    );
    expectRefused(
      await send(editeur, 'POST', '/api/dashboards', {
        title: 'T',
        definition: widget({ measure: '\udc00' }),
      }),
      'body',
      '/definition/widgets/0/options/measure',
      /UTF-16 isolé/,
    );
  });

  it('in an object key', async () => {
    expectRefused(
      await send(editeur, 'POST', '/api/dashboards', { title: 'T', definition: widget({ 'k\u0000': 1 }) }),
      'body',
      '/definition/widgets/0/options/k\u0000',
      /clé invalide, caractère nul/,
    );
  });

  it('a user name with a lone surrogate is refused, not stored as « � »', async () => {
    const before = (await send(admin, 'GET', '/api/users')).json().users.length;
    const response = await send(admin, 'POST', '/api/users', {
      email: 'surrogate@demo.local',
      name: 'Ana \ud800',
      role: 'lecteur',
      scope: 'NAT',
    });
    expectRefused(response, 'body', '/name', /UTF-16 isolé/);
    expect((await send(admin, 'GET', '/api/users')).json().users).toHaveLength(before);
    expectRefused(
      await send(admin, 'PATCH', '/api/users/1', { name: 'x\u0000' }),
      'body',
      '/name',
      /caractère nul/,
    );
  });

  it('an export filter value with a lone surrogate (the audit record could not store it)', async () => {
    const spec = {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      filters: [{ field: 'region', op: 'eq', values: ['\ud800'] }],
    };
    expectRefused(
      await send(lecteur, 'POST', '/api/query/export?format=csv', spec),
      'body',
      '/filters/0/values/0',
      /UTF-16 isolé/,
    );
  });

  it('in query strings and path parameters', async () => {
    expectRefused(
      await send(lecteur, 'GET', '/api/dashboards?q=a%00b'),
      'querystring',
      '/q',
      /caractère nul/,
    );
    expectRefused(await send(lecteur, 'GET', '/api/dashboards/a%00b'), 'params', '/id', /caractère nul/);
  });

  it('well-formed pairs and ordinary accents pass', async () => {
    const response = await send(editeur, 'POST', '/api/dashboards', {
      title: 'Été 🗺️ carte',
      definition: widget({}),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().title).toBe('Été 🗺️ carte');
  });
});

describe('repeated query parameters', () => {
  it('are refused by the API, which expects one value each', async () => {
    expectRefused(
      await send(lecteur, 'GET', '/api/datasets/dotations_investissement/values/commune?q=a&q=b'),
      'querystring',
      '/q',
      /paramètre répété/,
    );
  });

  it('pass on the web app’s pages: a copied dashboard address repeats `territoire` for its drill path', async () => {
    const response = await send(
      lecteur,
      'GET',
      '/tableaux-de-bord/ref-financements-etat-territoire?territoire=region%3A76%3AOccitanie&territoire=commune%3A31555%3AToulouse',
    );
    expect(response.statusCode, response.body).not.toBe(400);
  });
});

describe('depth and size of any JSON body', () => {
  it('widget options nested 5 000 levels: a 400 naming where, no stack overflow', async () => {
    const response = await send(editeur, 'POST', '/api/dashboards', deepOptionsBody(5_000));
    expectRefused(
      response,
      'body',
      `/definition/widgets/0/options${'/a'.repeat(28)}`,
      /imbrication trop profonde \(32 niveaux au plus\)/,
    );
  });

  it('options within the body limits but deeper than widget options may be: DASHBOARD_INVALID', async () => {
    const response = await send(editeur, 'POST', '/api/dashboards', {
      title: 'T',
      definition: widget(nested(10)),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('DASHBOARD_INVALID');
    expect(response.json().error.message).toContain('imbrication trop profonde (8 niveaux au plus)');
  });

  it('half a million nested brackets are refused before parsing', async () => {
    const body = `{"title":"T","definition":${'['.repeat(500_000)}${']'.repeat(500_000)}}`;
    const response = await send(editeur, 'POST', '/api/dashboards', body);
    expectRefused(response, 'body', `/definition${'/0'.repeat(31)}`, /imbrication trop profonde/);
  });

  it('too many values', async () => {
    const response = await send(lecteur, 'POST', '/api/query', `[${Array(200_000).fill(0).join(',')}]`);
    expectRefused(response, 'body', '/19999', /trop de valeurs \(20000 au plus\)/);
  });

  it('prototype poisoning is still refused by Fastify’s own parser', async () => {
    const response = await send(lecteur, 'POST', '/api/query', '{"__proto__":{"x":1}}');
    expect(response.statusCode).toBe(400);
  });
});

describe('ids and versions within an integer column (1 … 2³¹−1)', () => {
  it.each([
    ['GET', '/api/dashboards/ref-politique-ville/versions/2147483648', 'lecteur'],
    ['POST', '/api/dashboards/ref-politique-ville/versions/99999999999999999999/restore', 'editeur'],
    ['PATCH', '/api/users/2147483648', 'admin'],
  ] as const)('%s %s → 400', async (method, url, persona) => {
    const session = { lecteur, editeur, admin }[persona];
    const response = await send(session, method, url, method === 'GET' ? undefined : { name: 'x' });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.path).toMatch(/version|id/);
  });

  it('PUT with "version": 2147483648 → 400', async () => {
    const response = await send(editeur, 'PUT', '/api/dashboards/abc', {
      title: 'T',
      description: '',
      definition: widget({}),
      version: 2_147_483_648,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.path).toBe('/version');
  });

  it('2³¹−1 itself is a well-formed id: 404, not 500', async () => {
    const response = await send(admin, 'PATCH', '/api/users/2147483647', { name: 'x' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('USER_NOT_FOUND');
  });
});
