import {
  applyDashboardFilters,
  type DashboardDatasetInfo,
  type DashboardDefinition,
  type DashboardFilterValue,
} from '@dataetat/widgets';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { DashboardRepository } from '../dashboards/repository.ts';
import { signInDemoAccounts } from '../testing/accounts.ts';
import { openTestServices } from '../testing/harness.ts';
import type { TestSession } from '../testing/session.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;
let editeur: TestSession;
let lecteur: TestSession;

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  ({ admin, editeur, lecteur } = await signInDemoAccounts(app));
}, 300_000);
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

const REFERENCES = [
  'ref-dotations-investissement-2019',
  'ref-financements-etat-territoire',
  'ref-politique-ville',
  'ref-portrait-financier-territoire',
];

const definition = (measure = 'montant_subvention'): DashboardDefinition => ({
  schemaVersion: 1,
  title: '',
  description: '',
  widgets: [
    {
      id: 'total',
      type: 'kpi',
      title: 'Total',
      query: { dataset: 'dotations_investissement', measures: [measure] },
      options: {},
    },
  ],
  layout: [{ i: 'total', x: 0, y: 0, w: 4, h: 3 }],
  filters: [],
});

function call(
  session: TestSession | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  return app.inject({ method, url, headers: session?.headers ?? {}, ...(payload && { payload }) });
}

async function create(session: TestSession, payload: object) {
  const response = await call(session, 'POST', '/api/dashboards', payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number; title: string; definition: DashboardDefinition };
}

describe('reference dashboards', () => {
  it('are provisioned read-only and listed for every reader', async () => {
    const response = await call(lecteur, 'GET', '/api/dashboards');
    expect(response.statusCode).toBe(200);
    const lists = response.json();
    expect(Object.keys(lists)).toEqual(['mine', 'reference', 'shared', 'trash']);
    expect(lists.reference.map((d: { id: string }) => d.id).sort()).toEqual(REFERENCES);
    expect(
      lists.reference.find((d: { id: string }) => d.id === 'ref-financements-etat-territoire'),
    ).toMatchObject({
      title: "Financements de l'État sur le territoire",
      ownerName: 'Data-État',
      isReference: true,
      version: 1,
      widgetCount: 8,
    });
    const detail = (await call(lecteur, 'GET', '/api/dashboards/ref-politique-ville')).json();
    expect(detail).toMatchObject({
      isReference: true,
      canEdit: false,
      canShare: false,
      owner: { id: null, name: 'Data-État' },
    });
    expect(Object.keys(detail).sort()).toEqual(
      [
        'canEdit',
        'canShare',
        'definition',
        'description',
        'id',
        'isReference',
        'owner',
        'title',
        'updatedAt',
        'version',
      ].sort(),
    );
  });

  it('run: every widget query answers, with dashboard filters applied from the /api/datasets catalogue', async () => {
    const catalogue = (await call(admin, 'GET', '/api/datasets')).json().datasets as DashboardDatasetInfo[];
    const filters: DashboardFilterValue[] = [
      { id: 'annee', kind: 'annee', value: [2019, 2020, 2021, 2022, 2023, 2024, 2025] },
      { id: 'territoire', kind: 'territoire', value: { level: 'region', code: '53', label: 'Bretagne' } },
    ];
    let queries = 0;
    for (const id of REFERENCES) {
      const { definition: dashboard } = (await call(admin, 'GET', `/api/dashboards/${id}`)).json() as {
        definition: DashboardDefinition;
      };
      for (const widget of dashboard.widgets) {
        const applied = applyDashboardFilters(widget.query, filters, catalogue);
        if (!applied.query) continue;
        // Dotations are for 2019 only but have a year: every dataset here takes both filters.
        expect(applied.applied, `${id}/${widget.id}`).toEqual(['annee', 'territoire']);
        const response = await call(admin, 'POST', '/api/query', applied.query);
        expect(response.statusCode, `${id}/${widget.id} → ${response.body}`).toBe(200);
        expect(response.json().rows.length, `${id}/${widget.id}`).toBeGreaterThan(0);
        queries++;
      }
    }
    expect(queries).toBe(36);
  });

  it('cannot be changed or deleted: « Dupliquer » makes an editable copy', async () => {
    const id = 'ref-dotations-investissement-2019';
    const put = await call(admin, 'PUT', `/api/dashboards/${id}`, {
      title: 'x',
      description: '',
      definition: definition(),
      version: 1,
    });
    expect(put.statusCode).toBe(403);
    expect(put.json().error).toEqual({
      code: 'DASHBOARD_READ_ONLY',
      message:
        "« Dotations d'investissement 2019 (DETR, DSIL, DSID) » est un tableau de bord de référence, en lecture seule. " +
        'Utilisez « Dupliquer » pour en faire une copie que vous pourrez modifier.',
    });
    expect((await call(admin, 'DELETE', `/api/dashboards/${id}`)).json().error.code).toBe(
      'DASHBOARD_READ_ONLY',
    );

    const copy = await create(editeur, { duplicateOf: id });
    expect(copy).toMatchObject({
      title: "Copie de Dotations d'investissement 2019 (DETR, DSIL, DSID)",
      isReference: false,
      canEdit: true,
      owner: { name: 'Éditeur démo' },
      version: 1,
    });
    expect(copy.definition.widgets).toHaveLength(10);
  });
});

