import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from './imports/chorus/test-files.ts';
import { INTERRUPTED_IMPORT_ERROR, WAREHOUSE_WRITE_LOCK } from './imports/service.ts';
import { type RunningServer, startServer } from './index.ts';
import { openMetadataStore } from './metadata/store.ts';
import { createTestDatabase, seedDir, tempDir } from './testing/harness.ts';
import { loginOverHttp, type TestSession } from './testing/session.ts';

/**
 * Two server processes' worth of services behind two ports, as a deployment runs N instances
 * behind one address: one PostgreSQL for the metadata and the warehouse, one Redis for the
 * result cache, one session secret. Whatever is done on one is seen on the other.
 */
const postgresUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!postgresUrl || !redisUrl)('two instances sharing PostgreSQL and Redis', () => {
  const dirs = [tempDir('dataetat-instance-a-'), tempDir('dataetat-instance-b-')];
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: RunningServer;
  let b: RunningServer;

  const start = (dataDir: string, url = database.url) =>
    startServer(
      {
        dataDir,
        seedDir,
        port: 0,
        host: '127.0.0.1',
        logLevel: 'silent',
        chorusLines: 2_000,
        databaseUrl: url,
        warehouse: 'postgres',
        warehouseDatabaseUrl: url,
        warehouseSchema: 'dataetat',
        cache: 'redis',
        redisUrl: redisUrl as string,
        jwtSecret: 'un-secret-partage-par-toutes-les-instances-0123456789',
      },
      { logger: false },
    );

  beforeAll(async () => {
    database = await createTestDatabase(postgresUrl as string);
    a = await start(dirs[0]?.path as string);
    b = await start(dirs[1]?.path as string);
  }, 240_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    for (const dir of dirs) dir.remove();
  });

  const call = (server: RunningServer, session: TestSession, method: string, url: string, body?: unknown) =>
    fetch(`${server.url}${url}`, {
      method,
      headers: { ...session.headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  it('the second instance finds the data the first one loaded (nothing loaded twice)', () => {
    expect(a.services.seedOutcomes.every((o) => o.status === 'loaded')).toBe(true);
    expect(b.services.seedOutcomes.every((o) => o.status === 'up-to-date')).toBe(true);
  });

  it('two instances started at once load the seed pack once: one loads, the other waits and finds it done', async () => {
    const fresh = await createTestDatabase(postgresUrl as string);
    const dirsTogether = [tempDir('dataetat-together-a-'), tempDir('dataetat-together-b-')];
    try {
      const both = await Promise.all(dirsTogether.map((dir) => start(dir.path, fresh.url)));
      const statuses = both.map((server) => [...new Set(server.services.seedOutcomes.map((o) => o.status))]);
      expect(statuses).toContainEqual(['loaded']);
      expect(statuses).toContainEqual(['up-to-date']);
      const loads = await both[0]?.services.loads.latestPerDataset();
      const successes = await both[0]?.services.metadata.db.execute(
        sql`SELECT dataset, count(*)::int AS n, count(*) FILTER (WHERE status <> 'success')::int AS other FROM data_loads GROUP BY dataset`,
      );
      expect(loads?.length).toBeGreaterThanOrEqual(5);
      for (const row of (successes as unknown as { n: number; other: number }[]) ?? []) {
        expect(row).toMatchObject({ n: 1, other: 0 });
      }
      for (const server of both) await server.close();
    } finally {
      await fresh.drop();
      for (const dir of dirsTogether) dir.remove();
    }
  });

  it('a session opened on one instance works on the other; a dashboard saved on one is read on the other', async () => {
    const editeur = await loginOverHttp(a.url, 'editeur@demo.local');
    const me = await call(b, editeur, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe('editeur@demo.local');

    const saved = await call(a, editeur, 'POST', '/api/dashboards', {
      title: 'Vu des deux instances',
      definition: {
        schemaVersion: 1,
        title: '',
        description: '',
        widgets: [
          {
            id: 'total',
            type: 'kpi',
            title: 'Total',
            query: { dataset: 'dotations_investissement', measures: ['montant_subvention'] },
            options: {},
          },
        ],
        layout: [{ i: 'total', x: 0, y: 0, w: 4, h: 3 }],
        filters: [],
      },
    });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    const read = await call(b, editeur, 'GET', `/api/dashboards/${id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { title: string }).title).toBe('Vu des deux instances');
  });

  it('data imported through one instance invalidates the other’s cached answers (shared data version)', async () => {
    const admin = await loginOverHttp(a.url, 'admin@demo.local');
    const spec = {
      dataset: 'chorus_lignes',
      measures: ['montant_ae', 'nb_lignes'],
      filters: [{ field: 'region', op: 'eq', values: ['53'] }],
    };
    const ask = async (server: RunningServer) => {
      const response = await call(server, admin, 'POST', '/api/query', spec);
      expect(response.status).toBe(200);
      return (await response.json()) as { rows: number[][]; meta: { cached: boolean; dataVersion: string } };
    };
    const loadBefore = b.services.versions.get('chorus_lignes')?.id;
    const before = await ask(b);
    const cachedOnA = await ask(a);
    // One cache for both: the answer B computed is the one A gets.
    expect(cachedOnA.meta.cached).toBe(true);
    expect(cachedOnA.rows).toEqual(before.rows);

    // A real import through A (a Bretagne commitments report replaces Bretagne's demo lines).
    const form = new FormData();
    form.append('fichier', new Blob([new Uint8Array(sample('regional/chorus_ae.csv'))]), 'chorus_ae.csv');
    const deposited = await fetch(`${a.url}/api/imports`, {
      method: 'POST',
      headers: admin.headers,
      body: form,
    });
    expect(deposited.status).toBe(201);
    const { job } = (await deposited.json()) as { job: { id: number } };
    const statusOf = async () =>
      ((await (await call(a, admin, 'GET', `/api/imports/${job.id}`)).json()) as { job: { status: string } })
        .job.status;
    while ((await statusOf()) !== 'awaiting_confirmation') await new Promise((r) => setTimeout(r, 100));

    // Another process is writing the warehouse (it holds the store-wide write lock): A's import
    // waits its turn, queued, and swaps once the lock is let go.
    const writer = await openMetadataStore({ databaseUrl: database.url, dataDir: dirs[0]?.path as string });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const writing = writer.exclusive?.(WAREHOUSE_WRITE_LOCK, async () => {
      locked();
      await held;
    });
    await lockTaken;
    const confirmed = await call(a, admin, 'POST', `/api/imports/${job.id}/confirmation`, {
      region: '53',
      mode: 'ignorer_invalides',
    });
    expect(confirmed.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await statusOf()).toBe('queued');
    release();
    await writing;
    await writer.close();
    let status = await statusOf();
    while (['queued', 'running'].includes(status)) {
      await new Promise((r) => setTimeout(r, 100));
      status = await statusOf();
    }
    expect(status).toBe('succeeded');

    // B is told at once (LISTEN/NOTIFY on the shared store), long before its 30 s poll, and
    // its answer is computed afresh, equal to A's.
    const told = Date.now();
    expect(a.services.versions.get('chorus_lignes')?.id).not.toBe(loadBefore);
    while (b.services.versions.get('chorus_lignes')?.id !== a.services.versions.get('chorus_lignes')?.id) {
      if (Date.now() - told > 10_000) throw new Error('B n’a pas appris la nouvelle version en 10 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    const afterOnB = await ask(b);
    expect(afterOnB.meta.dataVersion).not.toBe(before.meta.dataVersion);
    expect(afterOnB.meta.cached).toBe(false);
    expect(afterOnB.rows).not.toEqual(before.rows);
    const afterOnA = await ask(a);
    expect(afterOnA.meta.dataVersion).toBe(afterOnB.meta.dataVersion);
    expect(afterOnA.rows).toEqual(afterOnB.rows);
  });

  it('an import job belongs to its instance: the others leave it while that instance runs, and fail it once it is gone', async () => {
    const other = await openMetadataStore({ databaseUrl: database.url, dataDir: dirs[1]?.path as string });
    const jobs = b.services.imports.jobs;
    const working = (instance: string) =>
      jobs.create({
        dataset: 'chorus_lignes',
        status: 'running',
        phase: 'remplacement',
        fileName: 'chorus_ae.csv',
        size: 1,
        sha256: `test-${instance}`,
        result: { instance },
      });
    const ofA = await working(a.services.metadata.instanceId);
    const ofOther = await working(other.instanceId);
    try {
      await b.services.imports.recover();
      expect((await jobs.get(ofA.id))?.status).toBe('running');
      expect((await jobs.get(ofOther.id))?.status).toBe('running');

      // The process dies: its connection, and with it its liveness lock, goes.
      await other.close();
      await b.services.imports.recover();
      expect(await jobs.get(ofOther.id)).toMatchObject({ status: 'failed', error: INTERRUPTED_IMPORT_ERROR });
      expect((await jobs.get(ofA.id))?.status).toBe('running');
    } finally {
      await jobs.update(ofA.id, { status: 'failed', error: 'test', finishedAt: new Date() });
    }
  });

  it('a session closed on one instance is refused on the other at once', async () => {
    const lecteur = await loginOverHttp(b.url, 'lecteur.bretagne@demo.local');
    // A has just read the account: without a word from B it would trust it for 2 s more.
    expect((await call(a, lecteur, 'GET', '/api/me')).status).toBe(200);
    expect((await call(b, lecteur, 'POST', '/api/auth/logout')).status).toBeLessThan(300);
    const closed = Date.now();
    let status = (await call(a, lecteur, 'GET', '/api/me')).status;
    while (status === 200 && Date.now() - closed < 1_500) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await call(a, lecteur, 'GET', '/api/me')).status;
    }
    expect(status).toBe(401);
  });
});
