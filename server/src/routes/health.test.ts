import { chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { DataLoadRepository } from '../metadata/data-loads.ts';
import { openMetadataStore } from '../metadata/store.ts';
import { INTERRUPTED_LOAD_ERROR } from '../seed/runner.ts';
import { openServices } from '../services.ts';
import { openTestServices, seedDir, tempDir, testSettings } from '../testing/harness.ts';
import { loginAs } from '../testing/session.ts';

describe('health probes on a healthy instance', () => {
  let services: Awaited<ReturnType<typeof openTestServices>>;
  let app: FastifyInstance;
  beforeAll(async () => {
    services = await openTestServices({ chorusLines: 2_000 });
    app = await buildApp(services, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await services.cleanup();
  });

  it('liveness and readiness answer anonymous callers without versions or counts', async () => {
    for (const url of ['/api/health', '/api/health/live', '/api/health/ready']) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.json(), url).toEqual({ status: 'ok' });
    }
  });

  it('details (versions, rows, loads) are for administrators only', async () => {
    expect((await app.inject('/api/health/details')).statusCode).toBe(401);
    const reader = await loginAs(app, 'lecteur.bretagne@demo.local');
    expect((await app.inject({ url: '/api/health/details', headers: reader.headers })).statusCode).toBe(403);
    const admin = await loginAs(app, 'admin@demo.local');
    const body = (await app.inject({ url: '/api/health/details', headers: admin.headers })).json();
    expect(body.status).toBe('ok');
    expect(body.versions.warehouse).toMatch(/^DuckDB v1\./);
    expect(body.versions.metadata).toMatch(/^PGlite PostgreSQL/);
    expect(body.datasets).toContainEqual(
      expect.objectContaining({
        dataset: 'dotations_investissement',
        rows: 24_811,
        lastLoad: expect.objectContaining({ status: 'success', error: null }),
      }),
    );
  });
});

/** Starts on `dataDir` with `seed` as the seed pack, like `pnpm start` would. */
async function start(dataDir: string, seed: string) {
  const services = await openServices(
    testSettings({ dataDir, seedDir: seed, chorusLines: 1_000 }),
    pino({ level: 'silent' }),
  );
  const app = await buildApp(services, { logger: false });
  return {
    services,
    app,
    async close() {
      await app.close();
      await services.close();
    },
  };
}

describe('a load left running by a crash, then a failed reload', () => {
  const data = tempDir();
  const seed = tempDir('dataetat-seed-');
  const csv = path.join(seed.path, 'opendata/dotations-investissement-2019.csv');
  afterAll(() => {
    data.remove();
    seed.remove();
  });

  it('is marked failed at start; readiness names the dataset until a successful reload', async () => {
    cpSync(seedDir, seed.path, { recursive: true });
    const original = readFileSync(csv);
    chmodSync(csv, 0o644);

    const first = await start(data.path, seed.path);
    expect(first.services.seedOutcomes.every((o) => o.status === 'loaded')).toBe(true);
    await first.close();

    // What kill -9 during a load leaves: a `running` row nobody will finish.
    const store = await openMetadataStore({ dataDir: data.path, databaseUrl: undefined });
    const stale = await new DataLoadRepository(store.db).start({
      dataset: 'dotations_investissement',
      source: 'interrompu',
      fingerprint: 'kill-9',
      engine: 'duckdb',
    });
    await store.close();
    // …and the reload at the next start fails too (a damaged file: a quote never closed).
    writeFileSync(csv, `${original.subarray(0, original.indexOf('\n') + 1)}"ligne sans fin de guillemet,1\n`);

    const second = await start(data.path, seed.path);
    const rows = await second.services.loads.latestAttemptPerDataset();
    const history = await second.services.metadata.db.query.dataLoads.findMany({
      where: (l, { eq }) => eq(l.id, stale),
    });
    expect(history[0]).toMatchObject({ status: 'failed', error: INTERRUPTED_LOAD_ERROR });
    expect(history[0]?.finishedAt).toBeInstanceOf(Date);
    expect(rows.find((r) => r.dataset === 'dotations_investissement')?.status).toBe('failed');

    expect((await second.app.inject('/api/health/live')).statusCode).toBe(200);
    const ready = await second.app.inject('/api/health/ready');
    expect(ready.statusCode).toBe(503);
    const error = ready.json().error;
    expect(error.code).toBe('SERVICE_NOT_READY');
    expect(error.message).toContain('Data-État n’est pas prêt');
    expect(error.message).toMatch(
      /« dotations_investissement » a échoué le .*les données chargées le .* restent servies/,
    );
    expect(error.details.problems).toEqual([
      expect.objectContaining({ check: 'dataset', dataset: 'dotations_investissement' }),
    ]);
    // The previous data is still served meanwhile.
    const admin = await loginAs(second.app, 'admin@demo.local');
    const details = (await second.app.inject({ url: '/api/health/details', headers: admin.headers })).json();
    expect(details.status).toBe('degraded');
    expect(details.datasets).toContainEqual(
      expect.objectContaining({
        dataset: 'dotations_investissement',
        rows: 24_811,
        lastLoad: expect.objectContaining({ status: 'failed', error: expect.any(String) }),
      }),
    );
    await second.close();

    // The file is repaired: the next start reloads it and the instance is ready again.
    writeFileSync(csv, original);
    const third = await start(data.path, seed.path);
    expect(third.services.seedOutcomes.find((o) => o.dataset === 'dotations_investissement')?.status).toBe(
      'loaded',
    );
    expect((await third.app.inject('/api/health/ready')).json()).toEqual({ status: 'ok' });
    await third.close();
    // Three starts, two of them whole seed-pack loads: 112 s on a loaded 2-core machine.
  }, 300_000);

  it('a load interrupted with unchanged inputs is retried at the next start', async () => {
    const store = await openMetadataStore({ dataDir: data.path, databaseUrl: undefined });
    const loads = new DataLoadRepository(store.db);
    const previous = await loads.latestAttempt('reference_programmes');
    if (!previous) throw new Error('reference_programmes jamais chargé');
    const { dataset, source, fingerprint, engine } = previous;
    await loads.start({ dataset, source, fingerprint, engine });
    await store.close();

    const again = await start(data.path, seed.path);
    expect(again.services.seedOutcomes.find((o) => o.dataset === 'reference_programmes')?.status).toBe(
      'loaded',
    );
    expect((await again.app.inject('/api/health/ready')).statusCode).toBe(200);
    await again.close();
  }, 180_000);
});
