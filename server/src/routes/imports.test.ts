import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImportJobAnswer, QueryResult } from '@dataetat/widgets';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices, seedDir } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

/**
 * Issue 11 over HTTP with the seed pack's real Chorus samples: deposit, analysis, confirmation,
 * the swap into chorus_lignes, refusals, re-import, report, cache, demo flag, audit. Expected
 * figures are computed here from the sample text (csv-parse) and checked with plain SQL.
 */

const SAMPLES = path.join(seedDir, 'formats/chorus');
const sample = (name: string) => readFileSync(path.join(SAMPLES, name));

/** Data lines of a regional INF-BUD-53 sample (7 preamble lines, then the header). */
function regionalRows(name: string): string[][] {
  return parse(sample(name), {
    from_line: 9,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
}
/** An amount of the sample in cents (sums in integers: no float drift). */
const cents = (text: string) => Math.round(Number(text.replace(',', '.')) * 100);

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;
const sql = async (text: string) => (await services.warehouse.query(text)).rows;

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 20_000 });
  app = await buildApp(services, { logger: false });
  admin = await loginAs(app, 'admin@demo.local');
}, 180_000);
afterAll(async () => {
  await app?.close();
  await services?.cleanup();
});

function form(bytes: Buffer | string, fileName: string): FormData {
  const data = new FormData();
  data.append('fichier', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), fileName);
  return data;
}

async function deposit(bytes: Buffer | string, fileName: string, session = admin) {
  return app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: session.headers,
    payload: form(bytes, fileName),
  });
}

async function job(id: number): Promise<ImportJobAnswer> {
  const response = await app.inject({ url: `/api/imports/${id}`, headers: admin.headers });
  expect(response.statusCode).toBe(200);
  return response.json<ImportJobAnswer>();
}

/** Polls until the job leaves the working statuses (or reaches `status`). */
async function settled(id: number, status?: string): Promise<ImportJobAnswer> {
  for (let i = 0; i < 600; i++) {
    const answer = await job(id);
    const s = answer.job.status;
    if (status ? s === status : !['analysing', 'queued', 'running'].includes(s)) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import ${id} toujours en cours`);
}

async function confirm(id: number, body: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/api/imports/${id}/confirmation`,
    headers: admin.headers,
    payload: body,
  });
}

async function importFile(name: string, body: Record<string, unknown>): Promise<ImportJobAnswer> {
  const response = await deposit(sample(name), path.basename(name));
  expect(response.statusCode).toBe(201);
  const { job: created } = response.json<ImportJobAnswer>();
  await settled(created.id, 'awaiting_confirmation');
  const confirmed = await confirm(created.id, body);
  expect(confirmed.statusCode).toBe(200);
  return settled(created.id);
}

const bretagneSpec = {
  dataset: 'chorus_lignes',
  measures: ['montant_ae', 'montant_cp', 'nb_lignes'],
  filters: [
    { field: 'region', op: 'eq', values: ['53'] },
    { field: 'annee', op: 'eq', values: [2023] },
  ],
};
async function query(spec: Record<string, unknown>): Promise<QueryResult> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/query',
    headers: admin.headers,
    payload: spec,
  });
  expect(response.statusCode).toBe(200);
  return response.json<QueryResult>();
}

describe('refusals before anything is written', () => {
  it('names the missing column, a PDF renamed .csv, an empty file, a missing file', async () => {
    const before = await sql('SELECT count(*), sum(montant_ae) FROM chorus_lignes');
    const missing = await deposit(sample('regional/chorus_ae_missing_column.csv'), 'chorus_ae.csv');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('IMPORT_REFUSED');
    expect(missing.json().error.message).toMatch(/^Fichier refusé, rien n’a été importé : .*N° EJ/);
    const refusedJob = await job(missing.json().error.details.jobId);
    expect(refusedJob.job.status).toBe('refused');

    const pdf = await deposit(
      Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
      'chorus.csv',
    );
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json().error.message).toMatch(/PDF/);

    const empty = await deposit(Buffer.alloc(0), 'vide.csv');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.message).toMatch(/vide/i);

    const noFile = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: admin.headers,
      payload: { fichier: 'x' },
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('IMPORT_NO_FILE');
    expect(await sql('SELECT count(*), sum(montant_ae) FROM chorus_lignes')).toEqual(before);
  });

  it('is for administrators only', async () => {
    const editeur = await loginAs(app, 'editeur@demo.local');
    expect((await deposit(sample('regional/chorus_ae.csv'), 'a.csv', editeur)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/imports', headers: editeur.headers })).statusCode).toBe(403);
  });
});

