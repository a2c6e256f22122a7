import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTile } from '../geo/decode-tile.ts';
import { installErrorHandler } from '../plugins/error-handler.ts';
import { seedDir } from '../testing/harness.ts';
import { geoRoutes } from './geo.ts';

/** The geo routes as app.ts mounts them (compression plugin and error handler included). */
async function geoApp(options: { seedDir: string | null; basemapStyleUrl?: string | null }) {
  const app = Fastify({ logger: false });
  await app.register(compress, { threshold: 1024 });
  installErrorHandler(app);
  await app.register(geoRoutes, {
    prefix: '/api',
    seedDir: options.seedDir,
    basemapStyleUrl: options.basemapStyleUrl ?? null,
  });
  return app;
}

const rawFile = (file: string) =>
  JSON.parse(readFileSync(path.join(seedDir, 'geo', file), 'utf8')) as FeatureCollection;

let app: FastifyInstance;
beforeAll(async () => {
  app = await geoApp({ seedDir, basemapStyleUrl: 'https://tuiles.example.fr/style.json' });
});
afterAll(() => app.close());

type Collection = FeatureCollection<GeoJSON.Geometry, { code: string; nom: string; reg?: string }>;

describe('GET /api/geo/:level', () => {
  it.each([
    ['region', 18, '53', 'Bretagne'],
    ['departement', 101, '35', 'Ille-et-Vilaine'],
    ['epci', 1255, '243500139', 'Rennes Métropole'],
  ])('serves the %s boundaries gzipped, with COG names', async (level, count, code, nom) => {
    const response = await app.inject({
      url: `/api/geo/${level}`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    expect(response.headers['cache-control']).toMatch(/^public, max-age=\d{5,}/);
    expect(response.headers.vary).toContain('accept-encoding');
    const body = JSON.parse(gunzipSync(response.rawPayload).toString('utf8')) as Collection;
    expect(body.features).toHaveLength(count);
    expect(body.features.find((f) => f.properties.code === code)?.properties.nom).toBe(nom);
    // Every feature is named, and no coordinate carries more than 5 decimals.
    expect(body.features.every((f) => f.properties.nom.length > 0)).toBe(true);
    const sample = JSON.stringify(body.features[0]?.geometry);
    expect(sample).not.toMatch(/\.\d{6,}/);
  });

  it('keeps the parent région on départements and overseas départements', async () => {
    const body = (await app.inject('/api/geo/departement')).json() as Collection;
    const codes = body.features.map((f) => f.properties.code);
    expect(codes).toEqual(expect.arrayContaining(['2A', '2B', '971', '972', '973', '974', '976']));
    expect(body.features.find((f) => f.properties.code === '35')?.properties.reg).toBe('53');
  });

  it('serves brotli when asked, identical to the plain body', async () => {
    const plain = await app.inject({ url: '/api/geo/region', headers: { 'accept-encoding': 'identity' } });
    const br = await app.inject({ url: '/api/geo/region', headers: { 'accept-encoding': 'br, gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app.inject('/api/geo/departement');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.inject({ url: '/api/geo/departement', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const stale = await app.inject({ url: '/api/geo/departement', headers: { 'if-none-match': '"autre"' } });
    expect(stale.statusCode).toBe(200);
  });

  it('names the known levels for an unknown one, in French', async () => {
    const response = await app.inject('/api/geo/canton');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'GEO_LEVEL_NOT_FOUND' });
    expect(response.json().error.message).toContain('« canton »');
    expect(response.json().error.message).toContain('region, departement, epci');
    const communes = await app.inject('/api/geo/commune');
    expect(communes.json().error.message).toContain('/api/geo/communes?departement=');
  });
});

describe('GET /api/geo/qpv', () => {
  type Qpv = { code: string; nom: string; commune?: string; dep?: string; reg?: string; epci?: string };
  it('serves the 105 quartiers of Occitanie named with their commune, placed in the COG', async () => {
    const body = (await app.inject('/api/geo/qpv')).json() as FeatureCollection<GeoJSON.Geometry, Qpv>;
    expect(body.features).toHaveLength(105);
    expect(body.features.find((f) => f.properties.code === 'QP066007')?.properties).toEqual({
      code: 'QP066007',
      nom: 'Bas-Vernet Nouveau QPV (Perpignan)',
      commune: '66136',
      dep: '66',
      reg: '76',
      epci: '200027183',
    });
    expect(body.features.every((f) => f.properties.reg === '76' && /^QP\d{6}$/.test(f.properties.code))).toBe(
      true,
    );
    const centroids = (await app.inject('/api/geo/qpv/centroids')).json() as FeatureCollection;
    expect(centroids.features).toHaveLength(105);
  });

  it('answers 503 in French when the seed pack has no QPV file', async () => {
    const bare = await geoApp({ seedDir: path.join(seedDir, 'geo') });
    const response = await bare.inject('/api/geo/qpv');
    expect(response.statusCode).toBe(503);
    expect(response.json().error.message).toContain('qpv/qpv-2015-occitanie.geojson');
    // No quartier to draw anywhere: maps drilled into a commune stay at the commune level.
    expect((await bare.inject('/api/geo/config')).json().qpvCommunes).toEqual([]);
    await bare.close();
  });

  it('names in the map settings the communes that have quartiers to draw, those of the QPV file', async () => {
    const file = JSON.parse(readFileSync(path.join(seedDir, 'qpv/qpv-2015-occitanie.geojson'), 'utf8')) as {
      features: { properties: { code_commune: string } }[];
    };
    const communes = [...new Set(file.features.map((f) => f.properties.code_commune))].sort();
    expect(communes).toHaveLength(48);
    expect((await app.inject('/api/geo/config')).json().qpvCommunes).toEqual(communes);
  });
});

describe('GET /api/geo/:level/centroids', () => {
  it('places one point per département inside it', async () => {
    const body = (await app.inject('/api/geo/departement/centroids')).json() as FeatureCollection<
      GeoJSON.Point,
      { code: string; nom: string }
    >;
    expect(body.features).toHaveLength(101);
    const ille = body.features.find((f) => f.properties.code === '35');
    expect(ille?.properties.nom).toBe('Ille-et-Vilaine');
    const [lon = 0, lat = 0] = ille?.geometry.coordinates ?? [];
    // Ille-et-Vilaine spans about −2,3…−1,0 E and 47,6…48,7 N.
    expect(lon).toBeGreaterThan(-2.3);
    expect(lon).toBeLessThan(-1.0);
    expect(lat).toBeGreaterThan(47.6);
    expect(lat).toBeLessThan(48.7);
  });
});

describe('GET /api/geo/communes?departement=', () => {
  it('returns the communes of one département with names', async () => {
    const expected = rawFile('communes.geojson').features.filter((f) => f.properties?.dep === '35').length;
    const response = await app.inject({
      url: '/api/geo/communes?departement=35',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(gunzipSync(response.rawPayload).toString('utf8')) as Collection;
    expect(expected).toBeGreaterThan(300);
    expect(body.features).toHaveLength(expected);
    expect(body.features.find((f) => f.properties.code === '35238')?.properties.nom).toBe('Rennes');
  });

  it('keeps Corsican codes as strings', async () => {
    const body = (await app.inject('/api/geo/communes?departement=2a')).json() as Collection;
    expect(body.features.find((f) => f.properties.code === '2A004')?.properties.nom).toBe('Ajaccio');
  });

  it('explains a missing or unknown département', async () => {
    const missing = await app.inject('/api/geo/communes');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('GEO_DEPARTEMENT_REQUIRED');
    const unknown = await app.inject('/api/geo/communes?departement=99');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe(
      "Le département « 99 » n'existe pas (code COG attendu, ex. 35, 2A, 971).",
    );
  });
});

describe('GET /api/geo/tiles/communes/{z}/{x}/{y}.pbf', () => {
  it('serves a z5 tile over Brittany with commune codes as strings', async () => {
    // Rennes (−1,68 E, 48,11 N) lies in tile 5/15/11.
    const response = await app.inject({
      url: '/api/geo/tiles/communes/5/15/11.pbf',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.etag).toBeTruthy();
    const [layer, ...others] = decodeTile(gunzipSync(response.rawPayload));
    expect(others).toHaveLength(0);
    expect(layer?.name).toBe('communes');
    expect(layer?.version).toBe(2);
    const rennes = layer?.features.find((f) => f.properties.code === '35238');
    expect(rennes?.properties).toEqual({ code: '35238', nom: 'Rennes', dep: '35' });
    expect(rennes?.type).toBe(3); // polygon
    expect(layer?.features.every((f) => typeof f.properties.code === 'string')).toBe(true);
    expect(layer?.features.length).toBeGreaterThan(3000);

    const again = await app.inject({
      url: '/api/geo/tiles/communes/5/15/11.pbf',
      headers: { 'if-none-match': response.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers 204 for a tile in the open ocean', async () => {
    // Mid-Atlantic: −45…−33,75 E.
    const response = await app.inject('/api/geo/tiles/communes/5/12/11.pbf');
    expect(response.statusCode).toBe(204);
    expect(response.rawPayload.length).toBe(0);
  });

  it.each(['5/32/11', '12/0/0', 'a/1/1', '5/-1/3', '3/1/1.5'])(
    'rejects the tile %s in French',
    async (zxy) => {
      const response = await app.inject(`/api/geo/tiles/communes/${zxy}.pbf`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('GEO_TILE_INVALID');
      expect(response.json().error.message).toMatch(
        /^Tuile « .+ » invalide : le zoom doit être un entier entre 0 et 11/,
      );
    },
  );
});

describe('GET /api/geo/config', () => {
  it('tells the renderer where tiles are and which base map to use', async () => {
    const body = (await app.inject('/api/geo/config')).json();
    expect(body).toMatchObject({
      basemapStyleUrl: 'https://tuiles.example.fr/style.json',
      communeTiles: {
        url: '/api/geo/tiles/communes/{z}/{x}/{y}.pbf',
        sourceLayer: 'communes',
        promoteId: 'code',
      },
    });
    expect(body.attribution).toContain('IGN');
  });
});

describe('without a seed pack', () => {
  it('answers 503 with a French message', async () => {
    const bare = await geoApp({ seedDir: null });
    try {
      for (const url of [
        '/api/geo/departement',
        '/api/geo/communes?departement=35',
        '/api/geo/tiles/communes/5/15/11.pbf',
      ]) {
        const response = await bare.inject(url);
        expect(response.statusCode).toBe(503);
        expect(response.json().error.code).toBe('GEO_UNAVAILABLE');
        expect(response.json().error.message).toMatch(/^Les contours géographiques ne sont pas disponibles/);
      }
      expect((await bare.inject('/api/geo/config')).json().basemapStyleUrl).toBeNull();
    } finally {
      await bare.close();
    }
  });
});
