/**
 * Serialisation must not silently drop or change what a handler returned: fast-json-stringify
 * writes only what the schema declares, so the guard compares both and checks the schema.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installContracts } from './contracts.ts';
import { type ContractViolation, installResponseGuard } from './response-guard.ts';

const closed = Type.Object({ id: Type.Integer() }, { additionalProperties: false });
const open = Type.Object({ id: Type.Integer() });

let app: FastifyInstance;
const violations: ContractViolation[] = [];
beforeAll(async () => {
  app = Fastify({ logger: false });
  installContracts(app);
  installResponseGuard(app, violations);
  const route = (url: string, schema: typeof closed, value: unknown) =>
    app.get(url, { schema: { response: { 200: schema } } }, async () => value);
  route('/api/conforme', closed, { id: 1 });
  route('/api/champ-en-trop', closed, { id: 1, secret: 'x' });
  route('/api/champ-perdu', open, { id: 1, ajout: 'oublié dans le schéma' });
  route('/api/entier-tronque', open, { id: 1.5 });
  // Answers the route wrote itself (stepped JSON, kept bytes of a cached answer).
  const written = (url: string, body: string, gzip: boolean) =>
    app.get(url, { schema: { response: { 200: closed } } }, async (_request, reply) => {
      reply.type('application/json; charset=utf-8');
      if (!gzip) return body;
      reply.header('content-encoding', 'gzip');
      return gzipSync(body);
    });
  written('/api/texte-conforme', '{"id":2}', false);
  written('/api/texte-hors-schema', '{"id":2,"secret":"x"}', false);
  written('/api/gzip-conforme', '{"id":3}', true);
  written('/api/gzip-hors-schema', '{"id":"trois"}', true);
  await app.ready();
});
afterAll(() => app.close());

describe('response guard', () => {
  it('lets an answer that fits its schema through', async () => {
    const response = await app.inject('/api/conforme');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: 1 });
  });

  it.each([
    ['/api/champ-en-trop', 'réponse hors schéma en /secret'],
    ['/api/champ-perdu', 'la sérialisation a changé ou perdu /ajout'],
    ['/api/entier-tronque', 'réponse hors schéma en /id'],
  ])('fails %s instead of sending a silently different answer', async (url, problem) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('RESPONSE_CONTRACT');
    expect(response.json().error.message).toContain(problem);
    expect(violations.at(-1)).toMatchObject({ route: `GET ${url}`, status: 200 });
  });

  it('checks answers the route serialised or compressed itself', async () => {
    for (const url of ['/api/texte-conforme', '/api/gzip-conforme']) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(200);
    }
    const gzipped = await app.inject('/api/gzip-conforme');
    expect(JSON.parse(gunzipSync(gzipped.rawPayload).toString())).toEqual({ id: 3 });
    for (const [url, where] of [
      ['/api/texte-hors-schema', '/secret'],
      ['/api/gzip-hors-schema', '/id'],
    ] as const) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(500);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.json().error.message).toContain(`réponse hors schéma en ${where}`);
    }
  });

  it('proves serialisation would have dropped the field without it', async () => {
    const bare = Fastify({ logger: false });
    bare.get('/api/champ-perdu', { schema: { response: { 200: open } } }, async () => ({
      id: 1,
      ajout: 'x',
    }));
    expect((await bare.inject('/api/champ-perdu')).json()).toEqual({ id: 1 });
    await bare.close();
  });
});
