import { mkdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Download,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect, inject } from 'vitest';
import { CHROMIUM_OPTIONS } from './chromium.ts';
import type { TestServer } from './server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..');
export const screenshotsDir = path.join(here, 'screenshots');

/**
 * A connection to the run's Chromium (global-setup.ts), or a Chromium of its own when the
 * file runs without that setup. Closing it closes the contexts it opened, never the shared
 * browser.
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = inject('e2eBrowserEndpoint');
  return endpoint ? chromium.connect(endpoint) : chromium.launch(CHROMIUM_OPTIONS);
}

export type { TestServer } from './server.ts';

/**
 * The run's shared server (started once by global-setup.ts). `close()` is a no-op: the
 * global teardown stops it after the last file.
 */
export async function startTestServer(): Promise<TestServer> {
  return { url: inject('e2eServerUrl'), close: async () => {} };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

/**
 * Runs axe-core in the page (injected with `evaluate`, so a CSP cannot block it), on the whole
 * document or only inside the element `scope` selects.
 */
export async function runAxe(page: Page, scope?: string): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async (selector) => {
    const w = window as unknown as {
      axe: {
        run(
          context: Document | Element,
          options: object,
        ): Promise<{
          violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    const context = selector ? document.querySelector(selector) : document;
    if (!context) throw new Error(`axe : aucun élément ne correspond à ${selector}`);
    const result = await w.axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, scope ?? null);
}

/** Intl writes numbers with U+202F / U+00A0: compare with plain spaces. */
export const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** Demo accounts created by the server at start (password « demo »). */
export const DEMO_ACCOUNTS = {
  admin: 'admin@demo.local',
  editeur: 'editeur@demo.local',
  lecteurBretagne: 'lecteur.bretagne@demo.local',
} as const;

/**
 * Opens a session for the whole browser context through the API (the context's cookie jar gets
 * the httpOnly session cookie; the web app then reads its CSRF token from `GET /api/me`).
 * Journeys that are not about logging in start with this.
 */
export async function signIn(
  context: BrowserContext,
  baseUrl: string,
  email: string = DEMO_ACCOUNTS.admin,
  password = 'demo',
): Promise<string> {
  const response = await context.request.post(`${baseUrl}/api/auth/login`, {
    data: { email, password },
  });
  if (!response.ok())
    throw new Error(`connexion de ${email} refusée : ${response.status()} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return csrfToken;
}

/** Logs in through the login page, as an agent would (the page must show the login form). */
export async function loginThroughForm(page: Page, email: string, password = 'demo'): Promise<void> {
  await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

/** An account of the journey's own, made by the admin through the API (see `createOwnAccount`). */
export interface OwnAccount {
  readonly email: string;
  readonly password: string;
}

/**
 * Creates a fresh account for one journey. The e2e files share one server, so a journey that
 * expects an empty list (no dashboard yet) cannot use a demo account other files write with.
 */
export async function createOwnAccount(role: 'editeur' | 'lecteur', scope = 'NAT'): Promise<OwnAccount> {
  const baseUrl = inject('e2eServerUrl');
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const csrfToken = await signIn(context, baseUrl, DEMO_ACCOUNTS.admin);
    const account = {
      email: `${role}.${Date.now().toString(36)}@e2e.local`,
      password: 'parcours de bout en bout',
    };
    const response = await context.request.post(`${baseUrl}/api/users`, {
      data: { ...account, name: `Parcours ${role}`, role, scope },
      headers: { 'x-csrf-token': csrfToken },
    });
    if (response.status() !== 201)
      throw new Error(
        `création du compte ${account.email} refusée : ${response.status()} ${await response.text()}`,
      );
    return account;
  } finally {
    await browser.close();
  }
}

export interface BrowserSessionOptions {
  /** Account signed in through the API before the journey (default: the admin); `null`: anonymous. */
  readonly email?: string | null;
  /** Password of `email` (default: the demo accounts' « demo »). */
  readonly password?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Console errors the journey expects (e.g. the 401 of a wrong password): not collected. */
  readonly expectedConsoleErrors?: RegExp;
}

/** One file's browser: the shared server, a French Chromium context and its first page. */
export interface BrowserSession {
  readonly server: TestServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught page errors and console errors, for a final « no error in the browser » check. */
  readonly pageErrors: string[];
  /** The CSRF token of the API sign-in (empty when anonymous), for the test's own API writes. */
  readonly csrfToken: string;
  close(): Promise<void>;
}

/** Opens the browser session a journey file runs in (call in `beforeAll`, `close()` in `afterAll`). */
export async function openBrowserSession(options: BrowserSessionOptions = {}): Promise<BrowserSession> {
  const server = await startTestServer();
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'fr-FR',
    acceptDownloads: true,
  });
  const email = options.email === undefined ? DEMO_ACCOUNTS.admin : options.email;
  const csrfToken = email === null ? '' : await signIn(context, server.url, email, options.password);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !options.expectedConsoleErrors?.test(message.text()))
      pageErrors.push(message.text());
  });
  return {
    server,
    browser,
    context,
    page,
    pageErrors,
    csrfToken,
    async close() {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
}

/** Runs a query through the session's API sign-in (cookie + CSRF header), as the web client does. */
export async function queryApi<T>(session: BrowserSession, spec: object): Promise<T> {
  const response = await session.context.request.post(`${session.server.url}/api/query`, {
    data: spec,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as T;
}

/** What `POST /api/dashboards` takes: a title, optionally a description and a definition. */
export interface NewDashboard {
  readonly title: string;
  readonly description?: string;
  readonly definition?: object;
}

/** Creates a dashboard through the API as the session's account; returns its id. */
export async function createDashboard(session: BrowserSession, dashboard: NewDashboard): Promise<string> {
  const response = await session.context.request.post(`${session.server.url}/api/dashboards`, {
    data: dashboard,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** axe-core finds no serious or critical violation on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

/** Waits until a chart (ECharts or map) says it has drawn its data. */
export async function waitRendered(chart: Locator, timeout = 30_000): Promise<void> {
  await chart.and(chart.page().locator('[data-rendered="true"]')).waitFor({ timeout });
}

/** The live ECharts option of a drawn chart (the renderer exposes its instance on the element). */
export async function echartsOption<T>(chart: Locator): Promise<T> {
  const option = await chart.evaluate((element) =>
    (element as HTMLElement & { dataetatChart?: { getOption(): unknown } }).dataetatChart?.getOption(),
  );
  return option as T;
}

/**
 * Pixels that are neither transparent nor near-white on a chart's canvas: it really has ink. A
 * WebGL canvas (a MapLibre map, drawn with `preserveDrawingBuffer`) is read through a 2D copy.
 */
export function inkedPixels(chart: Locator): Promise<number> {
  return chart
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      // A canvas holding a WebGL context gives no 2D one: copy its pixels onto a 2D canvas.
      let context2d = canvas.getContext('2d');
      if (!context2d) {
        const copy = document.createElement('canvas');
        copy.width = canvas.width;
        copy.height = canvas.height;
        context2d = copy.getContext('2d');
        context2d?.drawImage(canvas, 0, 0);
      }
      if (!context2d || canvas.width === 0 || canvas.height === 0) return 0;
      const { data } = context2d.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
        if (a > 0 && (r < 240 || g < 240 || b < 240)) count++;
      }
      return count;
    });
}

/** A box on the page (Playwright's `boundingBox()`). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes overlap (a legend over an attribution, a label over a chart…). */
export const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The map renderer's MapLibre handle, as far as tests read rendered features. */
export type MapLayers = {
  queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[];
};

/**
 * A download saved on this side and its path: the run's browser is shared and reached over its
 * socket, so the file it wrote is on its side and `download.path()` cannot reach it.
 */
export async function savedDownload(download: Download): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dataetat-download-'));
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}
