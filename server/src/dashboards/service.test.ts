import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DashboardDefinition } from '@dataetat/widgets';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../catalogue/index.ts';
import type { AppError } from '../errors.ts';
import { dashboards as dashboardsTable } from '../metadata/schema.ts';
import { type MetadataStore, openMetadataStore } from '../metadata/store.ts';
import { createTestDatabase, tempDir } from '../testing/harness.ts';
import { UserRepository } from '../users/repository.ts';
import { provisionReferenceDashboards } from './provision.ts';
import { REFERENCE_DASHBOARDS_DIR } from './reference-files.ts';
import { DashboardRepository } from './repository.ts';
import { type Actor, conflictTime, DashboardService, TRASH_DAYS } from './service.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;
const silent = pino({ level: 'silent' });

const backends = [
  {
    name: 'PGlite',
    async open() {
      const dir = tempDir();
      const store = await openMetadataStore({ dataDir: dir.path, databaseUrl: undefined });
      return { store, drop: async () => dir.remove() };
    },
  },
  ...(postgresUrl
    ? [
        {
          name: 'PostgreSQL',
          async open() {
            const database = await createTestDatabase(postgresUrl);
            const store = await openMetadataStore({ dataDir: '/unused', databaseUrl: database.url });
            return { store, drop: database.drop };
          },
        },
      ]
    : []),
];

const kpi = (id: string, measure = 'montant_subvention') => ({
  id,
  type: 'kpi' as const,
  title: `Indicateur ${id}`,
  query: { dataset: 'dotations_investissement', measures: [measure] },
  options: {},
});

function definition(widgets: ReturnType<typeof kpi>[] = [kpi('a')]): DashboardDefinition {
  return {
    schemaVersion: 1,
    title: 'ignoré',
    description: 'ignorée',
    widgets,
    layout: widgets.map((w, i) => ({ i: w.id, x: (i % 4) * 3, y: Math.floor(i / 4) * 2, w: 3, h: 2 })),
    filters: [{ id: 'territoire', kind: 'territoire', label: 'Territoire' }],
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as AppError).code;
  }
  return 'OK';
}

