import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { AuditLog } from '../audit/repository.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs } from '../testing/session.ts';

/**
 * The metadata store made to refuse writes for real (a PGlite trigger raising disk_full, a
 * read-only session), not a mock: login still works, the audit entry waits and is written later,
 * and other writes answer a French 503.
 */
let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let audit: AuditLog;
const logged: { level: number; msg: string; audit?: { action: string } }[] = [];

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000, loginRateLimit: 1_000 });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged.push(JSON.parse(String(chunk)));
      done();
    },
  });
  audit = new AuditLog(services.metadata.db, pino({ level: 'info' }, sink));
  app = await buildApp({ ...services, audit }, { logger: false });
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

const db = () => services.metadata.db;

async function login(email: string, password = 'demo') {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

describe('audit journal on a full disk', () => {
  it('lets users sign in, keeps the entries and writes them once the store takes writes again', async () => {
    const before = (await audit.latest(1))[0]?.id ?? 0;
    await db().execute(sql`
      CREATE FUNCTION audit_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'could not extend file "base/5/16390": No space left on device'
          USING ERRCODE = 'disk_full';
      END $$`);
    await db().execute(
      sql`CREATE TRIGGER audit_disk_full BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_disk_full()`,
    );

    const signedIn = await login('admin@demo.local');
    expect(signedIn.statusCode).toBe(200);
    const refused = await login('admin@demo.local', 'mauvais');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(audit.pendingCount).toBe(2);
    expect(logged.filter((l) => l.level === 50 && l.audit).map((l) => l.audit?.action)).toEqual([
      'login',
      'login_failed',
    ]);
    expect((await audit.latest(1))[0]?.id ?? 0).toBe(before);

    await db().execute(sql`DROP TRIGGER audit_disk_full ON audit_log`);
    expect((await login('editeur@demo.local')).statusCode).toBe(200);
    expect(audit.pendingCount).toBe(0);
    const written = (await audit.latest(3)).reverse();
    expect(written.map((e) => [e.action, e.actorEmail])).toEqual([
      ['login', 'admin@demo.local'],
      ['login_failed', 'admin@demo.local'],
      ['login', 'editeur@demo.local'],
    ]);
    // Each entry keeps the time of the action, not of the late write.
    expect(Date.parse(written[0]?.at ?? '')).toBeLessThanOrEqual(Date.parse(written[2]?.at ?? ''));
  });
});

describe('a read-only metadata store', () => {
  it('signs users in, answers other writes with 503 STORAGE_UNAVAILABLE, then recovers', async () => {
    const admin = await loginAs(app, 'admin@demo.local');
    const reader = (await login('lecteur.bretagne@demo.local')).json<{ user: { id: number } }>().user;
    await db().execute(sql`SET default_transaction_read_only = on`);
    try {
      // Login writes its last-login time and its audit entry: both refused, login still works.
      const signedIn = await login('lecteur.bretagne@demo.local');
      expect(signedIn.statusCode).toBe(200);
      expect(audit.pendingCount).toBe(1);

      const update = await app.inject({
        method: 'PATCH',
        url: `/api/users/${reader.id}`,
        headers: admin.headers,
        payload: { name: 'Lecteur renommé' },
      });
      expect(update.statusCode).toBe(503);
      expect(update.headers['retry-after']).toBe('60');
      expect(update.json().error).toEqual({
        code: 'STORAGE_UNAVAILABLE',
        message:
          'Enregistrement impossible : le stockage du serveur est plein ou en lecture seule. Rien n’a été modifié ; réessayez plus tard et prévenez l’administrateur si cela persiste.',
      });
      // Reads keep working.
      expect((await app.inject({ url: '/api/me', headers: admin.headers })).statusCode).toBe(200);
    } finally {
      await db().execute(sql`SET default_transaction_read_only = off`);
    }
    await audit.flush();
    expect(audit.pendingCount).toBe(0);
    expect((await audit.latest(1))[0]).toMatchObject({
      action: 'login',
      actorEmail: 'lecteur.bretagne@demo.local',
    });
  });
});
