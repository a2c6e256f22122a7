import type { DashboardDefinition } from '@dataetat/widgets';
import { type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { AUDIT_CSV_COLUMNS } from '../audit/csv.ts';
import { auditLog } from '../metadata/schema.ts';
import { signInDemoAccounts } from '../testing/accounts.ts';
import { openTestServices } from '../testing/harness.ts';
import type { TestSession } from '../testing/session.ts';

/**
 * The audit journal (issue 12) through the real app: filters (who, what, outcome, Paris days)
 * checked against a plain SQL count of `audit_log`, pages, names instead of ids, the CSV export
 * equal to the filtered list, and the dashboard actions it records.
 */

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;
let editor: TestSession;
let reader: TestSession;
const ids = { kept: '', trashed: '', purged: '', link: '', embed: '' };

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
  ],
  layout: [{ i: 'total', x: 0, y: 0, w: 4, h: 3 }],
  filters: [],
});

async function newDashboard(title: string): Promise<string> {
  const response = await call(editor, 'POST', '/api/dashboards', { title, definition: definition() });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** Rows of a plain SQL statement, whichever driver runs the metadata store. */
async function rowsOf<T>(statement: SQL): Promise<T[]> {
  const result = await services.metadata.db.execute(statement);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

/** The reference count: written by hand, without the code under test. */
async function plainCount(where: SQL): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(
    sql`SELECT count(*) AS n FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id WHERE ${where}`,
  );
  return Number(row?.n);
}

interface Entry {
  id: number;
  action: string;
  outcome: string;
  actorEmail: string | null;
  actorName: string | null;
  target: string | null;
  targetLabel: string | null;
  grantLabel: string | null;
  at: string;
  details: Record<string, unknown>;
}

/** Every entry a filter keeps, page after page. */
async function allPages(query: string, pageSize = 500): Promise<{ entries: Entry[]; total: number }> {
  const entries: Entry[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const response = await call(admin, 'GET', `/api/audit?${query}&limit=${pageSize}&page=${page}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    total = body.total;
    entries.push(...body.entries);
    if (body.entries.length < pageSize) break;
  }
  return { entries, total };
}

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  ({ admin, editeur: editor, lecteur: reader } = await signInDemoAccounts(app));
  // A failed login of an unknown address: an entry without an account.
  await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'inconnu@ailleurs.fr', password: 'x' },
  });

  // Every dashboard action, on three dashboards.
  ids.kept = await newDashboard('=Suivi DETR 35');
  const saved = await call(editor, 'PUT', `/api/dashboards/${ids.kept}`, {
    title: '=Suivi DETR 35',
    description: 'v2',
    definition: definition(),
    version: 1,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  expect((await call(editor, 'POST', `/api/dashboards/${ids.kept}/versions/1/restore`)).statusCode).toBe(200);
  expect((await call(editor, 'DELETE', `/api/dashboards/${ids.kept}`)).statusCode).toBe(200);
  expect((await call(editor, 'POST', `/api/dashboards/${ids.kept}/restore`)).statusCode).toBe(200);
  const reader_ = await services.users.byEmail('lecteur.bretagne@demo.local');
  const shareUrl = `/api/dashboards/${ids.kept}/shares/${reader_?.id}`;
  expect((await call(editor, 'PUT', shareUrl, { permission: 'read' })).statusCode).toBe(200);
  expect((await call(editor, 'DELETE', shareUrl)).statusCode).toBe(204);
  const link = await call(editor, 'POST', `/api/dashboards/${ids.kept}/share-links`, {
    label: 'Pour la DDT',
  });
  expect(link.statusCode, link.body).toBe(201);
  ids.link = link.json().link.id;
  expect((await call(editor, 'DELETE', `/api/share-links/${ids.link}`)).statusCode).toBe(204);
  const embed = await call(editor, 'POST', '/api/embeds', {
    dashboardId: ids.kept,
    widgetId: 'total',
    label: '',
    allowedOrigins: [],
  });
  expect(embed.statusCode, embed.body).toBe(201);
  ids.embed = embed.json().embed.id;

  ids.trashed = await newDashboard('À jeter');
  await call(editor, 'DELETE', `/api/dashboards/${ids.trashed}`);
  ids.purged = await newDashboard('Disparu');
  await services.metadata.db.execute(sql`DELETE FROM dashboards WHERE id = ${ids.purged}`);

  const exported = await call(reader, 'POST', '/api/query/export?format=csv', {
    dataset: 'dotations_investissement',
    measures: ['montant_subvention'],
  });
  expect(exported.statusCode).toBe(200);
  // An export of a dataset since removed from the catalogue, and entries on known Paris days:
  // 22:30 UTC on 1 March is 23:30 in Paris (winter), 23:30 UTC is already 2 March.
  await services.metadata.db.insert(auditLog).values([
    { at: new Date('2026-03-01T22:30:00Z'), action: 'export', outcome: 'success', target: 'ancien_jeu' },
    {
      at: new Date('2026-03-01T23:30:00Z'),
      action: 'login_failed',
      outcome: 'failure',
      actorEmail: 'x@y.fr',
    },
    // Summer: 21:59 UTC on 14 July is 23:59 in Paris, 22:00 UTC is 15 July.
    { at: new Date('2026-07-14T21:59:00Z'), action: 'logout', outcome: 'success', actorEmail: 'a@b.fr' },
    { at: new Date('2026-07-14T22:00:00Z'), action: 'logout', outcome: 'success', actorEmail: 'a@b.fr' },
  ]);
}, 300_000);

afterAll(async () => {
  await app.close();
  await services.cleanup();
});

describe('audit journal filters', () => {
  const cases: [string, SQL][] = [
    ['', sql`true`],
    ['actor=EDITEUR', sql`(a.actor_email ILIKE '%editeur%' OR u.name ILIKE '%editeur%')`],
    ['actor=inconnu%40ailleurs', sql`a.actor_email ILIKE '%inconnu@ailleurs%'`],
    // By name, case and accents ignored: « ADMINISTRATRICE DÉMO » finds « Administratrice démo ».
    ['actor=ADMINISTRATRICE%20D%C3%89MO', sql`u.name = 'Administratrice démo'`],
    ['actor=%C3%89diteur%20d%C3%A9mo', sql`u.name = 'Éditeur démo'`],
    ['action=dashboard_created', sql`a.action = 'dashboard_created'`],
    ['action=dashboard_version_restored', sql`a.action = 'dashboard_version_restored'`],
    ['outcome=failure', sql`a.outcome = 'failure'`],
    [
      'actor=editeur&action=dashboard_deleted&outcome=success',
      sql`a.actor_email ILIKE '%editeur%' AND a.action = 'dashboard_deleted' AND a.outcome = 'success'`,
    ],
    [
      'from=2026-03-01&to=2026-03-01',
      sql`a.at >= '2026-03-01T00:00:00+01:00' AND a.at < '2026-03-02T00:00:00+01:00'`,
    ],
    [
      'from=2026-03-02&to=2026-03-02',
      sql`a.at >= '2026-03-02T00:00:00+01:00' AND a.at < '2026-03-03T00:00:00+01:00'`,
    ],
    ['to=2026-07-14', sql`a.at < '2026-07-15T00:00:00+02:00'`],
    ['from=2026-07-15', sql`a.at >= '2026-07-15T00:00:00+02:00'`],
    // Nothing typed is a wildcard.
    ['actor=%25', sql`a.actor_email LIKE '%\\%%' OR u.name LIKE '%\\%%'`],
  ];
  it.each(cases)('%s keeps what a plain SQL count keeps', async (query, where) => {
    const expected = await plainCount(where);
    // Each case keeps something, but less than everything (the wildcard case keeps nothing).
    if (query.includes('%25')) expect(expected).toBe(0);
    else if (query) expect(expected).toBeGreaterThan(0);
    if (query) expect(expected).toBeLessThan(await plainCount(sql`true`));
    const { entries, total } = await allPages(query);
    expect(total).toBe(expected);
    expect(entries).toHaveLength(expected);
  });

  it('names the Paris day right on both sides of midnight, winter and summer', async () => {
    const day = async (from: string, to = from) =>
      (await allPages(`from=${from}&to=${to}`)).entries.map((e) => `${e.action} ${e.at}`);
    expect(await day('2026-03-01')).toEqual(['export 2026-03-01T22:30:00.000Z']);
    expect(await day('2026-03-02')).toEqual(['login_failed 2026-03-01T23:30:00.000Z']);
    expect(await day('2026-07-14')).toEqual(['logout 2026-07-14T21:59:00.000Z']);
    expect(await day('2026-07-15')).toEqual(['logout 2026-07-14T22:00:00.000Z']);
  });

  it('pages newest first, without gaps nor repeats, up to 500 a page', async () => {
    const whole = await allPages('', 500);
    const paged = await allPages('', 7);
    expect(paged.entries.map((e) => e.id)).toEqual(whole.entries.map((e) => e.id));
    const idsSeen = whole.entries.map((e) => e.id);
    expect(idsSeen).toEqual([...idsSeen].sort((a, b) => b - a));
    expect(new Set(idsSeen).size).toBe(idsSeen.length);
    const second = (await call(admin, 'GET', '/api/audit?limit=7&page=2')).json();
    expect(second).toMatchObject({ page: 2, pageSize: 7, total: whole.total, views: [] });
    expect((await call(admin, 'GET', '/api/audit?limit=501')).statusCode).toBe(400);
  });

  it('refuses bad filters in French, naming the parameter', async () => {
    const refused = async (query: string) => {
      const response = await call(admin, 'GET', `/api/audit?${query}`);
      expect(response.statusCode, query).toBe(400);
      return response.json().error;
    };
    expect(await refused('action=dashboard_exploded')).toMatchObject({
      code: 'BAD_REQUEST',
      details: { path: '/action' },
    });
    const impossible = await refused('from=2026-02-30');
    expect(impossible).toMatchObject({ code: 'BAD_REQUEST', details: { path: '/from' } });
    expect(impossible.message).toContain('n’est pas une date du calendrier');
    expect((await refused('to=30/11/2026')).details.path).toBe('/to');
    const reversed = await refused('from=2026-12-02&to=2026-12-01');
    expect(reversed).toMatchObject({ details: { path: '/to' } });
    expect(reversed.message).toContain('précède le début');
    expect((await refused(`actor=${'a'.repeat(201)}`)).details.path).toBe('/actor');
    expect((await refused('outcome=peut-etre')).details.path).toBe('/outcome');
    expect((await refused('page=0')).details.path).toBe('/page');
  });

  it('is for administrators only, list and export', async () => {
    for (const url of ['/api/audit', '/api/audit/export.csv']) {
      expect((await call(editor, 'GET', url)).statusCode).toBe(403);
      expect((await call(reader, 'GET', url)).statusCode).toBe(403);
      expect((await call(null, 'GET', url)).statusCode).toBe(401);
    }
  });
});

describe('audit journal names and dashboard actions', () => {
  it('records every dashboard action, a version restore as its own', async () => {
    const { entries } = await allPages(`actor=editeur`);
    const onKept = entries.filter((e) => e.target === ids.kept).map((e) => e.action);
    expect(onKept.reverse()).toEqual([
      'dashboard_created',
      'dashboard_updated',
      'dashboard_version_restored',
      'dashboard_deleted',
      'dashboard_restored',
      'dashboard_shared',
      'dashboard_unshared',
      'share_link_created',
      'share_link_revoked',
      'embed_created',
    ]);
  });

  it('shows titles, labels and names, and « (supprimé) » for what is gone', async () => {
    const { entries } = await allPages('');
    const first = (action: string, target?: string) =>
      entries.find((e) => e.action === action && (target === undefined || e.target === target));
    expect(first('dashboard_created', ids.kept)).toMatchObject({
      targetLabel: '=Suivi DETR 35',
      actorEmail: 'editeur@demo.local',
      actorName: expect.any(String),
      grantLabel: null,
    });
    expect(first('dashboard_created', ids.trashed)?.targetLabel).toBe('À jeter (à la corbeille)');
    expect(first('dashboard_created', ids.purged)?.targetLabel).toBe(`${ids.purged} (supprimé)`);
    expect(first('share_link_created')).toMatchObject({ grantLabel: 'Pour la DDT (révoqué)' });
    expect(first('embed_created')).toMatchObject({ grantLabel: 'sans nom' });
    expect(first('export', 'dotations_investissement')?.targetLabel).toMatch(/dotations/i);
    expect(first('export', 'ancien_jeu')?.targetLabel).toBe('ancien_jeu (supprimé)');
    expect(first('login_failed')?.actorName).toBeNull();
    // Shares and unshares name the person by e-mail, not only by account id.
    for (const action of ['dashboard_shared', 'dashboard_unshared'])
      expect(first(action, ids.kept)).toMatchObject({ details: { email: 'lecteur.bretagne@demo.local' } });
    const login = first('login');
    expect(login?.actorName).toEqual(expect.any(String));
  });
});

describe('audit journal CSV export', () => {
  /** Cells of a line of our own CSV (quotes doubled, `;` inside quotes). */
  function parseLine(line: string): string[] {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = !quoted;
      } else if (c === ';' && !quoted) {
        cells.push(cell);
        cell = '';
      } else {
        cell += c;
      }
    }
    cells.push(cell);
    return cells;
  }

  it('holds the same entries as the filtered list, French CSV, journalised', async () => {
    for (const query of ['actor=editeur', 'action=dashboard_created', 'outcome=failure&from=2026-01-01']) {
      const before = (await services.audit.latest(1))[0]?.id ?? 0;
      const response = await call(admin, 'GET', `/api/audit/export.csv?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="journal-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const text = response.body;
      expect(text.startsWith('\ufeff')).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toContain('\n');
      const [header, ...lines] = text.slice(1).split('\r\n').slice(0, -1);
      expect(parseLine(header as string)).toEqual([...AUDIT_CSV_COLUMNS]);

      // None of these filters keeps the export's own entry (by the admin, a success).
      const { entries } = await allPages(query);
      const rows = lines.map(parseLine);
      const exported = rows.map((r) => Number(r[0]));
      expect(exported).toEqual(entries.map((e) => e.id));
      expect(exported.length).toBeGreaterThan(0);
      for (const [i, row] of rows.entries()) {
        const entry = entries.find((e) => e.id === exported[i]) as Entry;
        expect(row[4]).toBe(entry.actorName ?? '');
        expect(row[5]).toBe(entry.actorEmail ?? '');
        // Formula-looking titles are made inert for spreadsheets.
        const label = entry.targetLabel ?? '';
        expect(row[6]).toBe(/^[=+\-@]/.test(label) ? `'${label}` : label);
        expect(row[7]).toBe(entry.target ?? '');
        expect(row[8]).toBe(entry.grantLabel ?? '');
      }
      const [journalised] = await services.audit.latest(1, 'audit_exported');
      expect(journalised?.id).toBeGreaterThan(before);
      expect(journalised?.actorEmail).toBe('admin@demo.local');
    }
    const { entries } = await allPages('action=dashboard_created');
    const csv = (await call(admin, 'GET', '/api/audit/export.csv?action=dashboard_created')).body;
    expect(csv).toContain(`'=Suivi DETR 35`);
    expect(csv.split('\r\n').length - 2).toBe(entries.length);
    expect(csv).toContain('Tableau de bord créé');
    expect((await allPages('action=audit_exported')).entries[0]?.actorEmail).toBe('admin@demo.local');
  });
});
