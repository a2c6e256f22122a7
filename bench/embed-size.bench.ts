/**
 * Embed bundle benchmark (not a timed test): what a host page downloads for one embed, and how
 * long it takes to draw.
 *
 *   pnpm build && pnpm --filter @dataetat/bench exec tsx embed-size.bench.ts [--runs 5] [--no-browser]
 *
 * 1. Sizes (gzip -9, what a server compressing its answers sends) of `web/dist/embed.js` alone
 *    (target ≤ 30 KB), then embed.js + runtime + the KPI renderer chunk with every chunk they
 *    import, then + the bar renderer (target ≤ 250 KB in all, JavaScript and CSS; the Marianne
 *    fonts are woff2, already compressed, shown apart).
 * 2. Time from the script's request to the KPI drawn, in headless Chromium: the real server, an
 *    embed created through `POST /api/embeds`, a host page on another loopback origin
 *    (127.0.0.2). Cold = a new browser context per run (nothing cached); warm = the same page
 *    reloaded (chunks from the HTTP cache).
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@dataetat/server';
// The e2e's Chromium flags: this machine refuses Chromium's background connections.
import { CHROMIUM_OPTIONS } from '../e2e/chromium.ts';
import { embedBundleSizes, kb } from '../web/scripts/embed-budget.mjs';
import { signIn } from './lib/http-client.ts';
import { describeMachine, loadAverage } from './lib/machine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const dist = path.join(repoRoot, 'web/dist');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 5);

// ---- 1. Sizes ---------------------------------------------------------------------------------

const sizes = embedBundleSizes(dist);

const machine = describeMachine();
console.log(
  `Machine : ${machine.cpu}, ${machine.cores} cœurs, ${machine.memoryGb} Go, Node ${machine.node}, ${machine.platform}; charge ${loadAverage()}`,
);
console.log('\nTailles compressées (gzip -9) :');
for (const { label, bytes, budget, files } of sizes.rows) {
  const verdict =
    budget === null
      ? ''
      : bytes <= budget
        ? ` (cible ≤ ${kb(budget)} : tenue)`
        : ` (cible ≤ ${kb(budget)} : DÉPASSÉE)`;
  console.log(
    `  ${label.padEnd(50)} ${kb(bytes).padStart(10)}  ${String(files).padStart(3)} fichiers${verdict}`,
  );
}
console.log(`  polices Marianne (woff2 : normal, medium, gras)     ${kb(sizes.fontBytes).padStart(10)}`);

// ---- 2. Script load → KPI drawn -----------------------------------------------------------------

if (process.argv.includes('--no-browser')) process.exit(0);

const { chromium } = createRequire(path.join(repoRoot, 'e2e/package.json'))(
  'playwright-core',
) as typeof import('playwright-core');

const server = await startServer(
  {
    port: 0,
    host: '127.0.0.1',
    dataDir: path.join(os.tmpdir(), 'dataetat-bench', 'embed-duckdb-50000'),
    seedDir: path.resolve(repoRoot, '../shared/data'),
    webDistDir: dist,
    chorusLines: 50_000,
    logLevel: 'warn',
  },
  { logger: false },
);
const host = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
});
let page = '';
await new Promise<void>((resolve) => host.listen(0, '127.0.0.2', resolve));
const hostOrigin = `http://127.0.0.2:${(host.address() as AddressInfo).port}`;

try {
  const editeur = await signIn(server.url);
  const post = async (url: string, body: unknown) => {
    const response = await fetch(`${server.url}${url}`, {
      method: 'POST',
      headers: { ...editeur.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST ${url} → ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const kpi = {
    id: 'total',
    type: 'kpi',
    title: 'Montant accordé',
    query: { dataset: 'dotations_investissement', measures: ['montant_subvention'] },
    options: {},
  };
  const dashboard = await post('/api/dashboards', {
    title: 'Banc intégration',
    definition: {
      schemaVersion: 1,
      title: 'Banc intégration',
      description: '',
      widgets: [kpi],
      layout: [{ i: kpi.id, x: 0, y: 0, w: 4, h: 4 }],
      filters: [],
    },
  });
  const created = await post('/api/embeds', {
    dashboardId: dashboard.id,
    widgetId: kpi.id,
    allowedOrigins: [hostOrigin],
  });
  const token = (created.embed as { token: string }).token;
  page = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Intranet</title>
<dataetat-widget token="${token}"></dataetat-widget>
<script src="${server.url}/embed.js" async></script></html>`;

  const browser = await chromium.launch(CHROMIUM_OPTIONS);
  /** Script requested → KPI figure in the shadow root, from the page's own clock. */
  const drawn = async (target: import('playwright-core').Page) => {
    await target
      .locator(
        'dataetat-widget .dataetat-widget[data-status="success"] [data-testid="kpi-value"], dataetat-widget [data-testid="embed-error"]',
      )
      .first()
      .waitFor({ timeout: 30_000 });
    const error = await target.locator('dataetat-widget [data-testid="embed-error"]').count();
    if (error > 0)
      throw new Error(
        (await target.locator('dataetat-widget [data-testid="embed-error"]').textContent()) ?? 'erreur',
      );
    return target.evaluate(() => {
      const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/embed.js'));
      return performance.now() - (script?.startTime ?? 0);
    });
  };
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(hostOrigin);
    cold.push(await drawn(tab));
    await tab.reload();
    warm.push(await drawn(tab));
    await context.close();
  }
  await browser.close();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const ms = (value: number) => `${Math.round(value)} ms`;
  console.log(
    `\nChargement du script → indicateur affiché (Chromium headless, ${runs} essais, hôte ${hostOrigin}) :`,
  );
  console.log(
    `  à froid : médiane ${ms(median(cold))}, max ${ms(Math.max(...cold))}  (${cold.map(ms).join(', ')})`,
  );
  console.log(
    `  à chaud : médiane ${ms(median(warm))}, max ${ms(Math.max(...warm))}  (${warm.map(ms).join(', ')})`,
  );
} finally {
  host.close();
  await server.close();
}
