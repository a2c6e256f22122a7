import type { DashboardDefinition } from '@dataetat/widgets';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

/**
 * Sharing management (issue 10) through the real app: named shares, share links, embeds, with
 * the five personas of a shared dashboard — owner, named editor, named reader, stranger, admin.
 */

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let owner: TestSession;
let coeditor: TestSession;
let reader: TestSession;
let stranger: TestSession;
let admin: TestSession;
const ids = { coeditor: 0, reader: 0, stranger: 0, disabled: 0 };
const PASSWORD = 'mot-de-passe-de-test';

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 1_000 });
  app = await buildApp(services, { logger: false });
  const passwordHash = await hashPassword(PASSWORD);
  const make = async (email: string, name: string, role: 'editeur' | 'lecteur') =>
    (await services.users.create({ email, name, role, scope: 'NAT', passwordHash })).id;
  ids.coeditor = await make('coeditrice@test.local', 'Coéditrice Partage', 'editeur');
  ids.stranger = await make('etranger@test.local', 'Étranger Partage', 'editeur');
  ids.disabled = await make('desactive@test.local', 'Désactivé Partage', 'editeur');
  await services.users.update(ids.disabled, { status: 'disabled' });
  ids.reader = (await services.users.byEmail('lecteur.bretagne@demo.local'))?.id ?? 0;
  owner = await loginAs(app, 'editeur@demo.local');
  admin = await loginAs(app, 'admin@demo.local');
  reader = await loginAs(app, 'lecteur.bretagne@demo.local');
  coeditor = await loginAs(app, 'coeditrice@test.local', PASSWORD);
  stranger = await loginAs(app, 'etranger@test.local', PASSWORD);
}, 300_000);
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

function call(
  session: TestSession | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  return app.inject({ method, url, headers: session?.headers ?? {}, ...(payload && { payload }) });
}

const definition = (): DashboardDefinition => ({
  schemaVersion: 1,
  title: '',
  description: '',
  widgets: [
    {
      id: 'total',
      type: 'kpi',
      title: 'Total',
      query: { dataset: 'dotations_investissement', measures: ['montant_subvention'] },
      options: {},
    },
    {
      id: 'par_dep',
      type: 'bar',
      title: 'Par département',
      query: {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['departement'],
      },
      options: {},
    },
  ],
  layout: [
    { i: 'total', x: 0, y: 0, w: 4, h: 3 },
    { i: 'par_dep', x: 4, y: 0, w: 8, h: 4 },
  ],
  filters: [],
});

