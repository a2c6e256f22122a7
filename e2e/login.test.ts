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

  it('filters the journal by who, what and when, by keyboard, pages it and exports what it shows', async () => {
    const journal = page.getByTestId('audit-table');
    const rows = journal.locator('tbody tr');
    const count = page.getByTestId('audit-count');
    await count.filter({ hasText: /entrées? — page/ }).waitFor();
    const allCount = (await count.textContent()) ?? '';

    // What: failed logins only, chosen and applied with the keyboard.
    const action = page.getByLabel('Action');
    await action.focus();
    await action.selectOption({ label: 'Échec de connexion' });
    await page.keyboard.press('Tab'); // Résultat
    await page.getByLabel('Auteur').focus();
    await page.keyboard.type('BRETAGNE');
    await page.keyboard.press('Enter');
    await page.waitForURL(/auteur=BRETAGNE/);
    await count.filter({ hasText: 'retenue' }).waitFor();
    expect(new URL(page.url()).searchParams.get('action')).toBe('login_failed');
    const failed = await rows.allInnerTexts();
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed.every((r) => r.includes('Échec de connexion') && r.includes('lecteur.bretagne@demo.local')),
    ).toBe(true);
    expect(await count.textContent()).not.toBe(allCount);
    await expectAccessible(page);
    await screenshot(page, 'administration-journal-filtre');

    // « Exporter en CSV » carries the same filters, and the file holds the same rows.
    const href = (await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')) ?? '';
    expect(href).toBe('/api/audit/export.csv?actor=BRETAGNE&action=login_failed');
    const csv = await (await context.request.get(`${server.url}${href}`)).text();
    expect(csv.startsWith('\ufeffN°;')).toBe(true);
    expect(csv.trimEnd().split('\r\n').length - 1).toBe(failed.length);

    // When: a day with nothing in it empties the table and says what to do.
    await page.getByLabel(/^Du/).fill('2020-01-01');
    await page.getByLabel(/^Au(?!teur)/).fill('2020-01-01');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByTestId('audit-empty').waitFor();
    expect(await page.getByTestId('audit-empty').textContent()).toContain('Élargissez la période');

    // Back to everything; 25 exports make more than one page of 20.
    await page.getByRole('button', { name: 'Réinitialiser' }).click();
    await count.filter({ hasText: allCount }).waitFor();
    expect(await page.getByLabel('Auteur').inputValue()).toBe('');
    const { csrfToken } = await (await context.request.get(`${server.url}/api/me`)).json();
    for (let i = 0; i < 25; i++) {
      const exported = await context.request.post(`${server.url}/api/query/export?format=csv`, {
        headers: { 'x-csrf-token': csrfToken },
        data: { dataset: 'dotations_investissement', measures: ['montant_subvention'] },
      });
      expect(exported.status()).toBe(200);
    }
    await page.getByLabel('Entrées par page').selectOption('20');
    await page.waitForURL(/taille=20/);
    await count.filter({ hasText: 'page 1 sur' }).waitFor();
    // The count may already say « page 1 sur … » with the previous page size: wait for the rows.
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(20);
    const firstPage = await rows.allInnerTexts();
    expect(firstPage).toHaveLength(20);
    expect(firstPage[0]).toContain('Export de données');
    await page.getByTestId('audit-pagination').getByRole('link', { name: 'Page suivante' }).click();
    await page.waitForURL(/page=2/);
    await count.filter({ hasText: 'page 2 sur' }).waitFor();
    const { total } = await (await context.request.get(`${server.url}/api/audit?limit=1`)).json();
    const secondPage = await rows.allInnerTexts();
    expect(secondPage).toHaveLength(Math.min(20, total - 20));
    // Older than the exports: the logins of this journey.
    if (total <= 40) expect(secondPage.some((row) => row.includes('Connexion'))).toBe(true);
    await expectAccessible(page);
  });

  it('logged no unexpected error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
