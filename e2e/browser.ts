import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { TestServer } from './server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..');
export const screenshotsDir = path.join(here, 'screenshots');

/** Debian's Chromium, driven by playwright-core (`npx playwright install` cannot work here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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

/** Runs axe-core in the page (injected with `evaluate`, so a CSP cannot block it). */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          context: Document,
          options: object,
        ): Promise<{
          violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
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
export async function signIn(context: BrowserContext, baseUrl: string, email: string = DEMO_ACCOUNTS.admin) {
  const response = await context.request.post(`${baseUrl}/api/auth/login`, {
    data: { email, password: 'demo' },
  });
  if (!response.ok())
    throw new Error(`connexion de ${email} refusée : ${response.status()} ${await response.text()}`);
}

/** Logs in through the login page, as an agent would (the page must show the login form). */
export async function loginThroughForm(page: Page, email: string, password = 'demo'): Promise<void> {
  await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}
