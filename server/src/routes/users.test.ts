import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { verifyPassword } from '../auth/password.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  admin = await loginAs(app, 'admin@demo.local');
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

function createUser(payload: object) {
  return app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload });
}

function updateUser(id: number, payload: object, session = admin) {
  return app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: session.headers, payload });
}

describe('user administration', () => {
  it('lists the demo accounts with role, scope and status, never a hash', async () => {
    const response = await app.inject({ url: '/api/users', headers: admin.headers });
    expect(response.statusCode).toBe(200);
    const users = response.json().users as Record<string, unknown>[];
    expect(users.map((u) => [u.email, u.role, u.scope, u.status])).toEqual([
      ['admin@demo.local', 'admin', 'NAT', 'active'],
      ['editeur@demo.local', 'editeur', 'NAT', 'active'],
      ['lecteur.bretagne@demo.local', 'lecteur', '53', 'active'],
    ]);
    expect(JSON.stringify(users)).not.toMatch(/scrypt|passwordHash|tokenVersion/);
  });

  it('creates an account (hashed password, lower-cased e-mail) who can then log in', async () => {
    const response = await createUser({
      email: 'Agent.Occitanie@Exemple.gouv.fr',
      name: 'Agent Occitanie',
      role: 'editeur',
      scope: '76',
      password: 'correct horse battery',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({
      email: 'agent.occitanie@exemple.gouv.fr',
      role: 'editeur',
      scope: '76',
      authMethods: ['password'],
      lastLoginAt: null,
    });
    const row = await services.users.byEmail('agent.occitanie@exemple.gouv.fr');
    expect(row?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', row?.passwordHash ?? '')).toBe(true);
    const session = await loginAs(app, 'agent.occitanie@exemple.gouv.fr', 'correct horse battery');
    const me = await app.inject({ url: '/api/me', headers: session.headers });
    expect(me.json().user.lastLoginAt).not.toBeNull();
  });

  it('refuses bad input with French messages: duplicate, unknown région, short password, bad role', async () => {
    const duplicate = await createUser({
      email: 'ADMIN@demo.local',
      name: 'X',
      role: 'lecteur',
      scope: 'NAT',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toBe('Un compte existe déjà avec l’adresse « admin@demo.local ».');
    const region = await createUser({ email: 'a@b.fr', name: 'A', role: 'lecteur', scope: '99' });
    expect(region.statusCode).toBe(400);
    expect(region.json().error.code).toBe('USER_INVALID_SCOPE');
    expect(region.json().error.message).toContain('« 99 »');
    const weak = await createUser({
      email: 'a@b.fr',
      name: 'A',
      role: 'lecteur',
      scope: '53',
      password: 'court',
    });
    expect(weak.json().error).toEqual({
      code: 'USER_WEAK_PASSWORD',
      message: 'Le mot de passe doit contenir au moins 12 caractères.',
    });
    const role = await createUser({ email: 'a@b.fr', name: 'A', role: 'superadmin', scope: '53' });
    expect(role.statusCode).toBe(400);
    expect(role.json().error.details.path).toBe('/role');
  });

  it('changes role and scope; the change applies to the user’s open session at once', async () => {
    const created = await createUser({
      email: 'mobile@exemple.gouv.fr',
      name: 'Agent mobile',
      role: 'lecteur',
      scope: '53',
      password: 'un mot de passe long',
    });
    const id = created.json().user.id as number;
    const session = await loginAs(app, 'mobile@exemple.gouv.fr', 'un mot de passe long');
    const countOf = async () =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/query',
          headers: session.headers,
          payload: { dataset: 'dotations_investissement', measures: ['nb_projets'], dimensions: ['region'] },
        })
      ).json().rows as unknown[][];
    expect((await countOf()).map((r) => r[0])).toEqual(['53']);
    const moved = await updateUser(id, { scope: '84', role: 'editeur' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().user).toMatchObject({ scope: '84', role: 'editeur' });
    expect((await countOf()).map((r) => r[0])).toEqual(['84']);
    const audit = (await services.audit.latest(10, 'user_updated'))[0];
    expect(audit).toMatchObject({
      actorEmail: 'admin@demo.local',
      target: 'mobile@exemple.gouv.fr',
      details: { scope: { from: '53', to: '84' }, role: { from: 'lecteur', to: 'editeur' } },
    });
  });

  it('disables and re-enables an account', async () => {
    const lecteur = await services.users.byEmail('lecteur.bretagne@demo.local');
    const id = lecteur?.id ?? 0;
    expect((await updateUser(id, { status: 'disabled' })).json().user.status).toBe('disabled');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lecteur.bretagne@demo.local', password: 'demo' },
    });
    // Answered like a wrong password: a disabled account must not confirm the password.
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await updateUser(id, { status: 'active' })).json().user.status).toBe('active');
    await loginAs(app, 'lecteur.bretagne@demo.local');
  });

  it('an administrator cannot disable or demote themselves', async () => {
    const self = await services.users.byEmail('admin@demo.local');
    for (const change of [{ status: 'disabled' }, { role: 'lecteur' }]) {
      const response = await updateUser(self?.id ?? 0, change);
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('USER_SELF_LOCKOUT');
    }
    expect((await updateUser(self?.id ?? 0, { name: 'Admin renommée' })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown user and 400 for an empty change', async () => {
    expect((await updateUser(999_999, { name: 'X' })).json().error).toEqual({
      code: 'USER_NOT_FOUND',
      message: "L'utilisateur n° 999999 n'existe pas.",
    });
    expect((await updateUser(1, {})).statusCode).toBe(400);
  });
});

describe('GET /api/audit', () => {
  it('returns the newest entries first, limited, filterable by action', async () => {
    const response = await app.inject({ url: '/api/audit?limit=3', headers: admin.headers });
    expect(response.statusCode).toBe(200);
    const entries = response.json().entries as { id: number; action: string; at: string }[];
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    const created = await app.inject({ url: '/api/audit?action=user_created', headers: admin.headers });
    const targets = (created.json().entries as { target: string }[]).map((e) => e.target);
    expect(targets).toEqual(['mobile@exemple.gouv.fr', 'agent.occitanie@exemple.gouv.fr']);
    expect((await app.inject({ url: '/api/audit?limit=0', headers: admin.headers })).statusCode).toBe(400);
  });
});
