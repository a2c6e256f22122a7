import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { rankSearchMatches } from '../query/field-values.ts';
import { QueryService } from '../query/query-service.ts';
import { openTestServices, seedDir } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;
beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  admin = await loginAs(app, 'admin@demo.local');
});

/** A GET as the national administrator. */
function get(url: string) {
  return app.inject({ url, headers: admin.headers });
}
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

describe('GET /api/datasets/:id/values/:field', () => {
  it('lists distinct values with labels and counts, most frequent first', async () => {
    const body = (await get('/api/datasets/dotations_investissement/values/dotation')).json();
    expect(body.values.map((v: { value: string }) => v.value)).toEqual(['DETR', 'DSIL', 'DSID']);
    expect(body.values[0]).toEqual({ value: 'DETR', label: null, count: 20_382 });
    const independent = await services.warehouse.query(
      'SELECT dotation, count(*) FROM dotations_investissement GROUP BY 1 ORDER BY 2 DESC',
    );
    expect(body.values.map((v: { value: string; count: number }) => [v.value, v.count])).toEqual(
      independent.rows,
    );
  });

  it('searches codes and labels, ignoring accents and case', async () => {
    const body = (
      await get('/api/datasets/dotations_investissement/values/departement?q=ILLE-ET-VIL')
    ).json();
    expect(body.values).toHaveLength(1);
    expect(body.values[0]).toMatchObject({ value: '35', label: 'Ille-et-Vilaine' });
    const accents = (await get('/api/datasets/dotations_investissement/values/region?q=reunion')).json();
    expect(accents.values.map((v: { label: string }) => v.label)).toEqual(['La Réunion']);
  });

  it('searches beneficiaries through their entity table, only those of the territory for a scoped reader', async () => {
    // What a scan of every line says: national, then région 53 only.
    const scanAll = async (region: string | null) =>
      (
        await services.warehouse.query(
          `SELECT beneficiaire, beneficiaire_label, count(*) FROM chorus_lignes
           WHERE beneficiaire_search LIKE '%commune%' ${region ? 'AND region = $1' : ''}
           GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 500`,
          region ? [region] : [],
        )
      ).rows.map(([value, label, count]) => ({
        value: value as string,
        label: label as string,
        count: Number(count),
      }));
    // The 500 most frequent matches, then the closest to what was typed first.
    const scan = async (region: string | null) => rankSearchMatches(await scanAll(region), 'COMMUNE', 50);
    const url = '/api/datasets/chorus_lignes/values/beneficiaire?q=COMMUNE';
    const national = (await get(url)).json();
    expect(national.values.length).toBeGreaterThan(10);
    expect(national.values).toEqual(await scan(null));
    const bretagne = await loginAs(app, 'lecteur.bretagne@demo.local');
    const scoped = (await app.inject({ url, headers: bretagne.headers })).json();
    const inBretagne = await scan('53');
    expect(inBretagne.length).toBeGreaterThan(0);
    expect(inBretagne.length).toBeLessThan(national.values.length);
    expect(scoped.values).toEqual(inBretagne);
  });

  it('puts what was typed first: « Rennes » before Rennes-le-Château, Varennes and Marennes', async () => {
    const communes = (await get('/api/reference/communes?q=Rennes&limit=8')).json();
    expect(communes.values[0]).toMatchObject({ value: '35238', label: 'Rennes' });
    // Then the names starting with it (Rennes-le-Château…), before those that only contain it (Varennes…).
    const starts = communes.values.map((v: { label: string }) => v.label.toLowerCase().startsWith('rennes'));
    expect(starts.indexOf(false)).toBeGreaterThan(starts.lastIndexOf(true));
    const byCode = (await get('/api/reference/departements?q=35&limit=3')).json();
    expect(byCode.values[0]).toMatchObject({ value: '35' });
  });

  it('caps the list and says it is truncated', async () => {
    const body = (await get('/api/datasets/dotations_investissement/values/commune?limit=5')).json();
    expect(body.values).toHaveLength(5);
    expect(body.truncated).toBe(true);
  });

  it('answers unknown fields and bad parameters in French', async () => {
    const unknown = await get('/api/datasets/dotations_investissement/values/nope');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('SPEC_UNKNOWN_FIELD');
    const badLimit = await get('/api/datasets/dotations_investissement/values/dotation?limit=100000');
    expect(badLimit.statusCode).toBe(400);
  });

  it('refuses a bad query string in French, with its JSON pointer', async () => {
    const tooMany = await get('/api/datasets/dotations_investissement/values/dotation?limit=1000');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toEqual({
      code: 'BAD_REQUEST',
      message: 'Requête invalide (paramètres de l’adresse, « /limit ») : valeur maximale : 500.',
      details: { in: 'querystring', path: '/limit', reason: 'valeur maximale : 500' },
    });
    const notANumber = await get('/api/datasets/dotations_investissement/values/dotation?limit=beaucoup');
    expect(notANumber.json().error.details).toMatchObject({
      path: '/limit',
      reason: 'type attendu : entier',
    });
    const unknown = await get('/api/datasets/dotations_investissement/values/dotation?couleur=bleu');
    expect(unknown.json().error.message).toBe(
      'Requête invalide (paramètres de l’adresse, « /couleur ») : propriété inconnue « couleur ».',
    );
  });
});

