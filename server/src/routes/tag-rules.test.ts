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

describe('« Politiques publiques »: tags given by hand', () => {
  const lineKey = `ej || ':' || CAST(poste_ej AS VARCHAR)`;
  const ofSiren = `length(beneficiaire) = 14 AND substr(beneficiaire, 1, 9) = $1`;
  const sample = async (where: string, n: number) =>
    (
      await services.warehouse.query(
        `SELECT ej, poste_ej FROM chorus_lignes WHERE ${where} ORDER BY ej, poste_ej LIMIT ${n}`,
      )
    ).rows.map((r) => ({ ej: String(r[0]), poste: Number(r[1]) }));
  const sumOf = async (sql: string, params: string[]) =>
    Number((await services.warehouse.query(sql, params)).rows[0]?.[0] ?? 0);
  const tagged = async (tag: string) =>
    (
      await call('POST', '/api/query', {
        dataset: 'chorus_lignes',
        measures: ['nb_lignes', 'montant_ae', 'montant_cp'],
        filters: [{ field: 'tags', op: 'in', values: [tag] }],
      })
    ).json().rows[0];
  const apply = async () => {
    const { version } = (await call('GET', '/api/tag-rules')).json();
    const applied = await call('POST', '/api/tag-rules/application', { version });
    expect(applied.statusCode).toBe(200);
    return applied.json();
  };
  /** What the tests save, then apply together (an application recomputes every dataset). */
  const state = {
    keys: [] as string[],
    inFile: '',
    fileBatch: null as null | { id: number; label: string },
    siren: '',
    sirenBatch: null as null | { id: number; label: string },
  };

  it('previews a CSV (lines read, found, euros per tag, unknown lines), then saves it whole without touching the data', async () => {
    const fondsVert = await sample(`programme = '0380'`, 10);
    const others = await sample(`programme = '0102'`, 10);
    const lines = [...fondsVert, ...others];
    state.keys = lines.map((l) => `${l.ej}:${l.poste}`);
    state.inFile = `${lineKey} IN (${state.keys.map((_, i) => `$${i + 1}`).join(', ')})`;
    const csv = [
      'n_ej;n_poste_ej;tags',
      ...fondsVert.map((l) => `${l.ej};${l.poste};fonds_vert|velo_du_quotidien`),
      ...others.map((l) => `${l.ej};${l.poste};velo_du_quotidien`),
      '9999999999;1;velo_du_quotidien',
    ].join('\r\n');
    const file = { fileName: 'velo.csv', content: `\ufeff${csv}\r\n` };

    const preview = await call('POST', '/api/tag-assignments/csv/preview', file);
    expect(preview.statusCode).toBe(200);
    const seen = preview.json();
    expect(seen).toMatchObject({
      linesRead: 21,
      linesValid: 21,
      matched: 20,
      dataLines: 20,
      problemsTotal: 0,
    });
    // The EJ Chorus does not have: kept and counted, never dropped silently.
    expect(seen.unmatched).toEqual([{ line: 22, ej: '9999999999', poste: 1 }]);
    expect(seen.unmatchedTotal).toBe(1);
    const ae = await sumOf(`SELECT sum(montant_ae) FROM chorus_lignes WHERE ${state.inFile}`, state.keys);
    expect(seen.amounts[0].measure).toBe('montant_ae');
    expect(seen.amounts[0].value).toBeCloseTo(ae, 2);
    const velo = seen.tags.find((t: { code: string }) => t.code === 'velo_du_quotidien');
    expect(velo).toMatchObject({ label: 'Velo du quotidien', isNew: true, lines: 21, matched: 20 });
    expect(velo.amounts[0].value).toBeCloseTo(ae, 2);
    expect(seen.tags.find((t: { code: string }) => t.code === 'fonds_vert')).toMatchObject({
      isNew: false,
      lines: 10,
      matched: 10,
    });
    // Previewing saved nothing.
    expect((await call('GET', '/api/tag-assignments')).json().batches).toEqual([]);

    const { version: before } = (await call('GET', '/api/tag-rules')).json();
    const saved = await call('POST', '/api/tag-assignments/csv', file);
    expect(saved.statusCode).toBe(201);
    const batch = saved.json().batch;
    expect(batch).toMatchObject({
      kind: 'fichier',
      fileName: 'velo.csv',
      authorEmail: 'admin@demo.local',
      tags: ['fonds_vert', 'velo_du_quotidien'],
      assignments: 31,
      report: { lines: 21, matched: 20, newTags: ['velo_du_quotidien'] },
    });
    expect(batch.label).toMatch(
      new RegExp(
        `^Affectation manuelle n° ${batch.id} : fichier « velo\\.csv », admin@demo\\.local, \\d\\d/\\d\\d/\\d{4}$`,
      ),
    );
    state.fileBatch = batch;
    // Saved, not applied: no line has the tag yet, and the version the page applies moved on.
    expect((await tagged('velo_du_quotidien'))[0]).toBe(0);
    expect((await call('GET', '/api/tag-rules')).json().version).not.toBe(before);
    const stale = await call('POST', '/api/tag-rules/application', { version: before });
    expect(stale.json().error.code).toBe('TAG_RULES_CHANGED');
    const journal = (await call('GET', '/api/audit?limit=20')).json();
    expect(journal.entries.map((e: { action: string }) => e.action)).toContain('tag_assignments_created');
  });

  it('refuses a file with a bad line whole, naming line, column, value and reason in French', async () => {
    const [line] = await sample(`programme = '0102'`, 1);
    const content = [
      'n_ej;n_poste_ej;tags',
      `${line?.ej};${line?.poste};velo_du_quotidien`,
      `${line?.ej};x;velo_du_quotidien`,
      `${line?.ej};2;Vélo, quotidien`,
      `${line?.ej};3`,
    ].join('\n');
    const before = (await call('GET', '/api/tag-assignments')).json().batches;
    const preview = (
      await call('POST', '/api/tag-assignments/csv/preview', { fileName: 'mauvais.csv', content })
    ).json();
    expect(preview.problemsTotal).toBe(3);
    expect(preview.problems).toEqual([
      {
        line: 3,
        column: 'n_poste_ej',
        value: 'x',
        reason: 'numéro de poste attendu : nombre entier de 1 à 999999.',
      },
      {
        line: 4,
        column: 'tags',
        value: 'Vélo, quotidien',
        reason:
          'code d’étiquette « Vélo, quotidien » invalide : 2 à 40 caractères, minuscules sans accent, chiffres ou « _ », commençant par une lettre. Séparez les étiquettes par « | ».',
      },
      {
        line: 5,
        column: '(ligne)',
        value: `${line?.ej};3`,
        reason: '3 colonnes attendues (n_ej;n_poste_ej;tags), 2 trouvées.',
      },
    ]);
    const refused = await call('POST', '/api/tag-assignments/csv', { fileName: 'mauvais.csv', content });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'TAG_ASSIGNMENTS_INVALID',
      message:
        'Fichier refusé, rien n’a été enregistré : 3 lignes en erreur. Ligne 3, colonne « n_poste_ej », valeur « x » : numéro de poste attendu : nombre entier de 1 à 999999.',
      details: { problemsTotal: 3 },
    });
    // Tout ou rien: the good line was not kept either.
    expect((await call('GET', '/api/tag-assignments')).json().batches).toEqual(before);
    const header = await call('POST', '/api/tag-assignments/csv', {
      fileName: 'virgules.csv',
      content: 'n_ej,n_poste_ej,tags\n1,1,a_b\n',
    });
    expect(header.json().error.message).toContain('séparateur « ; » attendu');
    const bad = await call('POST', '/api/tag-assignments/beneficiary', {
      beneficiary: '1234',
      tags: ['a_b'],
    });
    expect(bad.statusCode).toBe(400);
  });

  it('previews and saves a beneficiary by SIREN: its lines in every dataset that names it, as plain SQL counts them', async () => {
    state.siren = String(
      (
        await services.warehouse.query(
          `SELECT substr(beneficiaire, 1, 9) s FROM chorus_lignes WHERE length(beneficiaire) = 14 GROUP BY s ORDER BY count(*) DESC, s LIMIT 1`,
        )
      ).rows[0]?.[0],
    );
    const lines = await sumOf(`SELECT count(*) FROM chorus_lignes WHERE ${ofSiren}`, [state.siren]);
    expect(lines).toBeGreaterThan(0);
    const body = { beneficiary: state.siren, tags: ['grands_comptes'] };
    const preview = (await call('POST', '/api/tag-assignments/beneficiary/preview', body)).json();
    expect(preview.kind).toBe('siren');
    const chorus = preview.datasets.find((d: { dataset: string }) => d.dataset === 'chorus_lignes');
    expect(chorus.lines).toBe(lines);
    expect(chorus.amounts[0].value).toBeCloseTo(
      await sumOf(`SELECT sum(montant_ae) FROM chorus_lignes WHERE ${ofSiren}`, [state.siren]),
      2,
    );
    const saved = await call('POST', '/api/tag-assignments/beneficiary', body);
    expect(saved.statusCode).toBe(201);
    state.sirenBatch = saved.json().batch;
    expect(state.sirenBatch?.label).toContain(`SIREN ${state.siren}, admin@demo.local`);
    expect(saved.json().batch.report.matched).toBe(preview.matched);
  });

  it('applies them with the rules in one recomputation, each tag once, with its provenance; deleted, they leave', async () => {
    const fileBatch = state.fileBatch as { id: number; label: string };
    const sirenBatch = state.sirenBatch as { id: number; label: string };
    const fileAe = await sumOf(`SELECT sum(montant_ae) FROM chorus_lignes WHERE ${state.inFile}`, state.keys);
    const sirenLines = await sumOf(`SELECT count(*) FROM chorus_lignes WHERE ${ofSiren}`, [state.siren]);
    const bothLines = await sumOf(
      `SELECT count(*) FROM chorus_lignes WHERE ${state.inFile} OR (length(beneficiaire) = 14 AND substr(beneficiaire, 1, 9) = $${state.keys.length + 1})`,
      [...state.keys, state.siren],
    );
    const applied = await apply();
    const chorus = applied.datasets.find((d: { dataset: string }) => d.dataset === 'chorus_lignes');
    expect(chorus.byHand).toBe(bothLines);
    // The « Politique publique » filter gives the file's lines and euros, as plain SQL sums them.
    const [count, sumAe, sumCp] = await tagged('velo_du_quotidien');
    expect(count).toBe(20);
    expect(sumAe).toBeCloseTo(fileAe, 2);
    expect(sumCp).toBeCloseTo(
      await sumOf(`SELECT sum(montant_cp) FROM chorus_lignes WHERE ${state.inFile}`, state.keys),
      2,
    );
    expect((await tagged('grands_comptes'))[0]).toBe(sirenLines);
    // Fonds vert once per line, whether from its rule, by hand or both.
    expect((await tagged('fonds_vert'))[0]).toBe(
      await scalar(`SELECT count(*) FROM chorus_lignes WHERE programme = '0380'`),
    );
    // The provenance a user sees in the explorer: « Origine de l'étiquette » beside each tag.
    const origins = await call('POST', '/api/query', {
      dataset: 'chorus_lignes',
      measures: ['nb_lignes'],
      dimensions: ['tags', 'tags_origine'],
      filters: [{ field: 'tags', op: 'in', values: ['velo_du_quotidien', 'grands_comptes'] }],
      sort: [{ field: 'tags_origine', dir: 'asc' }],
    });
    expect(origins.json().rows).toEqual(
      expect.arrayContaining([
        ['velo_du_quotidien', 'Velo du quotidien', `manuel:${fileBatch.id}`, fileBatch.label, 20],
        [
          'fonds_vert',
          'Fonds vert',
          `regle:fonds_vert+manuel:${fileBatch.id}`,
          `Règle « Fonds vert » ; ${fileBatch.label}`,
          10,
        ],
        ['grands_comptes', 'Grands comptes', `manuel:${sirenBatch.id}`, sirenBatch.label, sirenLines],
      ]),
    );

    for (const batch of [fileBatch, sirenBatch]) {
      expect((await call('DELETE', `/api/tag-assignments/${batch.id}`)).statusCode).toBe(204);
    }
    expect((await call('DELETE', `/api/tag-assignments/${fileBatch.id}`)).json().error.code).toBe(
      'TAG_ASSIGNMENT_NOT_FOUND',
    );
    const journal = (await call('GET', '/api/audit?limit=20')).json();
    expect(journal.entries.map((e: { action: string }) => e.action)).toContain('tag_assignments_deleted');
    await apply();
    expect((await tagged('velo_du_quotidien'))[0]).toBe(0);
    expect((await tagged('grands_comptes'))[0]).toBe(0);
  });

  it('is for administrators only', async () => {
    const editeur = await loginAs(app, 'editeur@demo.local');
    for (const [method, url, payload] of [
      ['GET', '/api/tag-assignments', undefined],
      ['POST', '/api/tag-assignments/csv/preview', { fileName: 'a.csv', content: 'n_ej;n_poste_ej;tags\n' }],
      ['POST', '/api/tag-assignments/csv', { fileName: 'a.csv', content: 'n_ej;n_poste_ej;tags\n1;1;a_b\n' }],
      ['POST', '/api/tag-assignments/beneficiary', { beneficiary: '123456789', tags: ['a_b'] }],
      ['DELETE', '/api/tag-assignments/1', undefined],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        headers: editeur.headers,
        ...(payload && { payload }),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await call('GET', '/api/tag-assignments')).json().batches).toEqual([]);
  });
});
