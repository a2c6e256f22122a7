import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadSettings, type Settings } from '../config.ts';
import { openTestServices } from '../testing/harness.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
const apps: FastifyInstance[] = [];

async function appWith(settings: Partial<Settings>): Promise<FastifyInstance> {
  const app = await buildApp(
    { ...services, settings: { ...services.settings, ...settings } },
    { logger: false },
  );
  apps.push(app);
  return app;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Blocks the event loop like a CPU-bound handler would. */
function blockEventLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy: nothing else runs meanwhile
  }
}

beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await services.cleanup();
});

function expectShed(response: Awaited<ReturnType<FastifyInstance['inject']>>): void {
  expect(response.statusCode).toBe(503);
  expect(response.headers['retry-after']).toBe('10');
  expect(response.json().error).toEqual({
    code: 'SERVER_BUSY',
    message:
      'Le serveur est surchargé et ne peut pas traiter la demande maintenant. Réessayez dans 10 secondes.',
  });
}

describe('load shedding (@fastify/under-pressure)', () => {
  it('refuses requests while the event loop lags, keeps liveness, then recovers', async () => {
    const app = await appWith({ maxEventLoopDelayMs: 10 });
    await app.ready();
    expect((await app.inject('/api/auth/methods')).statusCode).toBe(200);
    // A 3 s stall puts the mean delay of the current 1 s sample far above 10 ms.
    blockEventLoop(3_000);
    await sleep(20);
    expectShed(await app.inject('/api/auth/methods'));
    expectShed(await app.inject('/api/health/ready'));
    const live = await app.inject('/api/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    // Next samples see a calm loop again.
    await sleep(2_500);
    expect((await app.inject('/api/auth/methods')).statusCode).toBe(200);
  }, 20_000);

  it('refuses requests when the heap is above its limit', async () => {
    const app = await appWith({ maxHeapUsedMb: 16 });
    await app.ready();
    // Memory is sampled every second.
    await sleep(1_200);
    expectShed(await app.inject('/api/health/ready'));
    expect((await app.inject('/api/health')).statusCode).toBe(200);
  });

  it('never sheds with both thresholds at 0, even after a stall longer than a sample', async () => {
    const app = await appWith({ maxEventLoopDelayMs: 0, maxHeapUsedMb: 0 });
    await app.ready();
    // A stall spanning a whole sample interval reads as an infinite delay to under-pressure.
    blockEventLoop(2_500);
    await sleep(20);
    expect((await app.inject('/api/auth/methods')).statusCode).toBe(200);
    await sleep(1_200);
    expect((await app.inject('/api/health/ready')).statusCode).toBe(200);
  }, 20_000);

  it('sheds nothing under the default thresholds', async () => {
    // The production defaults (the harness turns shedding off).
    const defaults = loadSettings({});
    const app = await appWith({
      maxEventLoopDelayMs: defaults.maxEventLoopDelayMs,
      maxHeapUsedMb: defaults.maxHeapUsedMb,
    });
    await app.ready();
    await sleep(1_200);
    expect((await app.inject('/api/health/ready')).statusCode).toBe(200);
  });
});