describe('dashboards of agents', () => {
  it('only éditeurs and admins create; lecteurs cannot read others’ private dashboards', async () => {
    const refused = await call(lecteur, 'POST', '/api/dashboards', { title: 'Le mien' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('AUTH_FORBIDDEN');

    const created = await create(editeur, {
      title: 'Suivi DETR',
      description: 'Bretagne',
      definition: definition(),
    });
    const read = await call(lecteur, 'GET', `/api/dashboards/${created.id}`);
    expect(read.statusCode).toBe(403);
    expect(read.json().error).toEqual({
      code: 'DASHBOARD_FORBIDDEN',
      message:
        'Ce tableau de bord est privé : vous n’y avez pas accès. Demandez à son propriétaire de le partager avec vous.',
    });
    expect((await call(lecteur, 'GET', `/api/dashboards/${created.id}/versions`)).statusCode).toBe(403);

    // Shared with the lecteur: listed under « shared », readable, not editable.
    const lecteurId = (await services.users.byEmail('lecteur.bretagne@demo.local'))?.id ?? 0;
    await new DashboardRepository(services.metadata.db).share(created.id, lecteurId);
    const lists = (await call(lecteur, 'GET', '/api/dashboards?q=detr')).json();
    expect(lists.shared).toEqual([
      expect.objectContaining({
        id: created.id,
        title: 'Suivi DETR',
        ownerName: 'Éditeur démo',
        widgetCount: 1,
        permission: 'read',
      }),
    ]);
    expect((await call(lecteur, 'GET', `/api/dashboards/${created.id}`)).json()).toMatchObject({
      canEdit: false,
    });
    expect((await call(lecteur, 'PUT', `/api/dashboards/${created.id}`, {})).statusCode).toBe(403);

    const unknown = await call(editeur, 'GET', '/api/dashboards/inconnu');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('DASHBOARD_NOT_FOUND');
  });

  it('refuses a definition naming an unknown field, with its JSON path', async () => {
    const response = await call(editeur, 'POST', '/api/dashboards', {
      title: 'Faux',
      definition: definition('montant_inconnu'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'DASHBOARD_INVALID',
      message:
        'Le tableau de bord est invalide : widget « total », emplacement « /widgets/0/query/measures/0 » : ' +
        'le champ « montant_inconnu » n’existe pas dans le jeu de données « dotations_investissement ».',
      details: { path: '/widgets/0/query/measures/0', widgetId: 'total', field: 'montant_inconnu' },
    });
    const noTitle = await call(editeur, 'POST', '/api/dashboards', { description: 'sans titre' });
    expect(noTitle.json().error.message).toBe(
      'Le tableau de bord est invalide : donnez un titre au tableau de bord (champ title).',
    );
  });

  it('two editors saving the same version concurrently: exactly one 409, never a silent overwrite', async () => {
    const created = await create(editeur, { title: 'Partagé', definition: definition() });
    const save = (session: TestSession, title: string) =>
      call(session, 'PUT', `/api/dashboards/${created.id}`, {
        title,
        description: '',
        definition: definition('nb_projets'),
        version: 1,
        message: `Enregistré par ${title}`,
      });
    const responses = await Promise.all([save(editeur, 'éditeur'), save(admin, 'admin')]);
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = responses.find((r) => r.statusCode === 200)?.json();
    const conflict = responses.find((r) => r.statusCode === 409)?.json().error;
    expect(winner.version).toBe(2);
    const by = winner.title === 'admin' ? 'Administratrice démo' : 'Éditeur démo';
    expect(conflict.code).toBe('DASHBOARD_CONFLICT');
    expect(conflict.message).toMatch(
      new RegExp(
        `^Ce tableau de bord a été modifié par ${by} à \\d\\d:\\d\\d\\. Rechargez-le pour voir ses changements ; ` +
          'vos modifications ne sont pas perdues tant que vous ne quittez pas la page\\.$',
      ),
    );
    expect(conflict.details).toMatchObject({ currentVersion: 2, updatedBy: by });
    const versions = (await call(editeur, 'GET', `/api/dashboards/${created.id}/versions`)).json().versions;
    expect(versions.map((v: { version: number; authorName: string }) => [v.version, v.authorName])).toEqual([
      [2, by],
      [1, 'Éditeur démo'],
    ]);
  });

  it('versions: preview one, restore it as a new version', async () => {
    const created = await create(editeur, { title: 'Versions', definition: definition() });
    const put = await call(editeur, 'PUT', `/api/dashboards/${created.id}`, {
      title: 'Versions (2)',
      description: 'projets',
      definition: definition('nb_projets'),
      version: 1,
    });
    expect(put.json()).toMatchObject({ version: 2, title: 'Versions (2)', canEdit: true });

    const preview = await call(lecteur, 'GET', `/api/dashboards/${created.id}/versions/1`);
    expect(preview.statusCode).toBe(403);
    const v1 = (await call(editeur, 'GET', `/api/dashboards/${created.id}/versions/1`)).json();
    expect(v1).toMatchObject({
      version: 1,
      title: 'Versions',
      authorName: 'Éditeur démo',
      message: 'Création',
    });
    expect(v1.definition.widgets[0].query.measures).toEqual(['montant_subvention']);
    const missing = await call(editeur, 'GET', `/api/dashboards/${created.id}/versions/7`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe(
      'La version 7 de ce tableau de bord n’existe pas (versions 1 à 2).',
    );

    const restored = await call(editeur, 'POST', `/api/dashboards/${created.id}/versions/1/restore`, {});
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3, title: 'Versions' });
    expect(restored.json().definition.widgets[0].query.measures).toEqual(['montant_subvention']);
  });

  it('trash: delete, listed in the trash, restore (undo)', async () => {
    const created = await create(editeur, { title: 'Corbeille', definition: definition() });
    const deleted = await call(editeur, 'DELETE', `/api/dashboards/${created.id}`);
    expect(deleted.statusCode).toBe(200);
    expect(Date.parse(deleted.json().restorableUntil) - Date.parse(deleted.json().deletedAt)).toBe(
      30 * 86_400_000,
    );
    const lists = (await call(editeur, 'GET', '/api/dashboards?sort=title')).json();
    expect(lists.trash.map((d: { id: string }) => d.id)).toEqual([created.id]);
    expect(lists.mine.map((d: { id: string }) => d.id)).not.toContain(created.id);
    const gone = await call(editeur, 'GET', `/api/dashboards/${created.id}`);
    expect(gone.statusCode).toBe(409);
    expect(gone.json().error.code).toBe('DASHBOARD_IN_TRASH');

    const restored = await call(editeur, 'POST', `/api/dashboards/${created.id}/restore`, {});
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ id: created.id, canEdit: true });
    expect((await call(editeur, 'GET', '/api/dashboards')).json().trash).toEqual([]);
  });

  it('validates query strings and bodies with route schemas', async () => {
    expect((await call(editeur, 'GET', '/api/dashboards?sort=couleur')).statusCode).toBe(400);
    const extra = await call(editeur, 'PUT', '/api/dashboards/abc', {
      title: 'x',
      description: '',
      definition: {},
      version: 1,
      couleur: 1,
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('BAD_REQUEST');
  });
});
