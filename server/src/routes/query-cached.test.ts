/**
 * Cached answers of `POST /api/query` are sent from their kept text and compressed bytes: the
 * same answer as a fresh one (but `cached`), in the encoding the client accepts, never another
 * scope's, and still no-store. The response guard (on under vitest) checks the bytes sent.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { QueryResult } from '@dataetat/widgets';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let national: TestSession;
let bretagne: TestSession;
beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  national = await loginAs(app, 'editeur@demo.local');
  bretagne = await loginAs(app, 'lecteur.bretagne@demo.local');
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

/** Large enough to be compressed (> 1 KB of JSON). */
const spec = {
  dataset: 'chorus_lignes',
  measures: ['montant_cp'],
  dimensions: ['departement', 'annee'],
  sort: [{ field: 'departement', dir: 'asc' }],
};

function post(session: TestSession, body: unknown, acceptEncoding?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/query',
    headers: {
      ...session.headers,
      ...(acceptEncoding !== undefined && { 'accept-encoding': acceptEncoding }),
    },
    payload: body as object,
  });
}

function decoded(response: LightMyRequestResponse): QueryResult {
  const encoding = response.headers['content-encoding'];
  const bytes = response.rawPayload;
  const text =
    encoding === 'gzip'
      ? gunzipSync(bytes).toString()
      : encoding === 'br'
        ? brotliDecompressSync(bytes).toString()
        : bytes.toString();
  return JSON.parse(text) as QueryResult;
}

describe('cached query answers', () => {
  it('are the fresh answer, marked cached, in the encoding asked for', async () => {
    const fresh = await post(national, spec, 'gzip');
    expect(fresh.statusCode).toBe(200);
    const first = decoded(fresh);
    expect(first.meta.cached).toBe(false);
    expect(JSON.stringify(first).length).toBeGreaterThan(1024);
    const expected = { ...first, meta: { ...first.meta, cached: true } };

    for (const [accept, encoding] of [
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0, gzip;q=0.5', 'gzip'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['identity', undefined],
      [undefined, undefined],
    ] as const) {
      const response = await post(national, spec, accept);
      expect(response.statusCode, accept).toBe(200);
      expect(response.headers['content-encoding'], accept).toBe(encoding);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      if (encoding) expect(response.headers.vary).toContain('accept-encoding');
      expect(decoded(response), accept).toEqual(expected);
    }
    expect(app.contractViolations).toEqual([]);
  });

  it('compress a fresh answer of up to 64 KB in one piece, its length known', async () => {
    // Not the cached spec: a fresh answer goes through the compression plugin.
    const fresh = await post(national, { ...spec, sort: [{ field: 'annee', dir: 'desc' }] }, 'gzip');
    expect(fresh.statusCode).toBe(200);
    const json = JSON.stringify(decoded(fresh));
    expect(decoded(fresh).meta.cached).toBe(false);
    // Above the plugin's own limit on 2 cores (8 KB, which streams it through zlib's threadpool).
    expect(json.length).toBeGreaterThan(8 * 1024);
    expect(json.length).toBeLessThan(64 * 1024);
    expect(fresh.headers['content-encoding']).toBe('gzip');
    expect(fresh.headers['transfer-encoding']).toBeUndefined();
    expect(Number(fresh.headers['content-length'])).toBe(fresh.rawPayload.length);
  });

  it('never serve one scope the answer kept for another', async () => {
    const nationalAnswer = decoded(await post(national, spec, 'gzip'));
    expect(nationalAnswer.meta.cached).toBe(true);
    const first = decoded(await post(bretagne, spec, 'gzip'));
    expect(first.meta.cached).toBe(false);
    expect(first.rows).not.toEqual(nationalAnswer.rows);
    const again = decoded(await post(bretagne, spec, 'gzip'));
    expect(again.meta.cached).toBe(true);
    expect(again.rows).toEqual(first.rows);
    // Bretagne's rows only: its départements.
    expect(again.rows.length).toBeGreaterThan(0);
    for (const row of again.rows) expect(['22', '29', '35', '56']).toContain(row[0]);
  });

  it('still refuse a spec the catalogue refuses, cached or not', async () => {
    const wrong = { ...spec, measures: ['inconnue'] };
    for (let i = 0; i < 2; i++) {
      const response = await post(national, wrong, 'gzip');
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toMatch(/^SPEC_/);
    }
  });
});
