import type { DashboardDefinition } from '@dataetat/widgets';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { hashShareLinkToken } from '../sharing/tokens.ts';
import { createAccount, signInDemoAccounts } from '../testing/accounts.ts';
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
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  const make = async (email: string, name: string) =>
    (await createAccount(services.users, { email, name, role: 'editeur', password: PASSWORD })).id;
  ids.coeditor = await make('coeditrice@test.local', 'Coéditrice Partage');
  ids.stranger = await make('etranger@test.local', 'Étranger Partage');
  ids.disabled = await make('desactive@test.local', 'Désactivé Partage');
  await services.users.update(ids.disabled, { status: 'disabled' });
  ids.reader = (await services.users.byEmail('lecteur.bretagne@demo.local'))?.id ?? 0;
  ({ admin, editeur: owner, lecteur: reader } = await signInDemoAccounts(app));
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

describe('share links', () => {
  it('owner creates a link whose token is shown once and stored only hashed; revoked at once', async () => {
    const dashboard = await newDashboard('Partagé par lien');
    const base = `/api/dashboards/${dashboard.id}/share-links`;
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const created = await call(owner, 'POST', base, {
      label: 'Pour la préfecture',
      expiresAt,
      agentsOnly: true,
      lockedFilters: [{ field: 'departement', op: 'eq', values: ['35'] }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { link, token, path } = created.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(path).toBe(`/s/${token}`);
    // The locked value's name, as the loaded table has it (read straight from the warehouse).
    const named = await services.warehouse.query(
      "SELECT DISTINCT departement_label FROM dotations_investissement WHERE departement = '35'",
    );
    expect(link).toMatchObject({
      dashboardId: dashboard.id,
      label: 'Pour la préfecture',
      createdBy: { name: 'Éditeur démo' },
      expiresAt,
      agentsOnly: true,
      lockedFilters: [{ field: 'departement', op: 'eq', values: ['35'] }],
      lockedLabels: [{ field: 'departement', value: '35', label: String(named.rows[0]?.[0]) }],
      viewCount: 0,
      lastViewedAt: null,
      revokedAt: null,
      status: 'active',
    });

    // The store never holds the token, only its hash; the list never shows it again.
    const stored = await services.sharing.linkById(link.id);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await services.sharing.linkByTokenHash(hashShareLinkToken(token)))?.id).toBe(link.id);
    const listed = await call(owner, 'GET', base);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(token);
    expect(listed.json().links).toEqual([link]);

    // Named editor, named reader, stranger: neither list, create nor revoke.
    await call(owner, 'PUT', `/api/dashboards/${dashboard.id}/shares/${ids.coeditor}`, {
      permission: 'edit',
    });
    await call(owner, 'PUT', `/api/dashboards/${dashboard.id}/shares/${ids.reader}`, { permission: 'read' });
    for (const [session, code] of [
      [coeditor, 'DASHBOARD_SHARE_FORBIDDEN'],
      [stranger, 'DASHBOARD_FORBIDDEN'],
    ] as const) {
      expect((await call(session, 'GET', base)).json().error.code).toBe(code);
      expect((await call(session, 'POST', base, {})).json().error.code).toBe(code);
      expect((await call(session, 'DELETE', `/api/share-links/${link.id}`)).json().error.code).toBe(code);
    }
    expect((await call(reader, 'GET', base)).json().error.code).toBe('AUTH_FORBIDDEN');

    // Admin lists and revokes; the next read of the list shows it revoked.
    expect((await call(admin, 'GET', base)).json().links).toHaveLength(1);
    expect((await call(admin, 'DELETE', `/api/share-links/${link.id}`)).statusCode).toBe(204);
    const after = (await call(owner, 'GET', base)).json().links[0];
    expect(after).toMatchObject({ id: link.id, status: 'revoked' });
    expect(after.revokedAt).not.toBeNull();
    expect((await call(owner, 'DELETE', '/api/share-links/inconnu')).json().error.code).toBe(
      'SHARE_LINK_NOT_FOUND',
    );

    expect((await auditActions(dashboard.id)).filter((a) => a.startsWith('share_link'))).toEqual([
      'share_link_revoked',
      'share_link_created',
    ]);
  });

  it('refuses locked filters outside the shared datasets, too many, and expiries out of range', async () => {
    const dashboard = await newDashboard('Liens refusés');
    const base = `/api/dashboards/${dashboard.id}/share-links`;
    const refused = async (body: object, where: string) => {
      const response = await call(owner, 'POST', base, body);
      expect(response.statusCode, `${where}: ${response.body}`).toBe(400);
      return response.json().error as { code: string; message: string };
    };
    const unknownField = await refused(
      { lockedFilters: [{ field: 'quartier_prioritaire', op: 'eq', values: ['x'] }] },
      'field',
    );
    expect(unknownField.code).toBe('GRANT_INVALID');
    expect(unknownField.message).toContain(
      '« quartier_prioritaire » n’est une dimension d’aucun jeu de données partagé',
    );
    expect(
      (await refused({ lockedFilters: [{ field: 'annee', op: 'eq', values: ['deux mille'] }] }, 'value'))
        .code,
    ).toBe('GRANT_INVALID');
    // A measure is no dimension.
    expect(
      (await refused({ lockedFilters: [{ field: 'montant_subvention', op: 'gt', values: [0] }] }, 'measure'))
        .code,
    ).toBe('GRANT_INVALID');
    const many = Array.from({ length: 21 }, () => ({ field: 'annee', op: 'eq', values: [2019] }));
    expect((await refused({ lockedFilters: many }, 'count')).code).toBeDefined();
    const values = Array.from({ length: 201 }, (_, i) => String(i));
    expect(
      (await refused({ lockedFilters: [{ field: 'departement', op: 'in', values }] }, 'values')).message,
    ).toContain('200 au plus');
    expect((await refused({ expiresAt: '2020-01-01T00:00:00Z' }, 'past')).message).toContain('dans le futur');
    const far = new Date(Date.now() + 400 * 86_400_000).toISOString();
    expect((await refused({ expiresAt: far }, 'far')).message).toContain('moins d’un an');
    expect((await refused({ expiresAt: 'demain' }, 'garbage')).message).toContain('illisible');
    expect((await refused({ token: 'choisi' }, 'extra')).code).toBe('BAD_REQUEST');
    // Within bounds: accepted.
    const ok = await call(owner, 'POST', base, {
      lockedFilters: [
        { field: 'annee', op: 'in', values: [2019, 2020] },
        { field: 'departement', op: 'eq', values: ['35'] },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().link.expiresAt).toBeNull();
  });
});

describe('embeds', () => {
  it('owner embeds a widget with origins and host filters; the list re-issues the token; revoked at once', async () => {
    const dashboard = await newDashboard('Intégré');
    const created = await call(owner, 'POST', '/api/embeds', {
      dashboardId: dashboard.id,
      widgetId: 'par_dep',
      label: 'Intranet préfecture',
      lockedFilters: [{ field: 'annee', op: 'eq', values: [2019] }],
      hostFilters: [{ field: 'departement', values: ['35', '56'] }, { field: 'annee' }],
      allowedOrigins: [
        'https://Intranet.Prefecture.gouv.fr/',
        'http://127.0.0.2:8080',
        'https://intranet.prefecture.gouv.fr:443',
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { embed } = created.json();
    expect(embed).toMatchObject({
      dashboardId: dashboard.id,
      widgetId: 'par_dep',
      label: 'Intranet préfecture',
      createdBy: { name: 'Éditeur démo' },
      lockedFilters: [{ field: 'annee', op: 'eq', values: [2019] }],
      hostFilters: [{ field: 'departement', values: ['35', '56'] }, { field: 'annee' }],
      allowedOrigins: ['https://intranet.prefecture.gouv.fr', 'http://127.0.0.2:8080'],
      status: 'active',
      expiresAt: null,
    });
    const check = await services.embedTokens.verify(embed.token);
    expect(check).toEqual({
      ok: true,
      claims: {
        eid: embed.id,
        dsh: dashboard.id,
        wid: 'par_dep',
        lck: [{ field: 'annee', op: 'eq', values: [2019] }],
      },
    });
    const list = await call(owner, 'GET', `/api/dashboards/${dashboard.id}/embeds`);
    expect(list.statusCode).toBe(200);
    expect(list.json().embeds).toEqual([embed]);

    // Whole-dashboard embed with no origin at all (only Data-État itself may frame it).
    const whole = await call(admin, 'POST', '/api/embeds', { dashboardId: dashboard.id, allowedOrigins: [] });
    expect(whole.statusCode, whole.body).toBe(201);
    expect(whole.json().embed).toMatchObject({
      widgetId: null,
      allowedOrigins: [],
      createdBy: { name: 'Administratrice démo' },
    });

    await call(owner, 'PUT', `/api/dashboards/${dashboard.id}/shares/${ids.coeditor}`, {
      permission: 'edit',
    });
    for (const [session, code] of [
      [coeditor, 'DASHBOARD_SHARE_FORBIDDEN'],
      [stranger, 'DASHBOARD_FORBIDDEN'],
    ] as const) {
      expect((await call(session, 'GET', `/api/dashboards/${dashboard.id}/embeds`)).json().error.code).toBe(
        code,
      );
      expect(
        (await call(session, 'POST', '/api/embeds', { dashboardId: dashboard.id, allowedOrigins: [] })).json()
          .error.code,
      ).toBe(code);
      expect((await call(session, 'DELETE', `/api/embeds/${embed.id}`)).json().error.code).toBe(code);
    }
    expect(
      (await call(reader, 'POST', '/api/embeds', { dashboardId: dashboard.id, allowedOrigins: [] }))
        .statusCode,
    ).toBe(403);

    expect((await call(owner, 'DELETE', `/api/embeds/${embed.id}`)).statusCode).toBe(204);
    const listed = (await call(owner, 'GET', `/api/dashboards/${dashboard.id}/embeds`)).json().embeds;
    expect(listed.find((e: { id: string }) => e.id === embed.id)).toMatchObject({ status: 'revoked' });
    expect((await call(owner, 'DELETE', '/api/embeds/inconnu')).json().error.code).toBe('EMBED_NOT_FOUND');
    expect((await auditActions(dashboard.id)).filter((a) => a.startsWith('embed'))).toEqual([
      'embed_revoked',
      'embed_created',
      'embed_created',
    ]);
  });

  it('refuses an unknown widget, bad origins and host filters outside the widget’s datasets', async () => {
    const dashboard = await newDashboard('Intégrations refusées');
    const refused = async (body: object) => {
      const response = await call(owner, 'POST', '/api/embeds', {
        dashboardId: dashboard.id,
        allowedOrigins: [],
        ...body,
      });
      expect(response.statusCode, response.body).toBe(400);
      return response.json().error as { code: string; message: string };
    };
    expect((await refused({ widgetId: 'absent' })).message).toContain('« absent » n’existe pas');
    for (const origin of [
      'intranet.gouv.fr',
      'ftp://intranet.gouv.fr',
      'https://intranet.gouv.fr/page',
      'https://intranet.gouv.fr?x=1',
      'https://user:pw@intranet.gouv.fr',
      'javascript:alert(1)',
    ]) {
      const error = await refused({ allowedOrigins: [origin] });
      expect(error.code, origin).toBe('GRANT_INVALID');
      expect(error.message).toContain('origine');
    }
    const tooMany = Array.from({ length: 21 }, (_, i) => `https://site${i}.fr`);
    expect((await refused({ allowedOrigins: tooMany })).code).toBeDefined();
    expect((await refused({ hostFilters: [{ field: 'inconnu' }] })).message).toContain('« inconnu »');
    expect((await refused({ hostFilters: [{ field: 'annee', values: ['x'] }] })).code).toBe('GRANT_INVALID');
    expect((await refused({ hostFilters: [{ field: 'annee' }, { field: 'annee' }] })).message).toContain(
      'deux fois',
    );
    expect(
      (await refused({ widgetId: 'total', lockedFilters: [{ field: 'inconnu', op: 'eq', values: [1] }] }))
        .code,
    ).toBe('GRANT_INVALID');
    // A dashboard in the trash takes no new grant; a foreign one neither.
    const other = await newDashboard('Autre');
    await call(owner, 'DELETE', `/api/dashboards/${other.id}`);
    expect(
      (await call(owner, 'POST', '/api/embeds', { dashboardId: other.id, allowedOrigins: [] })).json().error
        .code,
    ).toBe('DASHBOARD_IN_TRASH');
  });
});

describe('audit journal', () => {
  it('lists daily views of links and embeds beside the entries, admins only', async () => {
    const dashboard = await newDashboard('Consulté');
    const created = await call(owner, 'POST', `/api/dashboards/${dashboard.id}/share-links`, {
      label: 'Lien compté',
    });
    const { link } = created.json();
    await services.sharing.recordView('link', link.id, new Date('2026-11-30T09:00:00Z'));
    await services.sharing.recordView('link', link.id, new Date('2026-11-30T17:00:00Z'));
    const journal = await call(admin, 'GET', '/api/audit?limit=500');
    expect(journal.statusCode).toBe(200);
    const { entries, views } = journal.json();
    expect(views).toContainEqual({
      kind: 'link',
      grantId: link.id,
      label: 'Lien compté',
      dashboardId: dashboard.id,
      dashboardTitle: 'Consulté',
      day: '2026-11-30',
      views: 2,
    });
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'share_link_created',
        target: dashboard.id,
        actorEmail: 'editeur@demo.local',
      }),
    );
    // The link's own counters moved too.
    const listed = (await call(owner, 'GET', `/api/dashboards/${dashboard.id}/share-links`)).json().links[0];
    expect(listed).toMatchObject({ viewCount: 2, lastViewedAt: '2026-11-30T17:00:00.000Z' });
    expect((await call(admin, 'GET', '/api/audit?action=export')).json().views).toEqual([]);
    expect((await call(owner, 'GET', '/api/audit')).statusCode).toBe(403);
  });
});
