import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImportJobAnswer, QueryResult } from '@dataetat/widgets';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices, seedDir } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

/**
 * Issue 11, grant files over HTTP: the SCDL « subventions » sample (ADEME) and the France 2030
 * winners' list become their datasets, placed through the beneficiary or the file's territory,
 * queried through the query service. Expected counts and totals are computed here from the
 * sample text with plain splits, and the warehouse is read with plain SQL.
 */

const ADEME = readFileSync(path.join(seedDir, 'formats/scdl/ademe.csv'));
const FRANCE_2030 = readFileSync(path.join(seedDir, 'formats/other/france_2030.csv'));

/** Data rows of a sample, its quoted fields (no comma-free guarantee) blanked before the split. */
function rowsOf(bytes: Buffer): string[][] {
  return bytes
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.replace(/"[^"]*"/g, '').split(','));
}
const euros = (text: string) => (text === 'NaN' ? 0 : Number(text));
const ademeRows = rowsOf(ADEME);
const france2030Rows = rowsOf(FRANCE_2030);
const ademeTotal = ademeRows.reduce((s, r) => s + euros(r[7] as string), 0);

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;
const sql = async (text: string) => (await services.warehouse.query(text)).rows;

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  admin = await loginAs(app, 'admin@demo.local');
}, 180_000);
afterAll(async () => {
  await app?.close();
  await services?.cleanup();
});

function deposit(bytes: Buffer | string, fileName: string, session = admin) {
  const data = new FormData();
  data.append('fichier', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), fileName);
  return app.inject({ method: 'POST', url: '/api/imports', headers: session.headers, payload: data });
}

async function job(id: number): Promise<ImportJobAnswer> {
  const response = await app.inject({ url: `/api/imports/${id}`, headers: admin.headers });
  expect(response.statusCode).toBe(200);
  return response.json<ImportJobAnswer>();
}