async function newDashboard(title: string): Promise<{ id: string; version: number }> {
  const response = await call(owner, 'POST', '/api/dashboards', { title, definition: definition() });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function auditActions(target: string): Promise<string[]> {
  return (await services.audit.latest(1_000)).filter((e) => e.target === target).map((e) => e.action);
}

describe('user directory', () => {
  it('finds active accounts by name or e-mail, accents and case ignored, never the caller', async () => {
    const byName = await call(owner, 'GET', '/api/users/directory?q=COEDITRICE');
    expect(byName.statusCode).toBe(200);
    expect(byName.json()).toEqual({
      users: [{ id: ids.coeditor, name: 'Coéditrice Partage', email: 'coeditrice@test.local' }],
    });
    expect((await call(owner, 'GET', '/api/users/directory?q=co%C3%A9d')).json().users).toHaveLength(1);
    const partage = (await call(owner, 'GET', '/api/users/directory?q=partage')).json().users;
    // The disabled account is not offered.
    expect(partage.map((u: { id: number }) => u.id).sort()).toEqual([ids.coeditor, ids.stranger].sort());
    const all = (await call(owner, 'GET', '/api/users/directory')).json().users as { email: string }[];
    expect(all.length).toBeLessThanOrEqual(20);
    expect(all.map((u) => u.email)).not.toContain('editeur@demo.local');
    // LIKE wildcards are text, not patterns.
    expect((await call(owner, 'GET', '/api/users/directory?q=%25')).json().users).toEqual([]);
    expect((await call(reader, 'GET', '/api/users/directory?q=a')).statusCode).toBe(403);
  });
});

describe('named shares', () => {
  it('owner shares read or edit; a named editor saves but neither deletes nor shares; a reader reads', async () => {
    const dashboard = await newDashboard('Partagé nommément');
    const base = `/api/dashboards/${dashboard.id}`;

    // Before any share: the stranger sees nothing and cannot share.
    expect((await call(stranger, 'GET', base)).json().error.code).toBe('DASHBOARD_FORBIDDEN');
    expect((await call(stranger, 'GET', `${base}/shares`)).json().error.code).toBe('DASHBOARD_FORBIDDEN');
    const hijack = await call(stranger, 'PUT', `${base}/shares/${ids.stranger}`, { permission: 'edit' });
    expect(hijack.statusCode).toBe(403);
    expect(hijack.json().error.code).toBe('DASHBOARD_FORBIDDEN');

    expect((await call(owner, 'GET', base)).json()).toMatchObject({ canEdit: true, canShare: true });
    const shared = await call(owner, 'PUT', `${base}/shares/${ids.coeditor}`, { permission: 'edit' });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({
      user: { id: ids.coeditor, name: 'Coéditrice Partage', email: 'coeditrice@test.local' },
      permission: 'edit',
    });
    expect(
      (await call(owner, 'PUT', `${base}/shares/${ids.reader}`, { permission: 'read' })).statusCode,
    ).toBe(200);
    // A lecteur account cannot be given edit; a disabled one nothing; the owner is no share.
    const lecteurEdit = await call(owner, 'PUT', `${base}/shares/${ids.reader}`, { permission: 'edit' });
    expect(lecteurEdit.statusCode).toBe(400);
    expect(lecteurEdit.json().error.code).toBe('SHARE_USER_INVALID');
    expect(lecteurEdit.json().error.message).toContain('Lecteur');
    expect(
      (await call(owner, 'PUT', `${base}/shares/${ids.disabled}`, { permission: 'read' })).statusCode,
    ).toBe(400);
    expect((await call(owner, 'PUT', `${base}/shares/999999`, { permission: 'read' })).statusCode).toBe(404);
    expect(
      (await call(owner, 'PUT', `${base}/shares/${ids.coeditor}`, { permission: 'admin' })).statusCode,
    ).toBe(400);

    const list = (await call(owner, 'GET', `${base}/shares`)).json().shares as {
      user: { id: number };
      permission: string;
    }[];
    expect(list.map((s) => [s.user.id, s.permission]).sort()).toEqual(
      [
        [ids.coeditor, 'edit'],
        [ids.reader, 'read'],
      ].sort(),
    );

    // « Partagés avec moi » holds both permissions.
    for (const session of [coeditor, reader]) {
      const lists = (await call(session, 'GET', '/api/dashboards')).json();
      expect(lists.shared.map((d: { id: string }) => d.id)).toContain(dashboard.id);
    }

    // The named editor: reads, saves with optimistic concurrency, neither deletes nor shares.
    expect((await call(coeditor, 'GET', base)).json()).toMatchObject({ canEdit: true, canShare: false });
    const save = (version: number) =>
      call(coeditor, 'PUT', base, {
        title: 'Modifié par la coéditrice',
        description: '',
        definition: definition(),
        version,
      });
    const saved = await save(dashboard.version);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, canEdit: true, canShare: false });
    expect((await save(dashboard.version)).json().error.code).toBe('DASHBOARD_CONFLICT');
    const remove = await call(coeditor, 'DELETE', base);
    expect(remove.statusCode).toBe(403);
    expect(remove.json().error.code).toBe('DASHBOARD_NOT_DELETABLE');
    for (const [method, url] of [
      ['GET', `${base}/shares`],
      ['PUT', `${base}/shares/${ids.stranger}`],
      ['DELETE', `${base}/shares/${ids.reader}`],
    ] as const) {
      const refused = await call(
        coeditor,
        method,
        url,
        method === 'PUT' ? { permission: 'read' } : undefined,
      );
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(refused.json().error.code).toBe('DASHBOARD_SHARE_FORBIDDEN');
    }

    // The named reader: reads, nothing else.
    expect((await call(reader, 'GET', base)).json()).toMatchObject({ canEdit: false, canShare: false });
    expect(
      (await call(reader, 'PUT', base, { title: 'x', description: '', definition: definition(), version: 2 }))
        .statusCode,
    ).toBe(403);

    // Admin: manages anything.
    expect((await call(admin, 'GET', base)).json()).toMatchObject({ canEdit: true, canShare: true });
    expect((await call(admin, 'GET', `${base}/shares`)).statusCode).toBe(200);

    // Unsharing is effective at the next request.
    expect((await call(owner, 'DELETE', `${base}/shares/${ids.coeditor}`)).statusCode).toBe(204);
    expect((await call(coeditor, 'GET', base)).json().error.code).toBe('DASHBOARD_FORBIDDEN');
    expect((await save(2)).statusCode).toBe(403);
    expect((await call(admin, 'DELETE', `${base}/shares/${ids.reader}`)).statusCode).toBe(204);
    expect((await call(owner, 'DELETE', `${base}/shares/${ids.reader}`)).json().error.code).toBe(
      'SHARE_NOT_FOUND',
    );
    expect((await call(owner, 'GET', `${base}/shares`)).json()).toEqual({ shares: [] });

    // Then the owner deletes it (trash) and restores it.
    expect((await call(owner, 'DELETE', base)).statusCode).toBe(200);
    expect((await call(owner, 'GET', `${base}/shares`)).json().error.code).toBe('DASHBOARD_IN_TRASH');
    expect((await call(owner, 'POST', `${base}/restore`)).statusCode).toBe(200);

    expect((await auditActions(dashboard.id)).reverse()).toEqual([
      'dashboard_created',
      'dashboard_shared',
      'dashboard_shared',
      'dashboard_updated',
      'dashboard_unshared',
      'dashboard_unshared',
      'dashboard_deleted',
      'dashboard_restored',
    ]);
  });

  it('reference dashboards are visible to all: no named share, even by an admin', async () => {
    const refused = await call(admin, 'PUT', `/api/dashboards/ref-politique-ville/shares/${ids.reader}`, {
      permission: 'read',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('GRANT_INVALID');
    expect((await call(owner, 'GET', '/api/dashboards/ref-politique-ville/shares')).json().error.code).toBe(
      'DASHBOARD_SHARE_FORBIDDEN',
    );
  });
});
