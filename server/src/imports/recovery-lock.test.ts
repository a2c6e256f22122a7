import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImportJobAnswer } from '@dataetat/widgets';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { FinancementsBuilder } from '../financements/builder.ts';
import { openTestServices, seedDir } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';
import { ImportService, WAREHOUSE_WRITE_LOCK } from './service.ts';

/**
 * Start-up recovery of an import a dead process had swapped in: the load is recorded, then
 * « Financements publics » is rebuilt from it — a warehouse write, so under the store-wide write
 * lock like the import swaps and the seed load (two instances never write the warehouse at once).
 * Real DuckDB and PGlite; the lock is the instance's `exclusive`, here one that says who holds it.
 */

const ADEME = readFileSync(path.join(seedDir, 'formats/scdl/ademe.csv'));

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
  app = await buildApp(services, { logger: false });
  admin = await loginAs(app, 'admin@demo.local');
}, 240_000);
afterAll(async () => {
  await app?.close();
  await services?.cleanup();
});

async function importAdeme(): Promise<number> {
  const data = new FormData();
  data.append('fichier', new Blob([new Uint8Array(ADEME)]), 'ademe.csv');
  const deposited = await app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: admin.headers,
    payload: data,
  });
  expect(deposited.statusCode, deposited.body).toBe(201);
  const id = deposited.json<ImportJobAnswer>().job.id;
  const status = async () =>
    (await app.inject({ url: `/api/imports/${id}`, headers: admin.headers })).json<ImportJobAnswer>().job
      .status;
  for (let i = 0; (await status()) !== 'awaiting_confirmation'; i++) {
    if (i > 1200) throw new Error(`import ${id} jamais analysé`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const confirmed = await app.inject({
    method: 'POST',
    url: `/api/imports/${id}/confirmation`,
    headers: admin.headers,
    payload: {},
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  await services.imports.idle();
  expect(await status()).toBe('succeeded');
  return id;
}

it('rebuilds financements_publics inside the warehouse write lock when it recovers a swapped import', async () => {
  const id = await importAdeme();
  // The process that swapped it died before recording it: the job is still « running », its own.
  const job = await services.imports.jobs.get(id);
  await services.imports.jobs.update(id, {
    status: 'running',
    phase: 'remplacement',
    result: { ...job?.result, instance: 'processus-arrete' },
  });
  const lineCount = async () =>
    Number((await services.warehouse.query('SELECT count(*) FROM financements_publics')).rows[0]?.[0]);
  const linesBefore = await lineCount();
  // Another instance writes the warehouse when the recovery starts: its rebuild must wait.
  let release = () => {};
  const otherWriter = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held: string[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      held.push(name);
      try {
        return await work();
      } finally {
        held.pop();
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };
  void exclusive(WAREHOUSE_WRITE_LOCK, () => otherWriter);

  const log = pino({ level: 'silent' });
  const financements = new FinancementsBuilder({ warehouse: services.warehouse, loads: services.loads, log });
  // Locks held when each rebuild starts, and how each ended.
  const rebuildsStarted: string[][] = [];
  const outcomes: string[] = [];
  const recovering = new ImportService({
    warehouse: services.warehouse,
    jobs: services.imports.jobs,
    loads: services.loads,
    versions: services.versions,
    audit: services.audit,
    settings: services.settings,
    log,
    instance: { id: 'instance-qui-redemarre', exclusive },
    afterDataChange: async () => {
      rebuildsStarted.push([...held]);
      outcomes.push(await financements.ensureCurrent());
    },
  });
  const recovered = recovering.recover();
  // The job is recorded as done, but no rebuild starts while the other writer holds the lock.
  while ((await services.imports.jobs.get(id))?.status !== 'succeeded') {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(rebuildsStarted).toEqual([]);
  release();
  await recovered;
  // Then it is rebuilt once, holding the write lock (the load recorded for subventions_operateurs
  // moved its inputs).
  expect(rebuildsStarted).toEqual([[WAREHOUSE_WRITE_LOCK]]);
  expect(outcomes).toEqual(['rebuilt']);
  expect(await lineCount()).toBe(linesBefore);
  recovering.close();
}, 240_000);