describe.each(backends)('dashboards on $name', (backend) => {
  let store: MetadataStore;
  let drop: () => Promise<void>;
  let repository: DashboardRepository;
  let service: DashboardService;
  let admin: Actor;
  let alice: Actor;
  let bob: Actor;
  let reader: Actor;

  beforeAll(async () => {
    ({ store, drop } = await backend.open());
    await store.migrate();
    const users = new UserRepository(store.db);
    const make = async (email: string, name: string, role: Actor['role']) => {
      const row = await users.create({ email, name, role, scope: 'NAT' });
      return { id: row.id, name, role };
    };
    admin = await make('admin@exemple.fr', 'Ada Admin', 'admin');
    alice = await make('alice@exemple.fr', 'Alice Martin', 'editeur');
    bob = await make('bob@exemple.fr', 'Bob Durand', 'editeur');
    reader = await make('lea@exemple.fr', 'Léa Lectrice', 'lecteur');
    repository = new DashboardRepository(store.db);
    service = new DashboardService(repository, catalogue);
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await drop();
  });

  it('creates a dashboard with version 1, title and description kept in the definition', async () => {
    const created = await service.create(alice, {
      title: '  Mon tableau ',
      description: 'Projets',
      definition: definition(),
    });
    expect(created).toMatchObject({
      title: 'Mon tableau',
      description: 'Projets',
      version: 1,
      isReference: false,
      owner: { id: alice.id, name: 'Alice Martin' },
      canEdit: true,
    });
    expect(created.id).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(created.definition).toMatchObject({
      title: 'Mon tableau',
      description: 'Projets',
      widgets: [kpi('a')],
    });
    expect(await service.versions(alice, created.id)).toEqual([
      {
        version: 1,
        title: 'Mon tableau',
        authorName: 'Alice Martin',
        createdAt: created.updatedAt,
        message: 'Création',
      },
    ]);
    // Without a definition: an empty dashboard.
    const empty = await service.create(alice, { title: 'Vide' });
    expect(empty.definition).toEqual({
      schemaVersion: 1,
      title: 'Vide',
      description: '',
      widgets: [],
      layout: [],
      filters: [],
    });
  });

  it('refuses definitions the catalogue does not know, naming widget and field', async () => {
    const bad = definition([kpi('a'), kpi('b', 'montant_ae')]);
    try {
      await service.create(alice, { title: 'Faux', definition: bad });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('DASHBOARD_INVALID');
      expect((error as AppError).details).toMatchObject({
        path: '/widgets/1/query/measures/0',
        widgetId: 'b',
        field: 'montant_ae',
      });
      expect((error as AppError).message).toBe(
        'Le tableau de bord est invalide : widget « b », emplacement « /widgets/1/query/measures/0 » : ' +
          'le champ « montant_ae » n’existe pas dans le jeu de données « dotations_investissement ».',
      );
    }
  });

  it('saves with optimistic concurrency: of two saves from the same version exactly one wins', async () => {
    const created = await service.create(alice, { title: 'Concurrence', definition: definition() });
    const save = (who: Actor, title: string) =>
      service.update(who, created.id, {
        title,
        description: '',
        definition: definition([kpi('a'), kpi('b')]),
        version: 1,
      });
    const results = await Promise.allSettled([
      save(alice, 'Par Alice'),
      save(alice, 'Par Alice, autre onglet'),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const conflict = lost[0]?.reason as AppError;
    expect(conflict.code).toBe('DASHBOARD_CONFLICT');
    expect(conflict.status).toBe(409);
    const latest = await service.get(alice, created.id);
    expect(latest.version).toBe(2);
    expect(conflict.details).toEqual({
      currentVersion: 2,
      updatedBy: 'Alice Martin',
      updatedAt: latest.updatedAt,
    });
    expect(conflict.message).toBe(
      `Ce tableau de bord a été modifié par Alice Martin à ${conflictTime(new Date(latest.updatedAt))}. Rechargez-le ` +
        'pour voir ses changements ; vos modifications ne sont pas perdues tant que vous ne quittez pas la page.',
    );
    expect(conflictTime(new Date(latest.updatedAt))).toMatch(/^\d\d:\d\d$/);
    // A stale version is refused even long after: never a silent overwrite.
    expect(await codeOf(save(alice, 'En retard'))).toBe('DASHBOARD_CONFLICT');
    expect((await service.versions(alice, created.id)).map((v) => v.version)).toEqual([2, 1]);
  });

  it('lets only the owner (éditeur) or an admin edit; others read only what they may', async () => {
    const mine = await service.create(alice, { title: 'Privé', definition: definition() });
    const update = (who: Actor) =>
      service.update(who, mine.id, { title: 'x', description: '', definition: definition(), version: 1 });
    expect(await codeOf(service.get(bob, mine.id))).toBe('DASHBOARD_FORBIDDEN');
    expect(await codeOf(service.get(reader, mine.id))).toBe('DASHBOARD_FORBIDDEN');
    expect(await codeOf(update(bob))).toBe('DASHBOARD_FORBIDDEN');
    expect(await codeOf(service.trash(bob, mine.id))).toBe('DASHBOARD_FORBIDDEN');

    // Shared with Bob: he reads it (read-only), it shows in his « shared » list.
    await repository.share(mine.id, bob.id);
    expect((await service.get(bob, mine.id)).canEdit).toBe(false);
    expect(await codeOf(update(bob))).toBe('DASHBOARD_NOT_EDITABLE');
    const bobs = await service.list(bob);
    expect(bobs.shared.map((s) => [s.id, s.ownerName, s.widgetCount])).toEqual([
      [mine.id, 'Alice Martin', 1],
    ]);
    expect(bobs.mine).toEqual([]);

    // Admins read and edit everything.
    expect((await service.get(admin, mine.id)).canEdit).toBe(true);
    expect((await update(admin)).version).toBe(2);
    expect(await codeOf(service.get(alice, 'inexistant'))).toBe('DASHBOARD_NOT_FOUND');
  });

  it('moves to the trash and back; the trash is purged after 30 days', async () => {
    const doomed = await service.create(alice, { title: 'À jeter', definition: definition() });
    const trashed = await service.trash(alice, doomed.id);
    expect(Date.parse(trashed.restorableUntil) - Date.parse(trashed.deletedAt)).toBe(TRASH_DAYS * 86_400_000);
    expect(await codeOf(service.get(alice, doomed.id))).toBe('DASHBOARD_IN_TRASH');
    expect(
      await codeOf(
        service.update(alice, doomed.id, {
          title: 'x',
          description: '',
          definition: definition(),
          version: 1,
        }),
      ),
    ).toBe('DASHBOARD_IN_TRASH');
    let lists = await service.list(alice);
    expect(lists.trash.map((d) => d.id)).toEqual([doomed.id]);
    expect(lists.trash[0]?.deletedAt).toBe(trashed.deletedAt);
    expect(lists.mine.map((d) => d.id)).not.toContain(doomed.id);

    expect(await codeOf(service.restore(bob, doomed.id))).toBe('DASHBOARD_FORBIDDEN');
    expect((await service.restore(alice, doomed.id)).version).toBe(1);
    expect(await codeOf(service.restore(alice, doomed.id))).toBe('DASHBOARD_NOT_IN_TRASH');
    lists = await service.list(alice);
    expect(lists.trash).toEqual([]);
    expect(lists.mine.map((d) => d.id)).toContain(doomed.id);

    // Purge: only what sits in the trash since before the limit, with its versions.
    const old = await service.create(alice, { title: 'Ancien', definition: definition() });
    await repository.setDeleted(old.id, new Date(Date.now() - (TRASH_DAYS + 1) * 86_400_000));
    await service.trash(alice, doomed.id);
    expect(await repository.purgeTrash(new Date(Date.now() - TRASH_DAYS * 86_400_000))).toBe(1);
    expect(await repository.byId(old.id)).toBeUndefined();
    expect(await repository.versions(old.id)).toEqual([]);
    expect(await repository.byId(doomed.id)).toBeDefined();
  });

  it('lists versions, previews one and restores it as a new version', async () => {
    const d = await service.create(alice, { title: 'Historique', definition: definition() });
    await service.update(alice, d.id, {
      title: 'Historique v2',
      description: 'deux widgets',
      definition: definition([kpi('a'), kpi('b')]),
      version: 1,
      message: 'Ajout d’un indicateur',
    });
    const preview = await service.version(alice, d.id, 1);
    expect(preview).toMatchObject({
      version: 1,
      title: 'Historique',
      authorName: 'Alice Martin',
      message: 'Création',
    });
    expect(preview.definition.widgets).toHaveLength(1);
    expect(await codeOf(service.version(alice, d.id, 9))).toBe('DASHBOARD_VERSION_NOT_FOUND');

    const restored = await service.restoreVersion(alice, d.id, 1);
    expect(restored).toMatchObject({ version: 3, title: 'Historique', description: '' });
    expect(restored.definition.widgets).toHaveLength(1);
    expect((await service.versions(alice, d.id)).map((v) => [v.version, v.message])).toEqual([
      [3, 'Restauration de la version 1'],
      [2, 'Ajout d’un indicateur'],
      [1, 'Création'],
    ]);
  });

  it('provisions reference dashboards idempotently, versions file changes, trashes removed files', async () => {
    const dir = tempDir('dataetat-refs-');
    try {
      const file = 'dotations-investissement-2019.json';
      const original = readFileSync(path.join(REFERENCE_DASHBOARDS_DIR, file), 'utf8');
      writeFileSync(path.join(dir.path, file), original);
      writeFileSync(path.join(dir.path, 'casse.json'), '{"schemaVersion": 1}');

      const first = await provisionReferenceDashboards(repository, catalogue, silent, dir.path);
      expect(first).toEqual({
        created: [file],
        updated: [],
        unchanged: [],
        invalid: ['casse.json'],
        removed: [],
      });
      const again = await provisionReferenceDashboards(repository, catalogue, silent, dir.path);
      expect(again).toMatchObject({ created: [], updated: [], unchanged: [file] });

      const id = 'ref-dotations-investissement-2019';
      const reference = await service.get(reader, id);
      expect(reference).toMatchObject({
        isReference: true,
        canEdit: false,
        version: 1,
        owner: { id: null, name: 'Data-État' },
      });
      expect(
        await codeOf(
          service.get(admin, id).then(() =>
            service.update(admin, id, {
              title: 'x',
              description: '',
              definition: definition(),
              version: 1,
            }),
          ),
        ),
      ).toBe('DASHBOARD_READ_ONLY');
      expect(await codeOf(service.trash(admin, id))).toBe('DASHBOARD_READ_ONLY');
      expect((await service.list(reader)).reference.map((r) => r.id)).toContain(id);

      // A changed file: a new version, recorded as coming from the file.
      const changed = { ...JSON.parse(original), title: 'Dotations 2019 (révisé)' };
      writeFileSync(path.join(dir.path, file), JSON.stringify(changed));
      expect((await provisionReferenceDashboards(repository, catalogue, silent, dir.path)).updated).toEqual([
        file,
      ]);
      expect(await service.get(reader, id)).toMatchObject({ title: 'Dotations 2019 (révisé)', version: 2 });
      expect((await service.versions(reader, id))[0]).toMatchObject({
        version: 2,
        authorName: 'Data-État',
        message: `Mise à jour depuis dashboards/${file}`,
      });

      // Duplicating gives an editable copy owned by the caller.
      const copy = await service.create(bob, { duplicateOf: id });
      expect(copy).toMatchObject({
        title: 'Copie de Dotations 2019 (révisé)',
        isReference: false,
        canEdit: true,
        version: 1,
      });
      expect(copy.owner.id).toBe(bob.id);
      expect(copy.definition.widgets).toEqual(changed.widgets);

      // The file removed: the reference dashboard leaves the lists (trash); back with the file.
      rmSync(path.join(dir.path, file));
      expect((await provisionReferenceDashboards(repository, catalogue, silent, dir.path)).removed).toEqual([
        file,
      ]);
      expect((await service.list(reader)).reference.map((r) => r.id)).not.toContain(id);
      mkdirSync(dir.path, { recursive: true });
      writeFileSync(path.join(dir.path, file), JSON.stringify(changed));
      expect((await provisionReferenceDashboards(repository, catalogue, silent, dir.path)).updated).toEqual([
        file,
      ]);
      expect((await service.get(reader, id)).version).toBe(2);
      const rows = await store.db.select().from(dashboardsTable);
      expect(rows.filter((r) => r.isReference)).toHaveLength(1);
    } finally {
      dir.remove();
    }
  });

  it('searches (accents and case ignored) and sorts lists by date or title', async () => {
    const owner = bob;
    await service.create(owner, { title: 'Zèbre', description: 'Écoles rurales' });
    await service.create(owner, { title: 'abeille' });
    await service.create(owner, { title: 'Élan' });
    const byTitle = await service.list(owner, { sort: 'title' });
    expect(byTitle.mine.map((d) => d.title)).toEqual([
      'abeille',
      'Copie de Dotations 2019 (révisé)',
      'Élan',
      'Zèbre',
    ]);
    const byDate = await service.list(owner);
    expect(byDate.mine.map((d) => d.title)[0]).toBe('Élan');
    expect((await service.list(owner, { q: 'ECOLE' })).mine.map((d) => d.title)).toEqual(['Zèbre']);
    expect((await service.list(owner, { q: 'elan' })).mine.map((d) => d.title)).toEqual(['Élan']);
  });
});
