import type { DashboardDefinition } from '@dataetat/widgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../auth/plugin.ts';
import { catalogue } from '../catalogue/index.ts';
import { DashboardRepository } from '../dashboards/repository.ts';
import { DashboardService } from '../dashboards/service.ts';
import { AppError } from '../errors.ts';
import type { UserRow } from '../metadata/schema.ts';
import { type MetadataStore, openMetadataStore } from '../metadata/store.ts';
import { createAccount } from '../testing/accounts.ts';
import { tempDir } from '../testing/harness.ts';
import { UserRepository } from '../users/repository.ts';
import { type Grant, type GrantDeps, intersectScopes, openGrant } from './grant-context.ts';

const dir = tempDir();
let store: MetadataStore;
let users: UserRepository;
let dashboards: DashboardService;
let deps: GrantDeps;
let creator: UserRow;
let dashboardId: string;

const definition: DashboardDefinition = {
  schemaVersion: 1,
  title: 'x',
  description: '',
  widgets: [
    {
      id: 'kpi',
      type: 'kpi',
      title: 'Subventions',
      query: { dataset: 'dotations_investissement', measures: ['montant_subvention'] },
      options: {},
    },
  ],
  layout: [{ i: 'kpi', x: 0, y: 0, w: 3, h: 2 }],
  filters: [],
};

const viewerOf = (user: UserRow): Identity => ({
  user,
  session: { sid: 's', auth: Date.now() / 1000, exp: Date.now() / 1000 + 600 },
});

/**
 * A grant as `resolveLink` gives it at the moment of a request: its creator (by default the
 * test's) read from the store now, so changes to the account act on the next call.
 */
async function grant(overrides: Partial<Omit<Grant, 'creator'>> & { creatorId?: number | null } = {}) {
  const { creatorId = creator.id, ...rest } = overrides;
  const stored = creatorId === null ? undefined : await users.byId(creatorId);
  const value: Grant = {
    kind: 'link',
    id: 'g1',
    dashboardId,
    widgetId: null,
    creator: stored ?? null,
    agentsOnly: false,
    lockedFilters: [{ field: 'departement', op: 'eq', values: ['35'] }],
    hostFilters: [],
    allowedOrigins: [],
    expiresAt: null,
    revokedAt: null,
    ...rest,
  };
  return value;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('accepted');
}

beforeAll(async () => {
  store = await openMetadataStore({ dataDir: dir.path, databaseUrl: undefined });
  await store.migrate();
  users = new UserRepository(store.db);
  dashboards = new DashboardService(new DashboardRepository(store.db), catalogue);
  deps = { dashboards };
  creator = await createAccount(users, { email: 'auteur@test.fr', role: 'editeur' });
  const created = await dashboards.create(
    { id: creator.id, name: creator.name, role: creator.role },
    { title: 'Partagé', definition },
  );
  dashboardId = created.id;
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

describe('intersectScopes', () => {
  it('keeps the narrower territory and refuses two régions, naming both', async () => {
    expect(await intersectScopes('NAT', '53')).toBe('53');
    expect(await intersectScopes('53', 'NAT')).toBe('53');
    expect(await intersectScopes('53', '53')).toBe('53');
    expect(await intersectScopes('NAT', 'NAT')).toBe('NAT');
    const error = await refusal(
      intersectScopes('53', '11', async (s) => (s === '53' ? 'Bretagne' : 'Île-de-France')),
    );
    expect(error.code).toBe('GRANT_TERRITORY_MISMATCH');
    expect(error.status).toBe(403);
    expect(error.message).toContain('« Bretagne »');
    expect(error.message).toContain('« Île-de-France »');
  });
});

describe('openGrant', () => {
  it('gives the creator’s scope at view time and the grant’s locked filters', async () => {
    const view = await openGrant(deps, await grant(), null);
    expect(view.context).toEqual({ scope: 'NAT', lockedFilters: (await grant()).lockedFilters });
    expect(view.dashboard.id).toBe(dashboardId);
    await users.update(creator.id, { scope: '53' });
    expect((await openGrant(deps, await grant(), null)).context.scope).toBe('53');
    await users.update(creator.id, { scope: 'NAT' });
  });

  it('refuses a revoked grant before an expired one, and an expired one', async () => {
    const past = new Date(Date.now() - 1000);
    expect(
      (await refusal(openGrant(deps, await grant({ revokedAt: past, expiresAt: past }), null))).code,
    ).toBe('GRANT_REVOKED');
    const expired = await refusal(openGrant(deps, await grant({ expiresAt: past }), null));
    expect(expired).toMatchObject({ code: 'GRANT_EXPIRED', status: 410 });
    const future = new Date(Date.now() + 60_000);
    await expect(openGrant(deps, await grant({ expiresAt: future }), null)).resolves.toBeTruthy();
  });

  it('refuses when the creator is disabled, gone, or can no longer read the dashboard', async () => {
    await users.update(creator.id, { status: 'disabled' });
    expect((await refusal(openGrant(deps, await grant(), null))).code).toBe('GRANT_CREATOR_INACTIVE');
    await users.update(creator.id, { status: 'active' });
    expect((await refusal(openGrant(deps, await grant({ creatorId: null }), null))).code).toBe(
      'GRANT_CREATOR_INACTIVE',
    );
    // Someone else's private dashboard: a grant they made no longer opens once they lose access.
    const other = await createAccount(users, { email: 'autre@test.fr', role: 'lecteur' });
    expect((await refusal(openGrant(deps, await grant({ creatorId: other.id }), null))).code).toBe(
      'GRANT_CREATOR_INACTIVE',
    );
  });

  it('refuses a deleted dashboard or a removed embedded widget as not found', async () => {
    expect((await refusal(openGrant(deps, await grant({ dashboardId: 'inconnu' }), null))).code).toBe(
      'GRANT_NOT_FOUND',
    );
    expect(
      (await refusal(openGrant(deps, await grant({ kind: 'embed', widgetId: 'gone' }), null))).code,
    ).toBe('GRANT_NOT_FOUND');
  });

  it('agents only: asks for a session, then intersects the territories', async () => {
    const agentsOnly = () => grant({ agentsOnly: true });
    const login = await refusal(openGrant(deps, await agentsOnly(), null));
    expect(login).toMatchObject({ code: 'GRANT_LOGIN_REQUIRED', status: 401 });
    const breton = await createAccount(users, { email: 'breton@test.fr', role: 'lecteur', scope: '53' });
    expect((await openGrant(deps, await agentsOnly(), viewerOf(breton))).context.scope).toBe('53');
    await users.update(creator.id, { scope: '11' });
    expect((await refusal(openGrant(deps, await agentsOnly(), viewerOf(breton)))).code).toBe(
      'GRANT_TERRITORY_MISMATCH',
    );
    // Not agents only: the creator's territory, whoever looks.
    expect((await openGrant(deps, await grant(), viewerOf(breton))).context.scope).toBe('11');
    await users.update(creator.id, { scope: 'NAT' });
  });
});