describe('a regional AE report, then its CP report', () => {
  const ae = regionalRows('regional/chorus_ae.csv');
  const cp = regionalRows('regional/financial_cp.csv');
  let demoOtherPairs: unknown;
  let cachedBefore: QueryResult;

  beforeAll(async () => {
    demoOtherPairs = await sql(`SELECT count(*), sum(montant_ae), sum(montant_cp) FROM chorus_demo
      WHERE NOT (region = '53' AND annee IN (2022, 2023))`);
    cachedBefore = await query(bretagneSpec);
    expect(cachedBefore.meta.demo).toBe(true);
  });

  it('analyses the file before anything is written: layout, preview, counters, problems', async () => {
    const response = await deposit(sample('regional/chorus_ae.csv'), 'chorus_ae.csv');
    expect(response.statusCode).toBe(201);
    const created = response.json<ImportJobAnswer>().job;
    expect(created.layout).toMatchObject({ id: 'inf-bud-53-ae', carriesRegion: false });
    expect(created.preview.length).toBe(ae.filter((r) => /^\d+$/.test(r[0] ?? '')).length);
    const { job: analysed, problems } = await settled(created.id, 'awaiting_confirmation');
    const invalid = ae.filter((r) => !/^\d+$/.test(r[0] ?? ''));
    expect(analysed.counters).toMatchObject({
      linesRead: ae.length,
      linesValid: ae.length - invalid.length,
      linesRejected: invalid.length,
    });
    expect(problems[0]).toMatchObject({ kind: 'rejet', column: 'Programme', value: 'XXX' });
    // What the file covers, shown before confirming: its encoding, the years of its lines.
    expect(analysed.encoding).toBe('utf-8');
    expect(analysed.yearsFound).toEqual([2023]);
    expect(analysed.regionsFound).toEqual([]);

    // A regional report needs its région; tout ou rien refuses the invalid line.
    const noRegion = await confirm(created.id, {});
    expect(noRegion.statusCode).toBe(400);
    expect(noRegion.json().error.code).toBe('IMPORT_REGION_REQUIRED');
    expect((await confirm(created.id, { region: '99' })).json().error.code).toBe('IMPORT_REGION_UNKNOWN');
    const strict = await confirm(created.id, { region: '53' });
    expect(strict.statusCode).toBe(200);
    const failed = await settled(created.id);
    expect(failed.job.status).toBe('failed');
    expect(failed.job.message).toMatch(/1 ligne invalide .*rien n’a été importé.*« tout ou rien »/);
    expect(await sql(`SELECT count(*) FROM chorus_lignes WHERE origine <> 'demo'`)).toEqual([[0]]);
  });

  it('imports the valid lines with « ignorer les lignes invalides », summed per (EJ, poste)', async () => {
    const done = await importFile('regional/chorus_ae.csv', { region: '53', mode: 'ignorer_invalides' });
    expect(done.job.status).toBe('succeeded');
    expect(done.job.slices).toEqual([
      { kind: 'ae', year: 2023, region: '53', regionLabel: 'Bretagne', lines: 2 },
    ]);
    const expected = new Map<string, number>();
    for (const r of ae.filter((x) => /^\d+$/.test(x[0] ?? ''))) {
      const key = `${r[4]}/${r[6]}`;
      expected.set(key, (expected.get(key) ?? 0) + cents(r[17] as string));
    }
    const lines = await sql(`SELECT ej || '/' || poste_ej, montant_ae, region, annee, programme, origine
      FROM chorus_lignes WHERE origine = 'importe' ORDER BY 1`);
    expect(lines).toEqual(
      [...expected].sort().map(([key, amount]) => [key, amount / 100, '53', 2023, '0103', 'importe']),
    );
    // Demo lines of (2023, Bretagne) gave way; every other pair is untouched.
    expect(
      await sql(
        `SELECT count(*) FROM chorus_lignes WHERE origine = 'demo' AND region = '53' AND annee = 2023`,
      ),
    ).toEqual([[0]]);
    expect(
      await sql(`SELECT count(*), sum(montant_ae), sum(montant_cp) FROM chorus_lignes
        WHERE origine = 'demo' AND NOT (region = '53' AND annee IN (2022, 2023))`),
    ).toEqual(demoOtherPairs);

    // The cache does not serve the pre-import answer; the result is no longer demo data.
    const after = await query(bretagneSpec);
    expect(after.meta.dataVersion).not.toBe(cachedBefore.meta.dataVersion);
    expect(after.meta.demo).toBe(false);
    expect(after.rows[0]?.[0]).toBe([...expected.values()].reduce((a, b) => a + b, 0) / 100);
    const datasets = (
      await app.inject({ url: '/api/datasets/chorus_lignes', headers: admin.headers })
    ).json();
    expect(datasets.demo).toBe(true);
    expect(datasets.composition).toContainEqual(
      expect.objectContaining({ year: 2023, region: '53', origin: 'importe', lines: 2 }),
    );
  });

  it('links the CP report onto those AE lines and keeps the others as orphan CP', async () => {
    const done = await importFile('regional/financial_cp.csv', { region: '53', mode: 'ignorer_invalides' });
    expect(done.job.status).toBe('succeeded');
    const linked = new Map<string, number>();
    const orphans: number[] = [];
    const aeKeys = new Set(ae.map((r) => `${r[4]}/${r[6]}`));
    for (const r of cp) {
      const key = `${r[4]}/${r[5]}`;
      const amount = cents(r[20] as string);
      if (aeKeys.has(key)) linked.set(key, (linked.get(key) ?? 0) + amount);
      else orphans.push(amount);
    }
    expect(
      await sql(
        `SELECT ej || '/' || poste_ej, montant_cp FROM chorus_lignes WHERE origine = 'importe' AND montant_cp <> 0`,
      ),
    ).toEqual([...linked].map(([key, amount]) => [key, amount / 100]));
    expect(
      (await sql(`SELECT montant_cp FROM chorus_lignes WHERE origine = 'cp_orphelin' ORDER BY 1`)).map(
        (r) => r[0],
      ),
    ).toEqual(orphans.sort((a, b) => a - b).map((c) => c / 100));
    // Every CP line is placed in Bretagne at least (the administrator's région).
    expect(await sql(`SELECT DISTINCT region FROM chorus_lignes WHERE origine = 'cp_orphelin'`)).toEqual([
      ['53'],
    ]);
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const before = await sql('SELECT count(*), sum(montant_ae), sum(montant_cp) FROM chorus_lignes');
    const again = await importFile('regional/chorus_ae.csv', { region: '53', mode: 'ignorer_invalides' });
    expect(again.job.status).toBe('unchanged');
    expect(again.job.message).toMatch(/déjà été importé .*rien n’a changé/);
    expect(await sql('SELECT count(*), sum(montant_ae), sum(montant_cp) FROM chorus_lignes')).toEqual(before);
  });

  it('reports problems as a French CSV and keeps the history with authors, in the audit journal too', async () => {
    const list = (await app.inject({ url: '/api/imports', headers: admin.headers })).json();
    expect(list.maxMb).toBe(services.settings.importMaxMb);
    const succeeded = list.imports.filter((j: { status: string }) => j.status === 'succeeded');
    expect(succeeded.length).toBe(2);
    expect(succeeded[0].author.email).toBe('admin@demo.local');
    const aeJob = succeeded[1];
    const report = await app.inject({ url: `/api/imports/${aeJob.id}/rapport.csv`, headers: admin.headers });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = report.body.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('Ligne;Colonne;Valeur;Motif');
    expect(lines).toContainEqual(expect.stringMatching(/^11;Programme;XXX;.+/));
    // AE lines kept though their commune is unknown (centre de coûts absent from the
    // referential, localisation N53 = the région only).
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^9;Centre de coûts;DREETS0035;Commune introuvable.*conservée au niveau région \(Bretagne\)/,
      ),
    );
    const audit = (await app.inject({ url: '/api/audit?limit=100', headers: admin.headers })).json();
    const actions = audit.entries
      .filter((e: { details: { importId?: number } }) => e.details.importId === aeJob.id)
      .map((e: { action: string; outcome: string; actorEmail: string }) => [
        e.action,
        e.outcome,
        e.actorEmail,
      ]);
    expect(actions).toEqual([
      ['import_finished', 'success', 'admin@demo.local'],
      ['import_confirmed', 'success', 'admin@demo.local'],
      ['import_received', 'success', 'admin@demo.local'],
    ]);
  });
});
