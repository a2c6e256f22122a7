import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { Access } from '../auth/roles.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

/**
 * The authorisation matrix: every API route the app registers must appear here with its rule,
 * and is called as anonymous, lecteur, éditeur and admin. A new route without a `config.access`
 * or without a line in this table fails the first test.
 */
const RULES: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'GET /api/health/details': 'admin',
  'GET /api/auth/methods': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/auth/oidc/login': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'POST /api/auth/logout': 'lecteur',
  'GET /api/me': 'lecteur',
  'GET /api/datasets': 'lecteur',
  'GET /api/datasets/:id': 'lecteur',
  'GET /api/datasets/:id/values/:field': 'lecteur',
  'GET /api/reference/:kind': 'lecteur',
  'POST /api/query': 'lecteur',
  'POST /api/query/export': 'lecteur',
  'GET /api/geo/config': 'public',
  'GET /api/geo/communes': 'public',
  'GET /api/geo/tiles/communes/:z/:x/:y.pbf': 'public',
  'GET /api/geo/:level/centroids': 'public',
  'GET /api/geo/:level': 'public',
  'GET /api/dashboards': 'lecteur',
  'POST /api/dashboards': 'editeur',
  'GET /api/dashboards/:id': 'lecteur',
  'PUT /api/dashboards/:id': 'editeur',
  'DELETE /api/dashboards/:id': 'editeur',
  'POST /api/dashboards/:id/restore': 'editeur',
  'GET /api/dashboards/:id/versions': 'lecteur',
  'GET /api/dashboards/:id/versions/:version': 'lecteur',
  'POST /api/dashboards/:id/versions/:version/restore': 'editeur',
  'GET /api/users/directory': 'editeur',
  'GET /api/dashboards/:id/shares': 'editeur',
  'PUT /api/dashboards/:id/shares/:userId': 'editeur',
  'DELETE /api/dashboards/:id/shares/:userId': 'editeur',
  'GET /api/dashboards/:id/share-links': 'editeur',
  'POST /api/dashboards/:id/share-links': 'editeur',
  'DELETE /api/share-links/:id': 'editeur',
  'GET /api/dashboards/:id/embeds': 'editeur',
  'POST /api/embeds': 'editeur',
  'DELETE /api/embeds/:id': 'editeur',
  // Through a grant (no session; the token decides, see grants.test.ts for the token matrix).
  'GET /api/links/:token': 'public',
  'POST /api/links/:token/query': 'public',
  'POST /api/links/:token/export': 'public',
  'GET /api/links/:token/values/:dataset/:field': 'public',
  'OPTIONS /api/embed/*': 'public',
  'GET /api/embed/resource': 'public',
  'POST /api/embed/query': 'public',
  'POST /api/embed/export': 'public',
  'GET /api/embed/values/:dataset/:field': 'public',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/:id': 'admin',
  'GET /api/audit': 'admin',
  'GET /api/audit/export.csv': 'admin',
  'POST /api/imports': 'admin',
  'POST /api/imports/:id/confirmation': 'admin',
  'DELETE /api/imports/:id': 'admin',
  'GET /api/imports/:id': 'admin',
  'GET /api/imports': 'admin',
  'GET /api/imports/:id/rapport.csv': 'admin',
  'GET /api/tag-rules': 'admin',
  'POST /api/tag-rules/preview': 'admin',
  'POST /api/tag-rules': 'admin',
  'PUT /api/tag-rules/:id': 'admin',
  'DELETE /api/tag-rules/:id': 'admin',
  'POST /api/tag-rules/application': 'admin',
  'GET /api/tag-assignments': 'admin',
  'POST /api/tag-assignments/csv/preview': 'admin',
  'POST /api/tag-assignments/csv': 'admin',
  'POST /api/tag-assignments/beneficiary/preview': 'admin',
  'POST /api/tag-assignments/beneficiary': 'admin',
  'DELETE /api/tag-assignments/:id': 'admin',
  // The API's documentation: routes and shapes, never data (the code is open source anyway).
  'GET /api/docs': 'public',
  'GET /api/docs/openapi.json': 'public',
};

