import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { startServer } from '../index.ts';
import { openTestServices, seedDir, tempDir } from '../testing/harness.ts';
import { loginAs, loginOverHttp, type TestSession } from '../testing/session.ts';

const web = tempDir('dataetat-web-');
mkdirSync(path.join(web.path, 'assets'));
writeFileSync(
  path.join(web.path, 'index.html'),
  '<!doctype html><title>Data-État</title><div id="root"></div>',
);
writeFileSync(path.join(web.path, 'assets/app-abc123.js'), 'console.log("app")');
mkdirSync(path.join(web.path, 'assets/embed'));
writeFileSync(path.join(web.path, 'embed.js'), 'console.log("loader")');
writeFileSync(path.join(web.path, 'assets/embed/runtime-abc123.js'), 'export const mount = 1;');

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;

beforeAll(async () => {
  services = await openTestServices({ webDistDir: web.path });
  app = await buildApp(services, { logger: false });
  admin = await loginAs(app, 'admin@demo.local');
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
  web.remove();
});

async function query(spec: unknown) {
  return app.inject({ method: 'POST', url: '/api/query', payload: spec as object, headers: admin.headers });
}

/** A GET as the national administrator. */
function get(url: string) {
  return app.inject({ url, headers: admin.headers });
}

describe('GET /api/health', () => {
  it('answers anonymous callers minimally; versions and loaded data are in the admin details', async () => {
    const response = await app.inject('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    const body = (await get('/api/health/details')).json();
    expect(body.status).toBe('ok');
    expect(body.versions.warehouse).toMatch(/^DuckDB v1\./);
    expect(body.versions.metadata).toMatch(/^PGlite PostgreSQL/);
    expect(body.datasets).toContainEqual(
      expect.objectContaining({ dataset: 'dotations_investissement', rows: 24_811 }),
    );
  });

  it('sends security headers', async () => {
    const response = await app.inject('/api/health');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('GET /api/datasets', () => {
  it('lists the catalogue with freshness', async () => {
    const body = (await get('/api/datasets')).json();
    const dotations = body.datasets.find((d: { id: string }) => d.id === 'dotations_investissement');
    expect(dotations).toMatchObject({ demo: false, rowCount: 24_811, grain: 'Un projet subventionné' });
    expect(dotations.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The period comes from the data, not from the load date.
    expect(dotations).toMatchObject({ years: [2019], period: '2019' });
    const postes = body.datasets.find((d: { id: string }) => d.id === 'politique_ville_postes');
    expect(postes).toMatchObject({ years: [2020, 2021, 2022], period: '2020 – 2022' });
    expect(dotations.measures.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining(['montant_subvention', 'cout_total', 'nb_projets']),
    );
    expect(dotations.dimensions.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining([
        'dotation',
        'echelon',
        'categorie',
        'region',
        'departement',
        'epci',
        'commune',
        'annee',
      ]),
    );
  });

  it('describes one dataset and answers 404 in French for an unknown one', async () => {
    expect((await get('/api/datasets/dotations_investissement')).json().id).toBe('dotations_investissement');
    const missing = await get('/api/datasets/inconnu');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'DATASET_NOT_FOUND', message: "Le jeu de données « inconnu » n'existe pas." },
    });
  });
});

describe('POST /api/query', () => {
  it('returns the seed pack totals by dotation', async () => {
    const response = await query({
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['dotation'],
      sort: [{ field: 'montant_subvention', dir: 'desc' }],
      totals: true,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.rows).toEqual([
      ['DETR', 977_561_920],
      ['DSIL', 554_492_422],
      ['DSID', 175_924_924],
    ]);
    expect(body.totals.montant_subvention).toBe(977_561_920 + 554_492_422 + 175_924_924);
    expect(body.columns.map((c: { id: string }) => c.id)).toEqual(['dotation', 'montant_subvention']);
    expect(body.meta).toMatchObject({ rowCount: 3, truncated: false, demo: false, engine: 'duckdb' });
    expect(body.meta.source).toContain('DGCL');
    // The dataset's title, for the provenance a picture of the widget prints.
    expect(body.meta.datasetTitle).toBe(
      "Dotations de soutien à l'investissement local 2019 (DETR, DSIL, DSID)",
    );
  });

  it('filters with bind parameters (département 59)', async () => {
    const body = (
      await query({
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        filters: [{ field: 'departement', op: 'eq', values: ['59'] }],
      })
    ).json();
    expect(body.rows).toEqual([[35_689_019]]);
  });

  it('returns labels beside codes, by région', async () => {
    const body = (
      await query({
        dataset: 'dotations_investissement',
        measures: ['montant_subvention', 'nb_projets'],
        dimensions: ['region'],
        filters: [{ field: 'region', op: 'in', values: ['53', '52'] }],
        sort: [{ field: 'region', dir: 'asc' }],
      })
    ).json();
    expect(body.columns.map((c: { id: string }) => c.id)).toEqual([
      'region',
      'region_label',
      'montant_subvention',
      'nb_projets',
    ]);
    expect(body.rows.map((r: unknown[]) => r.slice(0, 2))).toEqual([
      ['52', 'Pays de la Loire'],
      ['53', 'Bretagne'],
    ]);
  });

  it('refuses an unknown field with a 400 naming it and the dataset', async () => {
    const response = await query({ dataset: 'dotations_investissement', measures: ['montant_inexistant'] });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('SPEC_UNKNOWN_FIELD');
    expect(error.message).toContain('montant_inexistant');
    expect(error.message).toContain('dotations_investissement');
    expect(error.details.path).toBe('/measures/0');
  });

  it('keeps an injection-shaped value inert', async () => {
    const response = await query({
      dataset: 'dotations_investissement',
      measures: ['nb_projets'],
      filters: [{ field: 'dotation', op: 'eq', values: ["DETR' OR '1'='1"] }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().rows).toEqual([[0]]);
  });

  it('answers invalid JSON with a French 400', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/query',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: '{"dataset":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe("Le corps de la requête n'est pas un JSON valide.");
  });
});

describe('web app serving', () => {
  it('serves index.html at / and for deep links, assets with long cache', async () => {
    const home = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<div id="root">');
    const deep = await app.inject({
      url: '/jeux-de-donnees/dotations_investissement',
      headers: { accept: 'text/html' },
    });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
    const asset = await app.inject('/assets/app-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('serves the embed bundle to other sites (CORS, cross-origin resource policy), the app to its own', async () => {
    const origin = { origin: 'https://intranet.prefecture.example' };
    const loader = await app.inject({ url: '/embed.js', headers: origin });
    expect(loader.statusCode).toBe(200);
    expect(loader.headers['access-control-allow-origin']).toBe('*');
    expect(loader.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(loader.headers['cache-control']).toBe('public, max-age=300');
    const chunk = await app.inject({ url: '/assets/embed/runtime-abc123.js', headers: origin });
    expect(chunk.statusCode).toBe(200);
    expect(chunk.headers['access-control-allow-origin']).toBe('*');
    expect(chunk.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(chunk.headers['cache-control']).toContain('immutable');
    const appChunk = await app.inject({ url: '/assets/app-abc123.js', headers: origin });
    expect(appChunk.headers['access-control-allow-origin']).toBeUndefined();
    expect(appChunk.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('answers unknown API routes and missing files with JSON 404', async () => {
    const api = await app.inject({ url: '/api/nope', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('ROUTE_NOT_FOUND');
    const file = await app.inject('/assets/missing.js');
    expect(file.statusCode).toBe(404);
    const traversal = await app.inject({ url: '/../../etc/passwd', headers: { accept: 'text/html' } });
    expect(traversal.body).not.toContain('root:');
  });
});

describe('startServer', () => {
  it('listens on a real port, restarts on loaded data without reloading', async () => {
    const dir = tempDir();
    const first = await startServer(
      { dataDir: dir.path, seedDir, port: 0, host: '127.0.0.1', logLevel: 'silent', chorusLines: 5_000 },
      { logger: false },
    );
    const health = await fetch(`${first.url}/api/health`);
    // Anonymous callers reach the health route only.
    expect((await fetch(`${first.url}/api/datasets`)).status).toBe(401);
    expect(health.status).toBe(200);
    expect(first.services.seedOutcomes.every((o) => o.status === 'loaded')).toBe(true);
    await first.close();

    const second = await startServer(
      { dataDir: dir.path, seedDir, port: 0, host: '127.0.0.1', logLevel: 'silent', chorusLines: 5_000 },
      { logger: false },
    );
    expect(second.services.seedOutcomes.every((o) => o.status === 'up-to-date')).toBe(true);
    // The demo accounts were created once, and their sessions work after a restart.
    const session = await loginOverHttp(second.url, 'lecteur.bretagne@demo.local');
    const body = (await (await fetch(`${second.url}/api/datasets`, { headers: session.headers })).json()) as {
      datasets: { id: string; rowCount: number }[];
    };
    expect(body.datasets.find((d) => d.id === 'dotations_investissement')?.rowCount).toBe(24_811);
    await second.close();
    dir.remove();
    // Two real starts, the first a whole seed-pack load: 67 s on a loaded 2-core machine.
  }, 300_000);

  it('listens while the first load runs: 503 with Retry-After, then the data', async () => {
    const dir = tempDir();
    const server = await startServer(
      { dataDir: dir.path, seedDir, port: 0, host: '127.0.0.1', logLevel: 'silent', chorusLines: 50_000 },
      { logger: false, seedInBackground: true },
    );
    try {
      // The Chorus demo lines load last: the server answers long before they are there.
      expect(server.services.seeding).toBe(true);
      const ready = await fetch(`${server.url}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toContain('Chargement des données du démarrage en cours');
      expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);

      const session = await loginOverHttp(server.url, 'admin@demo.local');
      const query = () =>
        fetch(`${server.url}/api/query`, {
          method: 'POST',
          headers: { ...session.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ dataset: 'chorus_lignes', measures: ['montant_cp'] }),
        });
      const early = await query();
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('5');
      expect(((await early.json()) as { error: { code: string } }).error.code).toBe('DATA_NOT_LOADED');

      // Each dataset is served as soon as its own load is over, not when the whole pack is.
      let dotationsWhileSeeding = false;
      while (server.services.seeding && !dotationsWhileSeeding) {
        const dotations = await fetch(`${server.url}/api/query`, {
          method: 'POST',
          headers: { ...session.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ dataset: 'dotations_investissement', measures: ['montant_subvention'] }),
        });
        dotationsWhileSeeding = dotations.status === 200 && server.services.seeding;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(dotationsWhileSeeding).toBe(true);

      await server.services.seeded;
      expect(server.services.seeding).toBe(false);
      expect((await fetch(`${server.url}/api/health/ready`)).status).toBe(200);
      const late = await query();
      expect(late.status).toBe(200);
      const expected = await server.services.warehouse.query(
        'SELECT sum(montant_cp)::DOUBLE FROM chorus_lignes',
      );
      const body = (await late.json()) as { rows: number[][] };
      expect(body.rows[0]?.[0]).toBeCloseTo(Number(expected.rows[0]?.[0]), 2);
      // The pre-aggregations built by that first load serve queries without a restart (the
      // routes read at start, before them, had none).
      const byRegion = { dataset: 'chorus_lignes', dimensions: ['region'], measures: ['montant_cp'] };
      await expect
        .poll(() => server.services.queries.planQuery(byRegion, { scope: 'NAT' }).rollup?.definition.table)
        .toMatch(/^chorus_lignes__r_/);
    } finally {
      await server.services.seeded;
      await server.close();
      dir.remove();
    }
    // A whole seed-pack load at 50 000 Chorus lines, watched while it runs.
  }, 300_000);
});

describe('POST /api/query over a real socket', () => {
  it('answers through a real listener (the client staying connected is not a cancellation)', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}/api/query`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['dotation'],
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: unknown[][] };
    expect(body.rows).toContainEqual(['DETR', 977_561_920]);
  });
});
