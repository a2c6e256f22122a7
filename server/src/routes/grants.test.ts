/**
 * Reading through share links and embeds, on the real app (PGlite + DuckDB seed): who gets
 * what with which token, that figures equal a plain query with the locked filter and the
 * creator's territory, that crafted specs never widen, and that revocation, expiry, a disabled
 * or narrowed creator act on the very next request.
 */
import type { DashboardDefinition, QueryResult, QuerySpec } from '@dataetat/widgets';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { UserRow } from '../metadata/schema.ts';
import type { SharingRepository } from '../sharing/repository.ts';
import { deriveEmbedKey, type EmbedTokens, newShareLinkToken } from '../sharing/tokens.ts';
import { createAccount } from '../testing/accounts.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

const DATASET = 'dotations_investissement';
const LOCKED = [{ field: 'departement', op: 'eq' as const, values: ['35'] }];
const HOST = 'https://intranet.prefecture.example';

const kpiQuery: QuerySpec = { dataset: DATASET, measures: ['montant_subvention'] };
const barQuery: QuerySpec = {
  dataset: DATASET,
  measures: ['montant_subvention', 'nb_projets'],
  dimensions: ['departement'],
  filters: [{ field: 'annee', op: 'eq', values: [2019] }],
};
const definition: DashboardDefinition = {
  schemaVersion: 1,
  title: 'x',
  description: '',
  widgets: [
    { id: 'kpi', type: 'kpi', title: 'Subventions', query: kpiQuery, options: {} },
    { id: 'barres', type: 'bar', title: 'Par département', query: barQuery, options: {} },
  ],
  layout: [
    { i: 'kpi', x: 0, y: 0, w: 3, h: 2 },
    { i: 'barres', x: 3, y: 0, w: 9, h: 4 },
  ],
  filters: [{ id: 'territoire', kind: 'territoire', label: 'Territoire' }],
};

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let sharing: SharingRepository;
let tokens: EmbedTokens;
let creator: UserRow;
let dashboardId: string;
const sessions = new Map<string, TestSession>();

async function newLink(
  options: { locked?: typeof LOCKED; agentsOnly?: boolean; expiresAt?: Date | null } = {},
) {
  const { token, tokenHash } = newShareLinkToken();
  const row = await sharing.createLink({
    dashboardId,
    tokenHash,
    label: 'test',
    createdBy: creator.id,
    expiresAt: options.expiresAt ?? null,
    agentsOnly: options.agentsOnly ?? false,
    lockedFilters: options.locked ?? LOCKED,
  });
  return { token, id: row.id };
}

async function newEmbed(options: { widgetId?: string | null; expiresAt?: Date | null } = {}) {
  const row = await sharing.createEmbed({
    dashboardId,
    widgetId: options.widgetId === undefined ? 'barres' : options.widgetId,
    label: 'test',
    createdBy: creator.id,
    expiresAt: options.expiresAt ?? null,
    agentsOnly: false,
    lockedFilters: LOCKED,
    hostFilters: [],
    allowedOrigins: [HOST],
  });
  return { token: await tokens.sign(row), id: row.id };
}

/** A plain query (no grant) under a territory and extra filters: what a grant must equal. */
async function plain(spec: QuerySpec, scope: string, filters = LOCKED): Promise<QueryResult> {
  return services.queries.run({ ...spec, filters: [...(spec.filters ?? []), ...filters] }, { scope });
}

const linkQuery = (token: string, body: unknown, headers = {}) =>
  app.inject({ method: 'POST', url: `/api/links/${token}/query`, payload: body as object, headers });
const embedQuery = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/embed/query',
    payload: body as object,
    headers: { authorization: `Bearer ${token}`, ...headers },
  });

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  sharing = services.sharing;
  tokens = services.embedTokens;
  creator = await createAccount(services.users, {
    email: 'auteur.partage@test.fr',
    name: 'Autrice du partage',
    role: 'editeur',
  });
  const created = await services.dashboards.create(
    { id: creator.id, name: creator.name, role: creator.role },
    { title: 'Dotations partagées', definition },
  );
  dashboardId = created.id;
  for (const [persona, email] of [
    ['lecteur', 'lecteur.bretagne@demo.local'],
    ['editeur', 'editeur@demo.local'],
    ['admin', 'admin@demo.local'],
  ] as const) {
    sessions.set(persona, await loginAs(app, email));
  }
}, 240_000);

