import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardRepository } from '../dashboards/repository.ts';
import { dashboards as dashboardsTable, embeds, grantViewDays, shareLinks } from '../metadata/schema.ts';
import { type MetadataStore, openMetadataStore } from '../metadata/store.ts';
import { tempDir } from '../testing/harness.ts';
import { UserRepository } from '../users/repository.ts';
import { grantStatus, SharingRepository } from './repository.ts';
import { hashShareLinkToken, newShareLinkToken } from './tokens.ts';

describe('sharing repository on PGlite', () => {
  const dir = tempDir();
  let store: MetadataStore;
  let sharing: SharingRepository;
  let alice: number;
  let bob: number;
  const dashboardId = 'Dash000001';

  beforeAll(async () => {
    store = await openMetadataStore({ dataDir: dir.path, databaseUrl: undefined });
    await store.migrate();
    const users = new UserRepository(store.db);
    alice = (await users.create({ email: 'alice@test.fr', name: 'Alice', role: 'editeur', scope: 'NAT' })).id;
    bob = (await users.create({ email: 'bob@test.fr', name: 'Bob', role: 'lecteur', scope: '53' })).id;
    await new DashboardRepository(store.db).create(
      { id: dashboardId, ownerId: alice, title: 'Tableau', description: '', definition: { widgets: [] } },
      { authorId: alice, message: null },
    );
    sharing = new SharingRepository(store.db);
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  it('shares by name with a permission, changes it, unshares', async () => {
    expect(await sharing.permissionOf(dashboardId, bob)).toBeUndefined();
    const shared = await sharing.share(dashboardId, bob, 'read');
    expect(shared).toMatchObject({
      user: { id: bob, name: 'Bob', email: 'bob@test.fr' },
      permission: 'read',
    });
    const edited = await sharing.share(dashboardId, bob, 'edit');
    expect(edited.permission).toBe('edit');
    expect(edited.createdAt).toEqual(shared.createdAt);
    expect(await sharing.permissionOf(dashboardId, bob)).toBe('edit');
    expect(await sharing.shares(dashboardId)).toHaveLength(1);
    expect(await sharing.unshare(dashboardId, bob)).toBe(true);
    expect(await sharing.unshare(dashboardId, bob)).toBe(false);
    expect(await sharing.shares(dashboardId)).toEqual([]);
  });

  it('stores a link by the hash of its token only, finds it by that hash, revokes it once', async () => {
    const { token, tokenHash } = newShareLinkToken();
    const link = await sharing.createLink({
      dashboardId,
      tokenHash,
      label: 'Pour la préfecture',
      createdBy: alice,
      expiresAt: null,
      agentsOnly: true,
      lockedFilters: [{ field: 'departement', op: 'eq', values: ['35'] }],
    });
    expect(link).toMatchObject({
      dashboardId,
      label: 'Pour la préfecture',
      creatorName: 'Alice',
      viewCount: 0,
    });
    expect(link.id).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(grantStatus(link)).toBe('active');
    // No column holds the token itself.
    const raw = JSON.stringify(await store.db.select().from(shareLinks));
    expect(raw).not.toContain(token);
    expect(raw).toContain(tokenHash);

    expect((await sharing.linkByTokenHash(hashShareLinkToken(token)))?.id).toBe(link.id);
    expect(await sharing.linkByTokenHash(hashShareLinkToken(`${token}x`))).toBeUndefined();
    expect((await sharing.linksOf(dashboardId)).map((l) => l.id)).toContain(link.id);

    const at = new Date('2026-01-02T03:04:05Z');
    expect((await sharing.revokeLink(link.id, at))?.revokedAt).toEqual(at);
    expect((await sharing.revokeLink(link.id, new Date()))?.revokedAt).toEqual(at);
    expect(grantStatus((await sharing.linkById(link.id)) ?? link)).toBe('revoked');
    expect(await sharing.revokeLink('nope')).toBeUndefined();
  });

  it('refuses two links with the same token hash', async () => {
    const { tokenHash } = newShareLinkToken();
    const link = {
      dashboardId,
      tokenHash,
      label: '',
      createdBy: alice,
      expiresAt: null,
      agentsOnly: false,
      lockedFilters: [],
    };
    await sharing.createLink(link);
    await expect(sharing.createLink(link)).rejects.toThrow();
  });

  it('stores embeds with their origins and filters, revokes them', async () => {
    const embed = await sharing.createEmbed({
      dashboardId,
      widgetId: 'w1',
      label: 'Intranet',
      createdBy: alice,
      expiresAt: new Date('2020-01-01T00:00:00Z'),
      agentsOnly: false,
      lockedFilters: [{ field: 'annee', op: 'eq', values: [2024] }],
      hostFilters: [{ field: 'departement', values: ['35', '56'] }, { field: 'annee' }],
      allowedOrigins: ['https://intranet.prefecture.gouv.fr'],
    });
    expect(await sharing.embedById(embed.id)).toMatchObject({
      widgetId: 'w1',
      creatorName: 'Alice',
      hostFilters: [{ field: 'departement', values: ['35', '56'] }, { field: 'annee' }],
      allowedOrigins: ['https://intranet.prefecture.gouv.fr'],
      lockedFilters: [{ field: 'annee', op: 'eq', values: [2024] }],
    });
    expect(grantStatus(embed)).toBe('expired');
    expect((await sharing.embedsOf(dashboardId)).map((e) => e.id)).toEqual([embed.id]);
    expect((await sharing.revokeEmbed(embed.id))?.revokedAt).toBeInstanceOf(Date);
    expect(grantStatus((await sharing.embedById(embed.id)) ?? embed)).toBe('revoked');
  });

  it('counts views per grant and per UTC day, listed newest day first with their label', async () => {
    const link = await sharing.createLink({
      ...{
        dashboardId,
        label: 'Compté',
        createdBy: alice,
        expiresAt: null,
        agentsOnly: false,
        lockedFilters: [],
      },
      tokenHash: newShareLinkToken().tokenHash,
    });
    const embed = (await sharing.embedsOf(dashboardId))[0];
    if (!embed) throw new Error('no embed');
    await sharing.recordView('link', link.id, new Date('2026-03-01T10:00:00Z'));
    await sharing.recordView('link', link.id, new Date('2026-03-01T23:59:00Z'));
    await sharing.recordView('link', link.id, new Date('2026-03-02T00:01:00Z'));
    await sharing.recordView('embed', embed.id, new Date('2026-03-02T08:00:00Z'));

    const counted = await sharing.linkById(link.id);
    expect(counted?.viewCount).toBe(3);
    expect(counted?.lastViewedAt).toEqual(new Date('2026-03-02T00:01:00Z'));
    expect((await sharing.embedById(embed.id))?.viewCount).toBe(1);
    expect(await store.db.select().from(grantViewDays)).toHaveLength(3);

    const days = await sharing.viewDays({ limit: 10 });
    expect(days).toEqual([
      {
        kind: 'embed',
        grantId: embed.id,
        label: 'Intranet',
        dashboardId,
        dashboardTitle: 'Tableau',
        day: '2026-03-02',
        views: 1,
      },
      {
        kind: 'link',
        grantId: link.id,
        label: 'Compté',
        dashboardId,
        dashboardTitle: 'Tableau',
        day: '2026-03-02',
        views: 1,
      },
      {
        kind: 'link',
        grantId: link.id,
        label: 'Compté',
        dashboardId,
        dashboardTitle: 'Tableau',
        day: '2026-03-01',
        views: 2,
      },
    ]);
    expect(await sharing.viewDays({ limit: 10, since: '2026-03-02' })).toHaveLength(2);
    expect(await sharing.viewDays({ limit: 1 })).toHaveLength(1);
  });

  it('forgets links and embeds with their dashboard', async () => {
    await store.db.delete(dashboardsTable);
    expect(await store.db.select().from(shareLinks)).toEqual([]);
    expect(await store.db.select().from(embeds)).toEqual([]);
    expect(await sharing.viewDays({ limit: 10 })).toEqual([]);
  });
});
