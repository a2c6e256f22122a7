/**
 * Dashboard page-load benchmark (not a timed test): the reference dashboard « Financements de
 * l'État sur le territoire » on the Chorus demo (1 000 000 lines by default), in headless
 * Chromium against the real server (warm: one navigation first).
 *
 *   pnpm build && pnpm --filter @dataetat/bench exec tsx dashboard.bench.ts [--lines 1000000] [--runs 5]
 *
 * Prints: navigation → every widget drawn (median, max; target ≤ 1.5 s) and one global filter
 * change → every widget updated (median, max; target ≤ 500 ms). Each filter change asks a year
 * range not asked before, so the server's result cache cannot answer it.
 * The data directory persists in the temp dir: the 1M-line generator runs on the first start only.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@dataetat/server';
// The e2e's Chromium flags: this machine refuses Chromium's background connections.
import { CHROMIUM_OPTIONS } from '../e2e/chromium.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
// playwright-core is the e2e package's dependency: resolved from there (not a bench dependency).
const { chromium } = createRequire(path.join(repoRoot, 'e2e/package.json'))(
  'playwright-core',
) as typeof import('playwright-core');

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const lines = arg('lines', 1_000_000);
const runs = arg('runs', 5);
const TITLE = "Financements de l'État sur le territoire";

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * In the page: every widget has its data, nothing is refreshing, every visual is drawn. Kept as
 * source text: tsx's name helpers would not exist inside the page.
 */
const ALL_DRAWN = `(() => {
  const grid = document.querySelector('[data-testid="dashboard-grid"]');
  if (!grid) return false;
  const frames = [...grid.querySelectorAll('.dataetat-widget')];
  if (frames.length === 0) return false;
  if (frames.some((f) => f.getAttribute('data-status') !== 'success' || f.getAttribute('aria-busy') === 'true')) return false;
  if (grid.querySelector('[data-testid="renderer-loading"]')) return false;
  return [...grid.querySelectorAll('[data-rendered]')].every((el) => el.getAttribute('data-rendered') === 'true');
})()`;

/** Every widget has its new data (requests answered, before the charts finish drawing). */
const DATA_IN = `(() => {
  const grid = document.querySelector('[data-testid="dashboard-grid"]');
  const frames = grid ? [...grid.querySelectorAll('.dataetat-widget')] : [];
  return frames.length > 0 && frames.every((f) => f.getAttribute('data-status') === 'success' && f.getAttribute('aria-busy') !== 'true');
})()`;

/** Changes « première année » and resolves with the ms until everything is drawn again. */
const CHANGE_YEAR = (year: number) => `new Promise((resolve, reject) => {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent.includes('première année'));
  const select = label && label.control;
  if (!select) return reject(new Error('liste « première année » introuvable'));
  const t0 = performance.now();
  let dataIn = null;
  // React applies a navigation in a transition: wait until a widget shows it is refreshing (or
  // 1 s without it: every answer came from a cache) before looking for « all drawn ».
  let started = false;
  select.value = '${year}';
  select.dispatchEvent(new Event('change', { bubbles: true }));
  const poll = () => {
    // Until the address carries the new years, React has not applied the change yet.
    if (!decodeURIComponent(location.search).includes('annee=${year}')) return requestAnimationFrame(poll);
    started = started || !!document.querySelector('.dataetat-widget[aria-busy="true"]') || performance.now() - t0 > 1000;
    if (!started) return requestAnimationFrame(poll);
    if (dataIn === null && ${DATA_IN}) dataIn = performance.now() - t0;
    if (${ALL_DRAWN}) resolve([performance.now() - t0, dataIn ?? performance.now() - t0]);
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})`;

const started = performance.now();
const server = await startServer(
  {
    port: 0,
    host: '127.0.0.1',
    dataDir: path.join(os.tmpdir(), 'dataetat-bench', `dashboard-duckdb-${lines}`),
    seedDir: path.resolve(repoRoot, '../shared/data'),
    webDistDir: path.join(repoRoot, 'web/dist'),
    chorusLines: lines,
    logLevel: 'warn',
  },
  { logger: false },
);
console.log(
  `Serveur prêt en ${((performance.now() - started) / 1000).toFixed(1)} s (${lines.toLocaleString('fr-FR')} lignes Chorus)`,
);

const browser = await chromium.launch(CHROMIUM_OPTIONS);
try {
  // The measuring probes are evaluated as source text: let them past the page's CSP.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'fr-FR',
    bypassCSP: true,
  });
  const login = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email: 'editeur@demo.local', password: 'demo' },
  });
  if (!login.ok()) throw new Error(`connexion refusée : ${login.status()}`);
  const lists = (await (await context.request.get(`${server.url}/api/dashboards`)).json()) as {
    reference: { id: string; title: string; widgetCount: number }[];
  };
  const reference = lists.reference.find((d) => d.title === TITLE);
  if (!reference) throw new Error(`tableau de bord de référence « ${TITLE} » absent`);
  const url = `${server.url}/tableaux-de-bord/${reference.id}`;
  const page = await context.newPage();

  const navigate = async () => {
    await page.goto('about:blank');
    await page.goto(url);
    await page.waitForFunction(DATA_IN, null, { polling: 'raf', timeout: 120_000 });
    const dataIn = (await page.evaluate('performance.now()')) as number;
    await page.waitForFunction(ALL_DRAWN, null, { polling: 'raf', timeout: 120_000 });
    return [(await page.evaluate('performance.now()')) as number, dataIn] as const;
  };
  const [cold] = await navigate();
  const loads: number[] = [];
  const loadsData: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [drawn, dataIn] = await navigate();
    loads.push(drawn);
    loadsData.push(dataIn);
  }

  // Filter changes: « première année » = each year in turn (a range never asked before).
  const years = (await page.getByLabel('Année : première année').locator('option').allTextContents())
    .map(Number)
    .filter((y) => Number.isInteger(y) && y > 0);
  const changes: number[] = [];
  const changesData: number[] = [];
  for (const year of years.slice(0, runs + 1)) {
    const [drawn, dataIn] = (await page.evaluate(CHANGE_YEAR(year))) as [number, number];
    changes.push(drawn);
    changesData.push(dataIn);
  }
  const widgets = await page.locator('[data-testid="dashboard-grid"] .dataetat-widget').count();
  const fmt = (ms: number) => `${Math.round(ms)} ms`;
  console.log(`\n« ${TITLE} » — ${widgets} visualisations, Chromium headless 1440×1000`);
  console.log(
    `Navigation → tout dessiné : 1re ${fmt(cold)} ; ensuite médiane ${fmt(median(loads))}, max ${fmt(Math.max(...loads))} (${runs} essais ; cible ≤ 1 500 ms)`,
  );
  console.log(
    `Filtre global (année) → tout mis à jour : médiane ${fmt(median(changes))}, max ${fmt(Math.max(...changes))} (${changes.length} essais ; cible ≤ 500 ms)`,
  );
  console.log(
    `  dont données reçues (avant la fin des animations) : navigation médiane ${fmt(median(loadsData))}, filtre médiane ${fmt(median(changesData))}`,
  );
  console.log(`Détail navigation : ${loads.map(fmt).join(', ')}`);
  console.log(`Détail filtre : ${changes.map(fmt).join(', ')}`);
} finally {
  await browser.close();
  await server.close();
}