afterAll(async () => {
  await app.close();
  await services.cleanup();
});

describe('grant access matrix (route × persona × token)', () => {
  type Kind = 'valide' | 'expiré' | 'révoqué' | 'falsifié' | 'étranger';
  const EXPECTED: Record<Kind, [number, string | null]> = {
    valide: [200, null],
    expiré: [410, 'GRANT_EXPIRED'],
    révoqué: [410, 'GRANT_REVOKED'],
    falsifié: [404, 'GRANT_NOT_FOUND'],
    étranger: [404, 'GRANT_NOT_FOUND'],
  };
  const links = new Map<Kind, string>();
  const embeds = new Map<Kind, string>();

  beforeAll(async () => {
    links.set('valide', (await newLink()).token);
    links.set('expiré', (await newLink({ expiresAt: new Date(Date.now() - 60_000) })).token);
    const revoked = await newLink();
    await sharing.revokeLink(revoked.id);
    links.set('révoqué', revoked.token);
    const valid = links.get('valide') as string;
    links.set('falsifié', `${valid.slice(0, -1)}${valid.endsWith('A') ? 'B' : 'A'}`);
    // A well-formed token of nothing here, or an embed token where a link token is expected.
    links.set('étranger', newShareLinkToken().token);

    embeds.set('valide', (await newEmbed()).token);
    // Signed before its expiry passed: the signature is fine, `exp` is not.
    const expiring = await sharing.createEmbed({
      dashboardId,
      widgetId: 'barres',
      label: 'expirée',
      createdBy: creator.id,
      expiresAt: new Date(Date.now() - 60_000),
      agentsOnly: false,
      lockedFilters: LOCKED,
      hostFilters: [],
      allowedOrigins: [HOST],
    });
    embeds.set('expiré', await tokens.sign(expiring));
    const revokedEmbed = await newEmbed();
    await sharing.revokeEmbed(revokedEmbed.id);
    embeds.set('révoqué', revokedEmbed.token);
    const [header, payload, signature] = (embeds.get('valide') as string).split('.') as [
      string,
      string,
      string,
    ];
    const widened = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), lck: [] }),
    ).toString('base64url');
    embeds.set('falsifié', `${header}.${widened}.${signature}`);
    // Same claims, signed with another instance's key (or the session key): unknown here.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    embeds.set(
      'étranger',
      await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .sign(deriveEmbedKey('une-autre-instance-32-caractères!!')),
    );
  });

  const body = { widgetId: 'barres', spec: barQuery };
  const ROUTES: Record<
    string,
    (
      token: string,
      headers: Record<string, string>,
    ) => Promise<{
      statusCode: number;
      json(): { error?: { code: string } };
      headers: Record<string, unknown>;
    }>
  > = {
    'GET /api/links/:token': (t, h) => app.inject({ url: `/api/links/${t}`, headers: h }),
    'POST /api/links/:token/query': (t, h) => linkQuery(t, body, h),
    'POST /api/links/:token/export': (t, h) =>
      app.inject({ method: 'POST', url: `/api/links/${t}/export?format=csv`, payload: body, headers: h }),
    'GET /api/links/:token/values/:dataset/:field': (t, h) =>
      app.inject({ url: `/api/links/${t}/values/${DATASET}/departement`, headers: h }),
    'GET /api/embed/resource': (t, h) =>
      app.inject({ url: '/api/embed/resource', headers: { ...h, authorization: `Bearer ${t}` } }),
    'POST /api/embed/query': (t, h) => embedQuery(t, body, h),
    'POST /api/embed/export': (t, h) =>
      app.inject({
        method: 'POST',
        url: '/api/embed/export?format=xlsx',
        payload: body,
        headers: { ...h, authorization: `Bearer ${t}` },
      }),
    'GET /api/embed/values/:dataset/:field': (t, h) =>
      app.inject({
        url: `/api/embed/values/${DATASET}/departement`,
        headers: { ...h, authorization: `Bearer ${t}` },
      }),
  };
  const rows = Object.keys(ROUTES).flatMap((route) =>
    ['anonyme', 'lecteur', 'editeur', 'admin'].flatMap((persona) =>
      (Object.keys(EXPECTED) as Kind[]).map((kind) => ({ route, persona, kind })),
    ),
  );

  it.each(rows)('$route as $persona with a $kind token', async ({ route, persona, kind }) => {
    const token = (route.includes('/links/') ? links : embeds).get(kind) as string;
    const response = await (ROUTES[route] as (typeof ROUTES)[string])(
      token,
      sessions.get(persona)?.headers ?? {},
    );
    const [status, code] = EXPECTED[kind];
    expect(response.statusCode, `${route} ${persona} ${kind}`).toBe(status);
    if (code) expect(response.json().error?.code).toBe(code);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses a missing or malformed Authorization header, and a link token as a Bearer', async () => {
    for (const authorization of [undefined, 'Basic abc', 'Bearer ', `Bearer ${links.get('valide')}`]) {
      const response = await app.inject({
        url: '/api/embed/resource',
        headers: authorization ? { authorization } : {},
      });
      expect(response.statusCode, String(authorization)).toBe(404);
      expect(response.json().error.code).toBe('GRANT_NOT_FOUND');
    }
  });
});

