import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  DEMO_ACCOUNTS,
  expectAccessible,
  loginThroughForm,
  openBrowserSession,
  screenshot,
  type TestServer,
} from './browser.ts';

/**
 * Journey: an anonymous visitor opens a dataset page, is sent to the login page, types a wrong
 * password (French error), logs in as the Bretagne reader, comes back to the dataset page and
 * only ever sees Bretagne; then logs out. An administrator manages accounts.
 */
describe('login and territorial scope', () => {
  let session: BrowserSession;
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // The wrong-password and anonymous answers (401) are expected; anything else is not.
    session = await openBrowserSession({ email: null, expectedConsoleErrors: /status of 401/ });
    ({ server, context, page } = session);
  });

  afterAll(() => session?.close());

  it('sends an anonymous visitor to an accessible French login page', async () => {
    await page.goto(`${server.url}/jeux-de-donnees/dotations_investissement`);
    await page.getByRole('heading', { level: 1, name: 'Connexion à Data-État' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(new URL(page.url()).searchParams.get('retour')).toBe('/jeux-de-donnees/dotations_investissement');
    expect(await page.title()).toBe('Connexion — Data-État');
    await screenshot(page, 'connexion');
    await expectAccessible(page);
  });

  it('says « Adresse électronique ou mot de passe incorrect. » for a wrong password', async () => {
    await loginThroughForm(page, DEMO_ACCOUNTS.lecteurBretagne, 'mauvais');
    const alert = page.getByText('Adresse électronique ou mot de passe incorrect.');
    await alert.waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(await page.getByLabel('Mot de passe', { exact: true }).inputValue()).toBe('');
    await expectAccessible(page);
  });

  it('logs in as lecteur.bretagne, returns to the dataset page and sees Bretagne only', async () => {
    await loginThroughForm(page, DEMO_ACCOUNTS.lecteurBretagne);
    await page.waitForURL(`${server.url}/jeux-de-donnees/dotations_investissement`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The header repeats its quick access items in the (hidden) mobile menu: the visible one.
    // The territory reads « Région 53 » until the région names arrive: wait for the name.
    const menu = page.getByTestId('user-menu').filter({ hasText: 'Lecteur · Bretagne' }).first();
    await menu.waitFor();
    expect(await menu.textContent()).toBe('Lecteur Bretagne démo · Lecteur · Bretagne');

    const table = page.getByTestId('widget-par-region').locator('table');
    await table.waitFor();
    const regions = await table.locator('tbody tr th, tbody tr td:first-child').allInnerTexts();
    expect(regions.filter((text) => text.trim() !== '')).toEqual(['Bretagne']);
    // Not the national figure (977 561 920 € of DETR): only Bretagne's projects.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text.replace(/[\u00a0\u202f]/g, ' ')).not.toContain('977 561 920 €');
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await screenshot(page, 'jeu-de-donnees-lecteur-bretagne');
  });

  it('refuses the administration pages to a reader, in French', async () => {
    await page.goto(`${server.url}/administration/utilisateurs`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('réservée au rôle « Administrateur »');
  });

  it('logs out: back to the login page, and the data is out of reach', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.waitForURL(/\/connexion/);
    const response = await context.request.get(`${server.url}/api/datasets`);
    expect(response.status()).toBe(401);
  });

  it('an administrator lists the accounts and reads the audit journal', async () => {
    await page.goto(`${server.url}/administration/utilisateurs`);
    await page.waitForURL(/\/connexion\?retour=%2Fadministration%2Futilisateurs/);
    await loginThroughForm(page, DEMO_ACCOUNTS.admin);
    await page.waitForURL(`${server.url}/administration/utilisateurs`);
    const table = page.getByTestId('users-table');
    await table.waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.find((row) => row.includes('lecteur.bretagne@demo.local'))).toContain('Bretagne');
    await expectAccessible(page);
    await screenshot(page, 'administration-utilisateurs');

    await page.goto(`${server.url}/administration/journal`);
    const journal = page.getByTestId('audit-table');
    await journal.waitFor();
    const entries = await journal.locator('tbody tr').allInnerTexts();
    expect(
      entries.some(
        (row) => row.includes('Échec de connexion') && row.includes('lecteur.bretagne@demo.local'),
      ),
    ).toBe(true);
    await expectAccessible(page);
  });

  it('logged no unexpected error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
