import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

/** `/metrics` on a real app: who may read it, and figures that follow what the app did. */
const TOKEN = 'jeton-de-metriques-pour-les-tests-0123456789';
let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let session: TestSession;

beforeAll(async () => {
  services = await openTestServices({ metricsToken: TOKEN, cache: 'memory' });
  app = await buildApp(services, { logger: false });
  session = await loginAs(app, 'editeur@demo.local');
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

const scrape = () => app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });

/** The value of one series in the Prometheus text, or undefined. */
function seriesValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

it('is closed without the token, and off when no token is configured', async () => {
  const anonymous = await app.inject({ url: '/metrics' });
  expect(anonymous.statusCode).toBe(401);
  expect(anonymous.json()).toMatchObject({ error: { code: 'METRICS_TOKEN_INVALID' } });
  const wrong = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
  expect(wrong.statusCode).toBe(401);
  // A session is no key: Prometheus presents the token, an administrator's cookie opens nothing.
  const admin = await loginAs(app, 'admin@demo.local');
  expect((await app.inject({ url: '/metrics', headers: admin.headers })).statusCode).toBe(401);

  const closed = await buildApp(
    { ...services, settings: { ...services.settings, metricsToken: undefined } },
    { logger: false },
  );
  const off = await closed.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(off.statusCode).toBe(404);
  expect(off.json()).toMatchObject({ error: { code: 'METRICS_DISABLED' } });
  await closed.close();
});

it('counts requests per route pattern, engine time and cache lookups as the app served them', async () => {
  const before = (await scrape()).body;
  const route = 'dataetat_http_request_duration_seconds_count{method="POST",route="/api/query",status="200"}';
  const spec = {
    dataset: 'dotations_investissement',
    measures: ['montant_subvention'],
    dimensions: ['region'],
  };
  for (let i = 0; i < 3; i++) {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/query',
      headers: session.headers,
      payload: spec,
    });
    expect(answer.statusCode).toBe(200);
  }
  // Unknown addresses share one label: no URL of a visitor's choosing becomes a series.
  await app.inject({ url: '/api/nulle-part/123' });

  const after = await scrape();
  expect(after.statusCode).toBe(200);
  expect(after.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = after.body;
  expect((seriesValue(text, route) ?? 0) - (seriesValue(before, route) ?? 0)).toBe(3);
  expect(text).toContain('route="non trouvée",status="404"');
  expect(text).not.toContain('nulle-part');
  // One run on the engine, then two answers from the cache.
  const engine = (source: string, t: string) =>
    seriesValue(t, `dataetat_query_engine_duration_seconds_count{engine="duckdb",source="${source}"}`) ?? 0;
  const cache = (result: string, t: string) =>
    seriesValue(t, `dataetat_query_cache_lookups_total{result="${result}"}`) ?? 0;
  expect(
    engine('lignes', text) + engine('rollup', text) - engine('lignes', before) - engine('rollup', before),
  ).toBe(1);
  expect(cache('miss', text) - cache('miss', before)).toBe(1);
  expect(cache('hit', text) - cache('hit', before)).toBe(2);
  // Node's own figures, under the product's prefix.
  expect(seriesValue(text, 'dataetat_process_cpu_seconds_total')).toBeGreaterThan(0);
  expect(text).toContain('dataetat_nodejs_eventloop_lag_seconds');
});

it('gives each dataset its rows and last load, as the warehouse holds them', async () => {
  const text = (await scrape()).body;
  const { rows } = await services.warehouse.query('SELECT count(*) FROM dotations_investissement');
  expect(seriesValue(text, 'dataetat_dataset_rows{dataset="dotations_investissement"}')).toBe(
    Number(rows[0]?.[0]),
  );
  const loaded = seriesValue(
    text,
    'dataetat_dataset_last_load_timestamp_seconds{dataset="dotations_investissement"}',
  );
  expect(loaded).toBeGreaterThan(Date.now() / 1000 - 3600);
  expect(loaded).toBeLessThanOrEqual(Date.now() / 1000);
});