describe('what a share link shows', () => {
  it('the dashboard with its terms and catalogue, counting one view per resource read (not per query)', async () => {
    const { token, id } = await newLink();
    const response = await app.inject({ url: `/api/links/${token}` });
    expect(response.statusCode).toBe(200);
    const granted = response.json();
    expect(granted.grant).toMatchObject({
      kind: 'link',
      id,
      widgetId: null,
      lockedFilters: LOCKED,
      hostFilters: [],
    });
    expect(granted.grant.sharedBy).toBe('Autrice du partage');
    expect(granted.dashboard.definition.widgets.map((w: { id: string }) => w.id)).toEqual(['kpi', 'barres']);
    expect(granted.catalogue.map((d: { id: string }) => d.id)).toEqual([DATASET]);
    expect(granted.catalogue[0].source.name).toBeTruthy();
    await linkQuery(token, { widgetId: 'kpi', spec: kpiQuery });
    await app.inject({ url: `/api/links/${token}` });
    const row = await sharing.linkById(id);
    expect(row?.viewCount).toBe(2);
    expect(row?.lastViewedAt).toBeInstanceOf(Date);
    const days = await sharing.viewDays({ limit: 100 });
    expect(days.find((d) => d.grantId === id)?.views).toBe(2);
  });

  it('figures equal a plain query with the locked département', async () => {
    const { token } = await newLink();
    const response = await linkQuery(token, { widgetId: 'barres', spec: barQuery });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<QueryResult>();
    const expected = await plain(barQuery, 'NAT');
    expect(result.rows).toEqual(expected.rows);
    expect(result.rows.length).toBe(1);
    expect(result.rows[0]?.[0]).toBe('35');
    const kpi = await linkQuery(token, { widgetId: 'kpi', spec: kpiQuery });
    expect(kpi.json<QueryResult>().rows).toEqual((await plain(kpiQuery, 'NAT')).rows);
    // Without the lock the figure is larger: the lock is what narrowed it.
    expect((await plain(kpiQuery, 'NAT', [])).rows[0]?.[0]).toBeGreaterThan(
      Number(kpi.json<QueryResult>().rows[0]?.[0]),
    );
  });

  it('crafted widenings get a 403 or only the locked data', async () => {
    const { token } = await newLink();
    const refused = async (spec: QuerySpec, widgetId = 'barres') => {
      const response = await linkQuery(token, { widgetId, spec });
      expect(response.statusCode, JSON.stringify(spec)).toBe(403);
      expect(response.json().error.code).toBe('GRANT_OUT_OF_RESOURCE');
      return response.json().error;
    };
    expect((await refused({ ...barQuery, dimensions: ['beneficiaire'] })).details.path).toBe(
      '/spec/dimensions/0',
    );
    expect((await refused({ ...barQuery, filters: [] })).details.path).toBe('/spec/filters');
    expect((await refused({ ...barQuery, measures: ['cout_total'] })).details.path).toBe('/spec/measures/0');
    expect((await refused({ ...kpiQuery, dataset: 'politique_ville_postes' }, 'kpi')).details.path).toBe(
      '/spec/dataset',
    );
    const unknown = await linkQuery(token, { widgetId: 'inconnu', spec: kpiQuery });
    expect(unknown.statusCode).toBe(403);
    // Asking for 35 and 29 against a lock on 35: only 35 comes back.
    const wider = await linkQuery(token, {
      widgetId: 'barres',
      spec: {
        ...barQuery,
        filters: [...(barQuery.filters ?? []), { field: 'departement', op: 'in', values: ['35', '29'] }],
      },
    });
    expect(wider.statusCode).toBe(200);
    expect(wider.json<QueryResult>().rows.map((r) => r[0])).toEqual(['35']);
    // A spec that is not one: 400 with its path under /spec.
    const invalid = await linkQuery(token, { widgetId: 'barres', spec: { ...barQuery, limit: 'tout' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.path).toBe('/spec/limit');
  });

  it('a grant read a moment ago is refused at once once revoked or its dashboard trashed', async () => {
    const spec = { ...barQuery };
    const embed = await newEmbed();
    const link = await newLink();
    // Opened twice first: what opening reads is kept between requests (PGlite: OpenedGrants).
    for (let i = 0; i < 2; i++) {
      expect((await embedQuery(embed.token, { widgetId: 'barres', spec })).statusCode).toBe(200);
      expect((await linkQuery(link.token, { widgetId: 'barres', spec })).statusCode).toBe(200);
    }
    await sharing.revokeEmbed(embed.id);
    await sharing.revokeLink(link.id);
    expect((await embedQuery(embed.token, { widgetId: 'barres', spec })).json().error.code).toBe(
      'GRANT_REVOKED',
    );
    expect((await linkQuery(link.token, { widgetId: 'barres', spec })).json().error.code).toBe(
      'GRANT_REVOKED',
    );
    const other = await newLink();
    expect((await linkQuery(other.token, { widgetId: 'barres', spec })).statusCode).toBe(200);
    await services.dashboards.trash({ id: creator.id, name: creator.name, role: creator.role }, dashboardId);
    try {
      expect((await linkQuery(other.token, { widgetId: 'barres', spec })).json().error.code).toBe(
        'GRANT_NOT_FOUND',
      );
    } finally {
      await services.dashboards.restore(
        { id: creator.id, name: creator.name, role: creator.role },
        dashboardId,
      );
    }
    expect((await linkQuery(other.token, { widgetId: 'barres', spec })).statusCode).toBe(200);
  });

  it('a creator narrowed from NAT to région 53 narrows the link at once; disabled → refused', async () => {
    const { token } = await newLink({ locked: [] });
    const spec = { ...barQuery };
    const before = await linkQuery(token, { widgetId: 'barres', spec });
    expect(before.json<QueryResult>().rows).toEqual((await plain(spec, 'NAT', [])).rows);
    await services.users.update(creator.id, { scope: '53' });
    try {
      const after = await linkQuery(token, { widgetId: 'barres', spec });
      const bretagne = await plain(spec, '53', []);
      expect(after.json<QueryResult>().rows).toEqual(bretagne.rows);
      expect(bretagne.rows.length).toBeLessThan(before.json<QueryResult>().rows.length);
    } finally {
      await services.users.update(creator.id, { scope: 'NAT' });
    }
    await services.users.update(creator.id, { status: 'disabled' });
    try {
      const disabled = await linkQuery(token, { widgetId: 'barres', spec });
      expect(disabled.statusCode).toBe(403);
      expect(disabled.json().error.code).toBe('GRANT_CREATOR_INACTIVE');
      expect((await app.inject({ url: `/api/links/${token}` })).statusCode).toBe(403);
    } finally {
      await services.users.update(creator.id, { status: 'active' });
    }
  });

  it('revoked: the very next request is refused', async () => {
    const { token, id } = await newLink();
    expect((await linkQuery(token, { widgetId: 'kpi', spec: kpiQuery })).statusCode).toBe(200);
    await sharing.revokeLink(id);
    const next = await linkQuery(token, { widgetId: 'kpi', spec: kpiQuery });
    expect(next.statusCode).toBe(410);
    expect(next.json().error.code).toBe('GRANT_REVOKED');
  });

  it('agents only: 401 without a session, the viewer’s territory with one', async () => {
    const { token } = await newLink({ agentsOnly: true, locked: [] });
    const anonymous = await app.inject({ url: `/api/links/${token}` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('GRANT_LOGIN_REQUIRED');
    const lecteur = sessions.get('lecteur') as TestSession;
    const response = await linkQuery(token, { widgetId: 'barres', spec: barQuery }, lecteur.headers);
    expect(response.statusCode).toBe(200);
    expect(response.json<QueryResult>().rows).toEqual((await plain(barQuery, '53', [])).rows);
  });

  it('lists the values of the fields the dashboard uses, within the lock; not the others', async () => {
    const { token } = await newLink();
    const values = await app.inject({ url: `/api/links/${token}/values/${DATASET}/departement` });
    expect(values.statusCode).toBe(200);
    expect(values.json().values.map((v: { value: string }) => v.value)).toEqual(['35']);
    const region = await app.inject({ url: `/api/links/${token}/values/${DATASET}/region` });
    expect(region.statusCode, 'a territory filter targets region').toBe(200);
    const hidden = await app.inject({ url: `/api/links/${token}/values/${DATASET}/beneficiaire` });
    expect(hidden.statusCode).toBe(403);
    const other = await app.inject({ url: `/api/links/${token}/values/politique_ville_postes/departement` });
    expect(other.statusCode).toBe(403);
  });

  it('names its locked values, and those alone, within what its creator may see now', async () => {
    const read = async (token: string) => {
      const response = await app.inject({ url: `/api/links/${token}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().grant.lockedLabels;
    };
    expect(await read((await newLink()).token)).toEqual([
      { field: 'departement', value: '35', label: 'Ille-et-Vilaine' },
    ]);
    // 35 and 29 locked: their two names, not the other départements'; a year has no label.
    const several = await newLink({
      locked: [
        { field: 'departement', op: 'in', values: ['35', '29'] },
        { field: 'annee', op: 'eq', values: [2019] },
      ] as unknown as typeof LOCKED,
    });
    const labels = await read(several.token);
    expect(
      labels.sort((a: { value: string }, b: { value: string }) => a.value.localeCompare(b.value)),
    ).toEqual([
      { field: 'departement', value: '29', label: 'Finistère' },
      { field: 'departement', value: '35', label: 'Ille-et-Vilaine' },
    ]);
    // A creator narrowed to Bretagne: Paris, locked but out of their territory, stays a code.
    const paris = await newLink({
      locked: [{ field: 'departement', op: 'in', values: ['35', '75'] }] as unknown as typeof LOCKED,
    });
    expect((await read(paris.token)).map((l: { value: string }) => l.value).sort()).toEqual(['35', '75']);
    await services.users.update(creator.id, { scope: '53' });
    try {
      expect(await read(paris.token)).toEqual([
        { field: 'departement', value: '35', label: 'Ille-et-Vilaine' },
      ]);
    } finally {
      await services.users.update(creator.id, { scope: 'NAT' });
    }
  });

  it('names the région its creator’s territory holds it to, and none when national', async () => {
    const { token } = await newLink();
    const territory = async () => (await app.inject({ url: `/api/links/${token}` })).json().grant.territory;
    expect(await territory()).toBeNull();
    const named = await services.warehouse.query(
      `SELECT DISTINCT region_label FROM ${DATASET} WHERE region = '53'`,
    );
    await services.users.update(creator.id, { scope: '53' });
    try {
      expect(await territory()).toEqual({ code: '53', label: String(named.rows[0]?.[0]) });
    } finally {
      await services.users.update(creator.id, { scope: 'NAT' });
    }
  });

  it('exports the locked data only, journalised with the grant', async () => {
    const { token, id } = await newLink();
    const response = await app.inject({
      method: 'POST',
      url: `/api/links/${token}/export?format=csv`,
      payload: { widgetId: 'barres', spec: barQuery },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.split('\n').filter((l) => /^"?\d/.test(l));
    expect(lines.every((l) => l.replace(/"/g, '').startsWith('35'))).toBe(true);
    const audit = await services.audit.latest(5, 'export');
    expect(JSON.stringify(audit)).toContain(id);
  });
});

describe('embeds', () => {
  it('a widget embed opens that widget alone, at the top of its layout', async () => {
    const { token } = await newEmbed();
    const response = await app.inject({
      url: '/api/embed/resource',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    const { dashboard, grant } = response.json();
    expect(grant).toMatchObject({ kind: 'embed', widgetId: 'barres', lockedFilters: LOCKED });
    expect(dashboard.definition.widgets.map((w: { id: string }) => w.id)).toEqual(['barres']);
    expect(dashboard.definition.layout).toEqual([{ i: 'barres', x: 0, y: 0, w: 9, h: 4 }]);
    // Options come resolved (the embed bundle has no schema to resolve them with).
    expect(dashboard.definition.widgets[0].options).toMatchObject({ orientation: 'auto', mode: 'grouped' });
    const other = await embedQuery(token, { widgetId: 'kpi', spec: kpiQuery });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('GRANT_OUT_OF_RESOURCE');
    const own = await embedQuery(token, { widgetId: 'barres', spec: barQuery });
    expect(own.json<QueryResult>().rows).toEqual((await plain(barQuery, 'NAT')).rows);
  });

  it('a KPI embed names its locked département, which its values route does not list', async () => {
    // A dashboard without filters: the KPI alone reads the dataset, no field is listable.
    const bare = await services.dashboards.create(
      { id: creator.id, name: creator.name, role: creator.role },
      {
        title: 'Chiffre clé',
        definition: {
          ...definition,
          widgets: [definition.widgets[0]],
          layout: [definition.layout[0]],
          filters: [],
        },
      } as Parameters<typeof services.dashboards.create>[1],
    );
    const row = await sharing.createEmbed({
      dashboardId: bare.id,
      widgetId: 'kpi',
      label: 'kpi',
      createdBy: creator.id,
      expiresAt: null,
      agentsOnly: false,
      lockedFilters: LOCKED,
      hostFilters: [],
      allowedOrigins: [HOST],
    });
    const headers = { authorization: `Bearer ${await tokens.sign(row)}` };
    const listed = await app.inject({ url: `/api/embed/values/${DATASET}/departement`, headers });
    expect(listed.statusCode).toBe(403);
    const resource = await app.inject({ url: '/api/embed/resource', headers });
    expect(resource.statusCode, resource.body).toBe(200);
    expect(resource.json().grant.lockedLabels).toEqual([
      { field: 'departement', value: '35', label: 'Ille-et-Vilaine' },
    ]);
  });

  it('CORS: preflight answered, allowed origin echoed, other origins refused', async () => {
    const { token } = await newEmbed();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/embed/query',
      headers: { origin: HOST, 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(HOST);
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/Authorization/);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const allowed = await embedQuery(token, { widgetId: 'barres', spec: barQuery }, { origin: HOST });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(HOST);
    expect(allowed.headers['access-control-expose-headers']).toBe('Content-Disposition');
    expect(String(allowed.headers.vary)).toMatch(/Origin/);
    const foreign = await embedQuery(
      token,
      { widgetId: 'barres', spec: barQuery },
      { origin: 'https://autre.example' },
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('EMBED_ORIGIN_FORBIDDEN');
    expect(foreign.body).not.toContain('"rows"');
    // The app's own pages (the /embed/<token> iframe) call it from the app's origin.
    const own = await embedQuery(
      token,
      { widgetId: 'barres', spec: barQuery },
      { origin: 'http://localhost:80' },
    );
    expect(own.statusCode).toBe(200);
  });

  it('revoked: the next request is refused', async () => {
    const { token, id } = await newEmbed();
    expect((await embedQuery(token, { widgetId: 'barres', spec: barQuery })).statusCode).toBe(200);
    await sharing.revokeEmbed(id);
    expect((await embedQuery(token, { widgetId: 'barres', spec: barQuery })).json().error.code).toBe(
      'GRANT_REVOKED',
    );
  });

  it('the /embed/<token> page: the element, framed by the allowed origins only; a French refusal otherwise', async () => {
    const { token } = await newEmbed();
    const page = await app.inject({ url: `/embed/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(`<dataetat-widget token="${token}" height="fill">`);
    expect(page.body).toContain('<script src="/embed.js" async></script>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`frame-ancestors 'self' ${HOST}`);
    expect(csp.match(/frame-ancestors/g)).toHaveLength(1);
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(page.headers['cache-control']).toBe('no-store');
    const whole = await newEmbed({ widgetId: null });
    expect((await app.inject({ url: `/embed/${whole.token}` })).body).toContain('<dataetat-dashboard token=');
    const bad = await app.inject({ url: '/embed/pas-un-jeton' });
    expect(bad.statusCode).toBe(404);
    expect(bad.body).toContain('Ce lien de partage ou cette intégration n’existe pas');
    expect(bad.body).not.toContain('<dataetat-widget');
    expect(bad.body).not.toContain('embed.js');
    // The rest of the app keeps refusing to be framed elsewhere.
    expect((await app.inject({ url: '/api/health' })).headers['content-security-policy']).toContain(
      "frame-ancestors 'self'",
    );
  });
});

describe('rate limit per token', () => {
  it('answers a French 429 past the limit, per token', async () => {
    const limited = await buildApp(
      { ...services, settings: { ...services.settings, grantRateLimit: 3 } },
      { logger: false },
    );
    try {
      const a = await newLink();
      const b = await newLink();
      for (let i = 0; i < 3; i += 1) {
        expect((await limited.inject({ url: `/api/links/${a.token}` })).statusCode).toBe(200);
      }
      const refused = await limited.inject({ url: `/api/links/${a.token}` });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('GRANT_RATE_LIMITED');
      expect(refused.json().error.message).toMatch(/^Trop de demandes pour ce partage/);
      expect((await limited.inject({ url: `/api/links/${b.token}` })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('bounds the embed page and its picture together, per token', async () => {
    const limited = await buildApp(
      { ...services, settings: { ...services.settings, grantRateLimit: 3 } },
      { logger: false },
    );
    try {
      const { token } = await newEmbed();
      expect((await limited.inject({ url: `/embed/${token}` })).statusCode).toBe(200);
      expect((await limited.inject({ url: `/embed/${token}.svg` })).statusCode).toBe(200);
      expect((await limited.inject({ url: `/embed/${token}` })).statusCode).toBe(200);
      const refused = await limited.inject({ url: `/embed/${token}.svg` });
      expect(refused.statusCode).toBe(429);
      expect(refused.body).toMatch(/Trop de demandes pour ce partage/);
    } finally {
      await limited.close();
    }
  });
});

describe('geo is public', () => {
  it('serves boundaries without a session, to any origin', async () => {
    const response = await app.inject({ url: '/api/geo/config' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});
