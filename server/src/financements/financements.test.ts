import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FieldValues, ImportJobAnswer, QueryResult } from '@dataetat/widgets';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { Settings } from '../config.ts';
import { openTestServices, seedDir } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';
import { testDatabaseUrl } from '../warehouse/testing.ts';

/**
 * Issue 13, « Financements publics » over the seed pack and two grant imports, on DuckDB and
 * (with TEST_DATABASE_URL) PostgreSQL: every source's total through the cross-source view
 * equals its own dataset's total, read here with plain SQL on the source tables; the amount
 * without double count leaves out exactly the lines Chorus already pays (recomputed here from
 * the Chorus lines); an import rebuilds the view and moves its data version; a Bretagne reader
 * sees Bretagne only, in queries and in the beneficiary search.
 */

const ADEME = readFileSync(path.join(seedDir, 'formats/scdl/ademe.csv'));
const FRANCE_2030 = readFileSync(path.join(seedDir, 'formats/other/france_2030.csv'));

type Engine = { name: string; settings: Partial<Settings>; schema?: string };
const schema = `dataetat_fin_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const engines: Engine[] = [{ name: 'duckdb', settings: {} }];
if (testDatabaseUrl) {
  engines.push({
    name: 'postgres',
    schema,
    settings: { warehouse: 'postgres', warehouseDatabaseUrl: testDatabaseUrl, warehouseSchema: schema },
  });
}

/** Each source's own total and line count, read from its table (not through the view). */
const OWN_TOTALS: Record<string, string> = {
  chorus: 'SELECT sum(montant_cp), count(*) FROM chorus_lignes',
  dotations: 'SELECT sum(montant_subvention), count(*) FROM dotations_investissement',
  politique_ville: 'SELECT sum(montant), count(*) FROM politique_ville_postes',
  subventions_operateurs: 'SELECT sum(montant), count(*) FROM subventions_operateurs',
  france_2030: 'SELECT sum(montant_aide), count(*) FROM france_2030_laureats',
};

/** What each source counts without double count, from the rules written out in plain SQL. */
const COUNTED: Record<string, string> = {
  chorus: `SELECT sum(montant_cp) FROM chorus_lignes c WHERE NOT EXISTS (
      SELECT 1 FROM subventions_operateurs o WHERE o.annee = c.annee AND length(o.attribuant) = 14
        AND substr(o.attribuant, 1, 9) = substr(c.beneficiaire, 1, 9))`,
  dotations: `SELECT sum(montant_subvention) FROM dotations_investissement d WHERE NOT EXISTS (
      SELECT 1 FROM chorus_lignes c WHERE c.programme IN ('0119', '0122') AND c.annee = d.annee AND c.region = d.region)`,
  politique_ville: `SELECT sum(montant) FROM politique_ville_postes p WHERE p.annee NOT IN (
      SELECT annee FROM chorus_lignes WHERE programme = '0147')`,
  subventions_operateurs: 'SELECT sum(montant) FROM subventions_operateurs',
  france_2030: `SELECT sum(montant_aide) FROM france_2030_laureats f WHERE f.annee NOT IN (
      SELECT annee FROM chorus_lignes WHERE programme IN ('0421', '0422', '0423', '0424', '0425'))`,
};

const cents = (value: unknown) => Math.round(Number(value ?? 0) * 100);

describe.each(engines)('financements_publics on $name', (engine) => {
  let services: Awaited<ReturnType<typeof openTestServices>>;
  let app: FastifyInstance;
  let admin: TestSession;
  let bretagne: TestSession;
  const sql = async (text: string) => (await services.warehouse.query(text)).rows;

  beforeAll(async () => {
    services = await openTestServices({ chorusLines: 2_000, ...engine.settings });
    app = await buildApp(services, { logger: false });
    admin = await loginAs(app, 'admin@demo.local');
    bretagne = await loginAs(app, 'lecteur.bretagne@demo.local');
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await services?.cleanup();
    if (engine.schema && testDatabaseUrl) {
      const client = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
      await client.unsafe(`DROP SCHEMA IF EXISTS ${engine.schema} CASCADE`);
      await client.end();
    }
  });

  async function query(spec: Record<string, unknown>, session = admin): Promise<QueryResult> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/query',
      headers: session.headers,
      payload: spec,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<QueryResult>();
  }

  async function importFile(bytes: Buffer, fileName: string): Promise<ImportJobAnswer> {
    const data = new FormData();
    data.append('fichier', new Blob([new Uint8Array(bytes)]), fileName);
    const deposited = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: admin.headers,
      payload: data,
    });
    expect(deposited.statusCode, deposited.body).toBe(201);
    const id = deposited.json<ImportJobAnswer>().job.id;
    const settle = async (done: (status: string) => boolean) => {
      for (let i = 0; i < 1200; i++) {
        const answer = (
          await app.inject({ url: `/api/imports/${id}`, headers: admin.headers })
        ).json<ImportJobAnswer>();
        if (done(answer.job.status)) return answer;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`import ${id} toujours en cours`);
    };
    await settle((s) => s === 'awaiting_confirmation');
    const confirmed = await app.inject({
      method: 'POST',
      url: `/api/imports/${id}/confirmation`,
      headers: admin.headers,
      payload: {},
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const answer = await settle((s) => !['analysing', 'queued', 'running'].includes(s));
    expect(answer.job.status).toBe('succeeded');
    return answer;
  }

  /** Per source through the API: [source, montant publié, montant sans double compte, lignes]. */
  async function perSource(session = admin) {
    const result = await query(
      {
        dataset: 'financements_publics',
        measures: ['montant_source', 'montant', 'nb_lignes'],
        dimensions: ['source'],
        sort: [{ field: 'source', dir: 'asc' }],
      },
      session,
    );
    return new Map(result.rows.map((r) => [r[0] as string, { amount: r[2], counted: r[3], lines: r[4] }]));
  }

  async function expectTotalsMatchSources(sources: readonly string[]) {
    const view = await perSource();
    expect([...view.keys()].sort()).toEqual([...sources].sort());
    for (const source of sources) {
      const [[amount, lines]] = (await sql(OWN_TOTALS[source] as string)) as [[unknown, unknown]];
      const [[counted]] = (await sql(COUNTED[source] as string)) as [[unknown]];
      const got = view.get(source);
      expect({ source, amount: cents(got?.amount), lines: got?.lines }).toEqual({
        source,
        amount: cents(amount),
        lines: Number(lines),
      });
      expect({ source, counted: cents(got?.counted) }).toEqual({ source, counted: cents(counted) });
    }
    return view;
  }

  it('is built from the seed pack: each source total equals its dataset’s own, overlaps left out', async () => {
    const view = await expectTotalsMatchSources(['chorus', 'dotations', 'politique_ville']);
    // The seed pack's dotations (2019) and posts (2020–2022) are paid on programmes the demo
    // Chorus lines carry: most is flagged, so the amount without double count is smaller.
    expect(cents(view.get('dotations')?.counted)).toBeLessThan(cents(view.get('dotations')?.amount));
    expect(cents(view.get('politique_ville')?.counted)).toBe(0);
    // The source's own API agrees with the view (same figure, other path).
    const own = await query({ dataset: 'chorus_lignes', measures: ['montant_cp'] });
    expect(cents(own.rows[0]?.[0])).toBe(cents(view.get('chorus')?.amount));
  });

  it('flags each overlap by a code and label an agent can filter on', async () => {
    const result = await query({
      dataset: 'financements_publics',
      measures: ['montant_source', 'montant'],
      dimensions: ['recoupement'],
      filters: [{ field: 'source', op: 'eq', values: ['dotations'] }],
      sort: [{ field: 'recoupement', dir: 'asc' }],
    });
    const [[flagged]] =
      (await sql(`SELECT sum(montant_subvention) FROM dotations_investissement d WHERE EXISTS (
      SELECT 1 FROM chorus_lignes c WHERE c.programme IN ('0119', '0122') AND c.annee = d.annee AND c.region = d.region)`)) as [
        [unknown],
      ];
    const row = result.rows.find((r) => r[0] === 'chorus_0119_0122');
    expect(row?.[1]).toBe('Payé par Chorus, programmes 0119 et 0122 (non compté)');
    expect(cents(row?.[2])).toBe(cents(flagged));
    expect(row?.[3]).toBe(0);
  });

  it('an import rebuilds the view and moves its data version', async () => {
    const before = await query({ dataset: 'financements_publics', measures: ['nb_lignes'] });
    await importFile(ADEME, 'ademe.csv');
    await importFile(FRANCE_2030, 'france_2030.csv');
    await expectTotalsMatchSources([
      'chorus',
      'dotations',
      'politique_ville',
      'subventions_operateurs',
      'france_2030',
    ]);
    const after = await query({ dataset: 'financements_publics', measures: ['nb_lignes'] });
    expect(after.meta.dataVersion).not.toBe(before.meta.dataVersion);
    const [[grants]] = (await sql(
      'SELECT (SELECT count(*) FROM subventions_operateurs) + (SELECT count(*) FROM france_2030_laureats)',
    )) as [[unknown]];
    expect(after.rows[0]?.[0]).toBe(Number(before.rows[0]?.[0]) + Number(grants));
  });

  it('shows a Bretagne reader Bretagne only, in queries and in the beneficiary search', async () => {
    const byRegion = await query(
      { dataset: 'financements_publics', measures: ['nb_lignes', 'montant'], dimensions: ['region'] },
      bretagne,
    );
    expect(byRegion.rows.map((r) => r[0])).toEqual(['53']);
    const [[lines]] = (await sql("SELECT count(*) FROM financements_publics WHERE region = '53'")) as [
      [unknown],
    ];
    expect(byRegion.rows[0]?.[2]).toBe(Number(lines));
    // A beneficiary paid only outside Bretagne: the admin finds it, the Bretagne reader does not.
    const [[outside]] =
      (await sql(`SELECT beneficiaire FROM financements_publics WHERE source = 'politique_ville'
      AND beneficiaire NOT IN (SELECT beneficiaire FROM financements_publics WHERE region = '53' AND beneficiaire IS NOT NULL)
      AND length(beneficiaire) = 14 ORDER BY beneficiaire LIMIT 1`)) as [[string]];
    const search = (session: TestSession) =>
      app
        .inject({
          url: `/api/datasets/financements_publics/values/beneficiaire?q=${outside}`,
          headers: session.headers,
        })
        .then((r) => r.json<FieldValues>());
    expect((await search(admin)).values.map((v) => v.value)).toContain(outside);
    expect((await search(bretagne)).values).toEqual([]);
    // Filtering on it does not reach outside the scope either.
    const direct = await query(
      {
        dataset: 'financements_publics',
        measures: ['nb_lignes'],
        filters: [{ field: 'beneficiaire', op: 'eq', values: [outside] }],
      },
      bretagne,
    );
    expect(direct.rows[0]?.[0] ?? 0).toBe(0);
  });
});
