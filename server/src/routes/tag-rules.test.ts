import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;

beforeAll(async () => {
  services = await openTestServices();
  app = await buildApp(services, { logger: false });
  admin = await loginAs(app, 'admin@demo.local');
}, 240_000);
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

const RULE = {
  code: 'finistere',
  label: 'Finistère',
  description: 'Essai',
  targets: [
    { dataset: 'chorus_lignes', conditions: [{ field: 'departement', op: 'in', values: ['29'] }] },
    { dataset: 'dotations_investissement', conditions: [{ field: 'departement', op: 'in', values: ['29'] }] },
  ],
};

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: admin.headers, ...(payload && { payload }) });

async function scalar(sql: string): Promise<number> {
  return Number((await services.warehouse.query(sql)).rows[0]?.[0] ?? 0);
}

const byTag = {
  dataset: 'chorus_lignes',
  measures: ['nb_lignes'],
  dimensions: ['tags'],
  sort: [{ field: 'tags', dir: 'asc' }],
};

describe('« Politiques publiques »: tagging rules', () => {
  it('lists the built-in rules and the fields a condition can test', async () => {
    const response = await call('GET', '/api/tag-rules');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.rules.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining([
        'fonds_vert',
        'relance',
        'france_2030',
        'detr',
        'dsil',
        'dsid',
        'politique_ville',
      ]),
    );
    expect(body.version).toMatch(/^[0-9a-f]{64}$/);
    const chorus = body.datasets.find((d: { dataset: string }) => d.dataset === 'chorus_lignes');
    expect(chorus.fields.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining([
        'programme',
        'domaine_fonctionnel',
        'referentiel_programmation',
        'commune',
        'beneficiaire',
      ]),
    );
    expect(chorus.fields.map((f: { id: string }) => f.id)).not.toContain('tags');
  });

  it('previews the lines and euros a rule would tag, per dataset, as plain SQL counts them', async () => {
    const response = await call('POST', '/api/tag-rules/preview', RULE);
    expect(response.statusCode).toBe(200);
    const [chorus, dotations] = response.json().datasets;
    expect(chorus.lines).toBe(await scalar(`SELECT count(*) FROM chorus_lignes WHERE departement = '29'`));
    expect(chorus.lines).toBeGreaterThan(0);
    expect(chorus.totalLines).toBe(await scalar('SELECT count(*) FROM chorus_lignes'));
    expect(chorus.amounts[0]).toEqual({
      measure: 'montant_ae',
      label: "Autorisations d'engagement (AE)",
      value: await scalar(`SELECT sum(montant_ae) FROM chorus_lignes WHERE departement = '29'`),
    });
    expect(dotations.lines).toBe(
      await scalar(`SELECT count(*) FROM dotations_investissement WHERE departement = '29'`),
    );
  });

  it('refuses a rule the catalogue cannot apply, saying what and where', async () => {
    const bad = {
      ...RULE,
      targets: [
        {
          dataset: 'dotations_investissement',
          conditions: [{ field: 'programme', op: 'in', values: ['0380'] }],
        },
      ],
    };
    const response = await call('POST', '/api/tag-rules/preview', bad);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('TAG_RULE_INVALID');
    expect(response.json().error.message).toContain('/targets/0/conditions/0/field');
    expect(response.json().error.message).toContain('« programme »');
  });

  it('saves a rule without touching the data, applies it atomically, moves the data version on', async () => {
    const before = await call('POST', '/api/query', byTag);
    expect(before.statusCode).toBe(200);
    const tagsBefore = before.json().rows.map((r: unknown[]) => r[0]);
    expect(tagsBefore).not.toContain('finistere');
    const versionBefore = services.versions.get('chorus_lignes')?.id;

    const created = await call('POST', '/api/tag-rules', RULE);
    expect(created.statusCode).toBe(201);
    expect((await call('POST', '/api/tag-rules', RULE)).json().error.code).toBe('TAG_CODE_TAKEN');
    // Saved, not applied: the answer is the same.
    expect((await call('POST', '/api/query', byTag)).json().rows.map((r: unknown[]) => r[0])).toEqual(
      tagsBefore,
    );

    const stale = await call('POST', '/api/tag-rules/application', { version: 'a'.repeat(64) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('TAG_RULES_CHANGED');

    const { version } = (await call('GET', '/api/tag-rules')).json();
    const applied = await call('POST', '/api/tag-rules/application', { version });
    expect(applied.statusCode).toBe(200);
    const chorus = applied.json().datasets.find((d: { dataset: string }) => d.dataset === 'chorus_lignes');
    expect(chorus.lines).toBe(await scalar('SELECT count(*) FROM chorus_lignes'));
    expect(services.versions.get('chorus_lignes')?.id).not.toBe(versionBefore);

    // A new version: the cached answer is not served again.
    const after = await call('POST', '/api/query', byTag);
    const row = after.json().rows.find((r: unknown[]) => r[0] === 'finistere');
    expect(row?.[1]).toBe('Finistère');
    expect(row?.[2]).toBe(await scalar(`SELECT count(*) FROM chorus_lignes WHERE departement = '29'`));
    const filtered = await call('POST', '/api/query', {
      dataset: 'dotations_investissement',
      measures: ['nb_projets'],
      filters: [{ field: 'tags', op: 'in', values: ['finistere'] }],
    });
    expect(filtered.json().rows[0][0]).toBe(
      await scalar(`SELECT count(*) FROM dotations_investissement WHERE departement = '29'`),
    );

    const journal = (await call('GET', '/api/audit?limit=20')).json();
    const actions = journal.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['tag_rule_created', 'tag_rules_applied']));

    // Deleted and applied again: the tag leaves every line.
    const id = created.json().rule.id;
    expect((await call('DELETE', `/api/tag-rules/${id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/tag-rules/${id}`)).json().error.code).toBe('TAG_RULE_NOT_FOUND');
    const next = (await call('GET', '/api/tag-rules')).json().version;
    expect((await call('POST', '/api/tag-rules/application', { version: next })).statusCode).toBe(200);
    const gone = await call('POST', '/api/query', byTag);
    expect(gone.json().rows.map((r: unknown[]) => r[0])).not.toContain('finistere');
  });

  it('is for administrators only', async () => {
    const editeur = await loginAs(app, 'editeur@demo.local');
    const response = await app.inject({ url: '/api/tag-rules', headers: editeur.headers });
    expect(response.statusCode).toBe(403);
  });
});