async function settled(id: number, status?: string): Promise<ImportJobAnswer> {
  for (let i = 0; i < 600; i++) {
    const answer = await job(id);
    const s = answer.job.status;
    if (status ? s === status : !['analysing', 'queued', 'running'].includes(s)) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import ${id} toujours en cours`);
}

async function importBytes(bytes: Buffer | string, fileName: string, body: Record<string, unknown> = {}) {
  const response = await deposit(bytes, fileName);
  expect(response.statusCode).toBe(201);
  const { job: created } = response.json<ImportJobAnswer>();
  await settled(created.id, 'awaiting_confirmation');
  const confirmed = await app.inject({
    method: 'POST',
    url: `/api/imports/${created.id}/confirmation`,
    headers: admin.headers,
    payload: body,
  });
  expect(confirmed.statusCode).toBe(200);
  return settled(created.id);
}

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

describe('before any import', () => {
  it('lists both datasets as not loaded yet; a query says « pas encore importé »', async () => {
    const list = (await app.inject({ url: '/api/datasets', headers: admin.headers })).json();
    const byId = new Map(list.datasets.map((d: { id: string }) => [d.id, d]));
    for (const id of ['subventions_operateurs', 'france_2030_laureats']) {
      expect(byId.get(id)).toMatchObject({ id, demo: false, updatedAt: null, rowCount: null });
    }
    const empty = await app.inject({
      method: 'POST',
      url: '/api/query',
      headers: admin.headers,
      payload: { dataset: 'france_2030_laureats', measures: ['montant_aide'] },
    });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error).toMatchObject({
      code: 'DATA_NOT_IMPORTED',
      message: expect.stringMatching(/^Le jeu « France 2030 : lauréats » n’a pas encore été importé/),
    });
    // The table is there, empty: the catalogue's columns exist before any import.
    expect(await sql('SELECT count(*) FROM france_2030_laureats')).toEqual([[0]]);
  });
});

describe('SCDL « subventions » (ADEME sample)', () => {
  let ademeJob: number;

  it('is recognised from its content whatever its name, previewed, then imported whole', async () => {
    const response = await deposit(ADEME, 'export.txt');
    expect(response.statusCode).toBe(201);
    const created = response.json<ImportJobAnswer>().job;
    expect(created.dataset).toBe('subventions_operateurs');
    expect(created.layout).toEqual({
      id: 'scdl-subventions',
      label: 'SCDL « subventions » (aides des opérateurs)',
      carriesRegion: true,
    });
    expect(created.preview[0]).toEqual({
      line: 2,
      kind: 'subvention',
      date: '2021-05-05',
      attribuant: 'ADEME',
      objet: 'TREMPLIN pour la transition écologique des PME',
      beneficiaire: 'MEGO ! - MEGO',
      siret: '82815371800014',
      montant: 5000,
    });
    await settled(created.id, 'awaiting_confirmation');
    await app.inject({
      method: 'POST',
      url: `/api/imports/${created.id}/confirmation`,
      headers: admin.headers,
      payload: { mode: 'tout_ou_rien' },
    });
    const done = (await settled(created.id)).job;
    ademeJob = done.id;
    expect(done.status).toBe('succeeded');
    expect(done.counters).toEqual({
      linesRead: ademeRows.length,
      linesValid: ademeRows.length,
      linesRejected: 0,
      // None of these beneficiaries appears in the data already imported: kept, without territory.
      linesUnplaced: ademeRows.length,
      problemsTotal: ademeRows.length,
    });
    expect(done.datasetLines).toBe(ademeRows.length);
    expect(done.slices).toEqual([
      { kind: 'subvention', year: 2021, region: null, regionLabel: null, lines: 3 },
    ]);
  });

  it('answers through the query service with the sample’s count and total, by beneficiary', async () => {
    const result = await query({
      dataset: 'subventions_operateurs',
      measures: ['montant', 'nb_aides', 'nb_beneficiaires'],
      dimensions: ['beneficiaire'],
      sort: [{ field: 'beneficiaire', dir: 'asc' }],
      totals: true,
    });
    expect(result.rows.map((r) => r[0])).toEqual(ademeRows.map((r) => r[5]).sort());
    expect(result.totals).toMatchObject({ montant: ademeTotal, nb_aides: ademeRows.length });
    expect(
      await sql(`SELECT count(*), sum(montant), min(attribuant), min(attribuant_label), min(annee)
        FROM subventions_operateurs WHERE region IS NULL AND niveau_localisation IS NULL`),
    ).toEqual([[ademeRows.length, ademeTotal, '38529030900454', 'ADEME', 2021]]);
    const dataset = (
      await app.inject({ url: '/api/datasets/subventions_operateurs', headers: admin.headers })
    ).json();
    expect(dataset.rowCount).toBe(ademeRows.length);
    expect(dataset.updatedAt).not.toBeNull();
  });

  it('lists the lines it could not place in the report, never drops them', async () => {
    const report = await app.inject({ url: `/api/imports/${ademeJob}/rapport.csv`, headers: admin.headers });
    const lines = report.body
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('Ligne;Colonne;Valeur;Motif');
    expect(lines.slice(1)).toEqual(
      ademeRows.map((r, i) =>
        expect.stringMatching(
          new RegExp(
            `^${i + 2};Bénéficiaire;${r[5]};Commune du bénéficiaire inconnue .*conservée sans territoire`,
          ),
        ),
      ),
    );
  });

  it('changes nothing for the same file again; a new version replaces the attribuant’s lines only', async () => {
    const again = await importBytes(ADEME, 'ademe.csv');
    expect(again.job.status).toBe('unchanged');
    // Another operator's file adds its lines beside ADEME's.
    const other = ADEME.toString('utf8')
      .replaceAll('38529030900454', '13001794600024')
      .replaceAll('ADEME,', 'AGENCE X,');
    const added = await importBytes(other, 'agence.csv');
    expect(added.job.status).toBe('succeeded');
    expect(
      await sql('SELECT attribuant, count(*) FROM subventions_operateurs GROUP BY 1 ORDER BY 1'),
    ).toEqual([
      ['13001794600024', 3],
      ['38529030900454', 3],
    ]);
    // ADEME's new file drops a line and changes an amount: ADEME's lines become exactly these.
    const lines = ADEME.toString('utf8').split('\n');
    const next = [lines[0], (lines[1] as string).replace(',5000,', ',"7 500,25 €",'), lines[2]].join('\n');
    const replaced = await importBytes(next, 'ademe-v2.csv');
    expect(replaced.job.status).toBe('succeeded');
    expect(
      await sql(
        `SELECT attribuant, count(*), sum(montant) FROM subventions_operateurs GROUP BY 1 ORDER BY 1`,
      ),
    ).toEqual([
      ['13001794600024', 3, ademeTotal],
      ['38529030900454', 2, 7500.25 + 5000],
    ]);
    const version = await query({ dataset: 'subventions_operateurs', measures: ['montant'] });
    expect(version.rows[0]?.[0]).toBe(ademeTotal + 12500.25);
  });

  it('refuses a damaged header with a French message naming the column, and changes nothing', async () => {
    const before = await sql('SELECT count(*), sum(montant) FROM subventions_operateurs');
    const damaged = await deposit(ADEME.toString('utf8').replace('dateConvention', 'dateConv'), 'ademe.csv');
    expect(damaged.statusCode).toBe(422);
    expect(damaged.json().error.code).toBe('IMPORT_REFUSED');
    expect(damaged.json().error.message).toMatch(/Colonnes manquantes : « dateConvention »/);
    const unknown = await deposit('colonne1,colonne2\n1,2\n', 'ademe.csv');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toMatch(/SCDL « subventions ».*France 2030/);
    expect(await sql('SELECT count(*), sum(montant) FROM subventions_operateurs')).toEqual(before);
  });
});

describe('France 2030 lauréats', () => {
  it('imports every line with its three amounts, placed by the file’s département', async () => {
    const done = (await importBytes(FRANCE_2030, 'laureats.csv', { mode: 'tout_ou_rien' })).job;
    expect(done.status).toBe('succeeded');
    expect(done.dataset).toBe('france_2030_laureats');
    expect(done.counters.linesValid).toBe(france2030Rows.length);
    // Placed at département level (`localisation_geo`), not at the commune: counted as unplaced.
    expect(done.counters.linesUnplaced).toBe(france2030Rows.length);
    const sum = (at: number) => france2030Rows.reduce((s, r) => s + euros(r[at] as string), 0);
    const result = await query({
      dataset: 'france_2030_laureats',
      measures: ['montant_subvention', 'montant_avance_remboursable', 'montant_aide', 'nb_projets'],
      dimensions: ['region', 'departement'],
      sort: [{ field: 'departement', dir: 'asc' }],
      totals: true,
    });
    expect(result.rows).toEqual([
      ['76', 'Occitanie', '30', 'Gard', null, 3489768, 3489768, 1],
      ['52', 'Pays de la Loire', '44', 'Loire-Atlantique', 418492, null, 418492, 1],
    ]);
    expect(result.totals).toMatchObject({
      montant_subvention: sum(13),
      montant_avance_remboursable: sum(14),
      montant_aide: sum(15),
      nb_projets: france2030Rows.length,
    });
    // SCDL lines are untouched by another dataset's import.
    expect(await sql('SELECT count(*) FROM subventions_operateurs')).toEqual([[5]]);
  });

  it('is for national administrators: a regional scope cannot import a national list', async () => {
    const editeur = await loginAs(app, 'editeur@demo.local');
    expect((await deposit(FRANCE_2030, 'f.csv', editeur)).statusCode).toBe(403);
  });
});