const PERSONAS = ['anonyme', 'lecteur', 'editeur', 'admin'] as const;
type Persona = (typeof PERSONAS)[number];
const EMAILS: Record<Exclude<Persona, 'anonyme'>, string> = {
  lecteur: 'lecteur.bretagne@demo.local',
  editeur: 'editeur@demo.local',
  admin: 'admin@demo.local',
};
const RANK: Record<Access, number> = { public: 0, lecteur: 1, editeur: 2, admin: 3 };
const PERSONA_RANK: Record<Persona, number> = { anonyme: 0, lecteur: 1, editeur: 2, admin: 3 };

/** Plausible path parameters: the point is the access check, not the answer. */
const SAMPLES: Record<string, string> = {
  id: 'dotations_investissement',
  field: 'region',
  kind: 'regions',
  level: 'region',
  z: '0',
  x: '0',
  y: '0',
  version: '1',
  userId: '1',
  token: 'x',
  dataset: 'dotations_investissement',
};

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
const sessions = new Map<Persona, TestSession>();

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000, loginRateLimit: 1_000 });
  app = await buildApp(services, { logger: false });
  for (const [persona, email] of Object.entries(EMAILS))
    sessions.set(persona as Persona, await loginAs(app, email));
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

describe('authorisation matrix', () => {
  it('every registered API route has a rule, and exactly the one in this table', () => {
    const registered = Object.fromEntries(
      app.routeRules.filter((r) => r.url.startsWith('/api/')).map((r) => [`${r.method} ${r.url}`, r.access]),
    );
    expect(registered).toEqual(RULES);
    // Outside /api: the static web app and /metrics (public to the auth plugin, its own bearer token).
    expect(app.routeRules.filter((r) => !r.url.startsWith('/api/')).every((r) => r.access === 'public')).toBe(
      true,
    );
  });

  const rows = Object.entries(RULES).flatMap(([route, access]) =>
    PERSONAS.map((persona) => ({ route, access, persona })),
  );

  it.each(rows)('$route as $persona (rule: $access)', async ({ route, access, persona }) => {
    const [method, pattern] = route.split(' ') as [string, string];
    const url = pattern.replace(/:(\w+)/g, (_, name: string) => SAMPLES[name] ?? 'x');
    const session = sessions.get(persona);
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: session?.headers ?? {},
      ...(method !== 'GET' && { payload: {} }),
    });
    // Logging out revokes every session of that user: log in again for the next rows.
    if (persona !== 'anonyme' && route === 'POST /api/auth/logout') {
      sessions.set(persona, await loginAs(app, EMAILS[persona]));
    }
    const allowed = PERSONA_RANK[persona] >= RANK[access];
    if (allowed) {
      expect([401, 403], `${route} → ${response.statusCode} ${response.body}`).not.toContain(
        response.statusCode,
      );
    } else if (persona === 'anonyme') {
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('AUTH_REQUIRED');
    } else {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('AUTH_FORBIDDEN');
    }
  });

  it('names the needed role in French when refusing', async () => {
    const response = await app.inject({ url: '/api/users', headers: sessions.get('editeur')?.headers });
    expect(response.json().error.message).toBe(
      'Accès refusé : cette action est réservée au rôle « Administrateur » (votre rôle : « Éditeur »).',
    );
  });

  it('an API route added without a rule is refused to all but administrators (fail closed)', async () => {
    const probe = await buildApp(services, { logger: false });
    probe.get('/api/sans-regle', async () => ({ ok: true }));
    expect(probe.routeRules.find((r) => r.url === '/api/sans-regle')?.access).toBeUndefined();
    const lecteur = await loginAs(probe, EMAILS.lecteur);
    const adminSession = await loginAs(probe, EMAILS.admin);
    expect((await probe.inject({ url: '/api/sans-regle' })).statusCode).toBe(401);
    expect((await probe.inject({ url: '/api/sans-regle', headers: lecteur.headers })).statusCode).toBe(403);
    expect((await probe.inject({ url: '/api/sans-regle', headers: adminSession.headers })).statusCode).toBe(
      200,
    );
    await probe.close();
  });

  it('unknown API addresses answer 404 to anyone (nothing to protect)', async () => {
    const response = await app.inject({ url: '/api/inexistant' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