describe('GET /api/reference/:kind', () => {
  it('lists the départements of a région', async () => {
    const body = (await get('/api/reference/departements?region=53')).json();
    expect(body.values).toEqual([
      { value: '22', label: "Côtes-d'Armor" },
      { value: '29', label: 'Finistère' },
      { value: '35', label: 'Ille-et-Vilaine' },
      { value: '56', label: 'Morbihan' },
    ]);
  });

  it('lists the EPCI with a commune in a région (region= honoured), as plain SQL says', async () => {
    const expected = await services.warehouse.query(
      `SELECT e.code, e.nom FROM ref_epci e
       WHERE e.code IN (SELECT c.epci FROM ref_communes c WHERE c.region = '53')
       ORDER BY e.code LIMIT 50`,
    );
    expect(expected.rows.length).toBeGreaterThan(40);
    const body = (await get('/api/reference/epci?region=53')).json();
    expect(body.values).toEqual(expected.rows.map(([value, label]) => ({ value, label })));
    // Another région gives other EPCI; an unknown one gives none.
    const guadeloupe = (await get('/api/reference/epci?region=01')).json();
    expect(guadeloupe.values.length).toBeGreaterThan(0);
    expect(
      guadeloupe.values.some((v: { value: string }) =>
        body.values.some((b: { value: string }) => b.value === v.value),
      ),
    ).toBe(false);
    expect((await get('/api/reference/epci?region=99')).json().values).toEqual([]);
    // A search still applies within the région.
    const brest = (await get('/api/reference/epci?region=53&q=brest')).json();
    expect(brest.values.map((v: { label: string }) => v.label)).toEqual([expect.stringMatching(/Brest/)]);
  });

  it('searches communes without accents and programmes by label', async () => {
    const communes = (await get('/api/reference/communes?q=montelimar')).json();
    expect(communes.values).toContainEqual({ value: '26198', label: 'Montélimar' });
    const programmes = (await get('/api/reference/programmes?q=0380')).json();
    expect(programmes.values[0].value).toBe('0380');
  });

  it('lists the quartiers prioritaires of a commune, found by name or code, as the QPV file has them', async () => {
    const file = JSON.parse(readFileSync(path.join(seedDir, 'qpv/qpv-2015-occitanie.geojson'), 'utf8')) as {
      features: {
        properties: { code_qp: string; nom_qp: string; code_commune: string; nom_commune: string };
      }[];
    };
    const toulouse = file.features
      .map((f) => f.properties)
      .filter((p) => p.code_commune === '31555')
      .map((p) => ({ value: p.code_qp, label: `${p.nom_qp} (${p.nom_commune})` }))
      .sort((a, b) => (a.value < b.value ? -1 : 1));
    expect(toulouse.length).toBeGreaterThan(5);
    const listed = (await get('/api/reference/quartiers?commune=31555&limit=50')).json();
    expect(listed.values).toEqual(toulouse);
    const byName = (await get('/api/reference/quartiers?commune=31555&q=empalot')).json();
    expect(byName.values).toEqual([{ value: 'QP031010', label: 'Empalot (Toulouse)' }]);
    expect((await get('/api/reference/quartiers?q=qp031010')).json().values).toEqual(byName.values);
    // Bretagne has none in the seed pack's file (Occitanie only).
    expect((await get('/api/reference/quartiers?region=53')).json().values).toEqual([]);
  });

  it('names the available references for an unknown one', async () => {
    const response = await get('/api/reference/planetes');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toContain(
      'regions, departements, epci, communes, quartiers, programmes, themes',
    );
  });

  it('answers a French 504 when the query runs past its time, like every query', async () => {
    // The reference table becomes endless; a 200 ms budget stops it.
    await services.warehouse.query('ALTER TABLE ref_epci RENAME TO ref_epci_real');
    await services.warehouse.query(
      'CREATE VIEW ref_epci AS SELECT r.* FROM ref_epci_real r CROSS JOIN range(1000000000000)',
    );
    const hurried = await buildApp(
      {
        ...services,
        queries: new QueryService({
          catalogue: services.catalogue,
          warehouse: services.warehouse,
          versions: services.versions,
          cache: services.cache,
          maxRows: services.settings.maxQueryRows,
          timeoutMs: 200,
        }),
      },
      { logger: false },
    );
    try {
      const response = await hurried.inject({ url: '/api/reference/epci?q=rennes', headers: admin.headers });
      expect(response.statusCode).toBe(504);
      expect(response.json().error).toMatchObject({ code: 'QUERY_TIMEOUT' });
      expect(response.json().error.message).toContain('200 ms');
    } finally {
      await hurried.close();
      await services.warehouse.query('DROP VIEW ref_epci');
      await services.warehouse.query('ALTER TABLE ref_epci_real RENAME TO ref_epci');
    }
  });
});
