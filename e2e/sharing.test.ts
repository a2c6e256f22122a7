import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  DEMO_ACCOUNTS,
  expectAccessible,
  loginThroughForm,
  openBrowserSession,
  plainSpaces,
  queryApi,
  screenshot,
  screenshotsDir,
  signIn,
  type TestServer,
} from './browser.ts';

interface QueryAnswer {
  columns: { id: string }[];
  rows: (string | number | null)[][];
}

/** A dashboard with a KPI (exact figure), a bar chart by région and three global filters. */
const DEFINITION = {
  schemaVersion: 1,
  title: 'Paiements partagés',
  description: 'Tableau de bord du parcours de partage.',
  filters: [
    { id: 'annee', kind: 'annee', label: 'Année' },
    { id: 'territoire', kind: 'territoire', label: 'Territoire' },
    { id: 'programme', kind: 'programme', label: 'Programme' },
  ],
  widgets: [
    {
      id: 'kpi-cp',
      type: 'kpi',
      title: 'Crédits de paiement',
      query: { dataset: 'chorus_lignes', measures: ['montant_cp'] },
      options: { measure: 'montant_cp', compact: false },
    },
    {
      id: 'cp-region',
      type: 'bar',
      title: 'Paiements par région',
      query: { dataset: 'chorus_lignes', measures: ['montant_cp'], dimensions: ['region'] },
      options: {},
    },
  ],
  layout: [
    { i: 'kpi-cp', x: 0, y: 0, w: 4, h: 3 },
    { i: 'cp-region', x: 4, y: 0, w: 8, h: 5 },
  ],
};

/** « 1 234 567,89 € » → 1234567.89 */
const euros = (text: string) => Number(plainSpaces(text).replace(/[ €]/g, '').replace(',', '.'));

/**
 * Journey: an editor shares a dashboard with a named reader (who finds it under « Partagés avec
 * moi », read-only), creates a link locked to Ille-et-Vilaine with the keyboard only, opens it
 * in an anonymous browser (the figure is the API's), revokes it (the next load says so in
 * French), and an « agents connectés uniquement » link asks for the login page and comes back.
 */
describe('sharing — people, links, shared view', () => {
  let session: BrowserSession;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dashboardId = '';
  let linkUrl = '';
  const others: BrowserContext[] = [];

  beforeAll(async () => {
    session = await openBrowserSession({
      email: DEMO_ACCOUNTS.editeur,
      viewport: { width: 1440, height: 900 },
    });
    ({ server, browser, context, page } = session);
    const created = await context.request.post(`${server.url}/api/dashboards`, {
      data: { title: DEFINITION.title, description: DEFINITION.description, definition: DEFINITION },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(created.status(), await created.text()).toBe(201);
    dashboardId = ((await created.json()) as { id: string }).id;
  });

  afterAll(async () => {
    for (const other of others) await other.close();
    await session?.close();
  });

  async function newContext(viewport = { width: 1440, height: 900 }): Promise<BrowserContext> {
    const other = await browser.newContext({ viewport, locale: 'fr-FR' });
    others.push(other);
    return other;
  }

  /** Presses Tab until `target` has the focus (keyboard-only journeys). */
  async function tabTo(target: Locator, max = 60): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await target.page().keyboard.press('Tab');
    }
    throw new Error(`focus never reached ${target}`);
  }

  const dialog = () => page.getByRole('dialog', { name: /^Partager « Paiements partagés »/ });
  const shareButton = () => page.getByRole('button', { name: 'Partager', exact: true });

  it('shares with a named reader, who finds it under « Partagés avec moi », read-only', async () => {
    await page.goto(`${server.url}/tableaux-de-bord/${dashboardId}`);
    await shareButton().click();
    await dialog().waitFor();
    const search = dialog().getByRole('combobox', { name: /Rechercher une personne/ });
    await search.fill('bretagne');
    await dialog()
      .getByRole('option', { name: /Lecteur Bretagne démo/ })
      .waitFor();
    await search.press('ArrowDown');
    await search.press('Enter');
    await dialog().getByLabel('Droit accordé').selectOption('read');
    // The share's answer first: a refusal then says why instead of a 30 s wait for the list.
    const [shared] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/shares/')),
      dialog().getByRole('button', { name: 'Partager avec Lecteur Bretagne démo' }).click(),
    ]);
    expect(shared.ok(), `${shared.status()} ${await shared.text()}`).toBe(true);
    const list = dialog().getByRole('list', { name: 'Personnes ayant accès' });
    await list.locator('strong', { hasText: 'Lecteur Bretagne démo' }).waitFor();
    expect(await list.getByLabel('Droit de Lecteur Bretagne démo').inputValue()).toBe('read');
    const shares = await context.request.get(`${server.url}/api/dashboards/${dashboardId}/shares`);
    expect(
      ((await shares.json()) as { shares: { user: { email: string }; permission: string }[] }).shares,
    ).toEqual([
      expect.objectContaining({
        user: expect.objectContaining({ email: DEMO_ACCOUNTS.lecteurBretagne }),
        permission: 'read',
      }),
    ]);
    await expectAccessible(page);
    await screenshot(page, 'partage-dialogue-personnes-1440');
    // Échap closes the dialog and gives the focus back to « Partager ».
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    expect(await shareButton().evaluate((el) => el === document.activeElement)).toBe(true);

    const reader = await newContext();
    await signIn(reader, server.url, DEMO_ACCOUNTS.lecteurBretagne);
    const readerPage = await reader.newPage();
    await readerPage.goto(`${server.url}/tableaux-de-bord`);
    const sharedSection = readerPage.getByRole('region', { name: /Partagés avec moi/ });
    const card = sharedSection.getByTestId(`carte-${dashboardId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Lecture');
    await card.getByRole('link', { name: 'Paiements partagés' }).click();
    await readerPage.getByRole('heading', { level: 1, name: 'Paiements partagés' }).waitFor();
    await readerPage.locator('[data-widget-id="kpi-cp"] [data-testid="kpi-value"]').waitFor();
    expect(await readerPage.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    expect(await readerPage.getByRole('button', { name: 'Partager', exact: true }).count()).toBe(0);
  });

  it('creates a link locked to Ille-et-Vilaine with the keyboard only; the token is shown once', async () => {
    await page.goto(`${server.url}/tableaux-de-bord/${dashboardId}`);
    await shareButton().waitFor();
    await tabTo(shareButton());
    await page.keyboard.press('Enter');
    await dialog().waitFor();
    const peopleTab = dialog().getByRole('tab', { name: 'Personnes' });
    await tabTo(peopleTab);
    await page.keyboard.press('ArrowRight');
    const linksTab = dialog().getByRole('tab', { name: 'Liens' });
    expect(await linksTab.getAttribute('aria-selected')).toBe('true');
    const label = dialog().getByLabel(/^Libellé/);
    await tabTo(label);
    await page.keyboard.type('Préfecture 35');
    // Locked value with the dashboard's own territory picker: level « Département », then search.
    const level = dialog().getByLabel('Niveau géographique recherché');
    await tabTo(level);
    await level.selectOption('departement');
    const territory = dialog().getByRole('searchbox', { name: /Rechercher : département/ });
    await tabTo(territory);
    await page.keyboard.type('ille-et');
    const match = dialog().getByRole('button', { name: /Ille-et-Vilaine/ });
    await match.waitFor();
    await tabTo(match);
    await page.keyboard.press('Enter');
    await dialog()
      .getByRole('button', { name: /Retirer le filtre Territoire : Ille-et-Vilaine/ })
      .waitFor();
    const create = dialog().getByRole('button', { name: 'Créer le lien' });
    await tabTo(create);
    await page.keyboard.press('Enter');
    const created = dialog().getByTestId('lien-cree');
    await created.waitFor();
    expect(await created.textContent()).toContain('il ne sera plus affiché');
    linkUrl = await created.getByLabel('Adresse du lien').inputValue();
    expect(linkUrl).toMatch(new RegExp(`^${server.url}/s/[A-Za-z0-9_-]{43}$`));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await created.getByRole('button', { name: /^Copier/ }).click();
    await created.getByText('Copié dans le presse-papiers.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(linkUrl);
    const row = dialog().getByRole('row', { name: /Préfecture 35/ });
    await row.waitFor();
    expect(plainSpaces((await row.textContent()) ?? '')).toMatch(/\d{2}\/\d{2}\/\d{4}Éditeur démo0—Actif/);
    // The locked value is named in the list, not left as its code.
    expect(plainSpaces((await row.textContent()) ?? '')).toContain('Ille-et-Vilaine (35)');
    await expectAccessible(page);
    await screenshot(page, 'partage-dialogue-liens-1440');
    // The list never shows the token again.
    await dialog().getByRole('button', { name: 'J’ai copié le lien' }).click();
    expect(await dialog().textContent()).not.toContain(linkUrl.split('/s/')[1]);
    // The dialog scrolls inside the viewport: a picture of the viewport shows what a phone shows.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(screenshotsDir, 'partage-dialogue-liens-390.png') });
    await dialog().getByRole('heading', { name: 'Liens de ce tableau de bord' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotsDir, 'partage-dialogue-liste-390.png') });
    await dialog().getByRole('tab', { name: 'Intégrer' }).click();
    await dialog()
      .getByLabel(/^Origines autorisées/)
      .waitFor();
    await page.screenshot({ path: path.join(screenshotsDir, 'partage-dialogue-integrer-390.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    await expectAccessible(page);
    await screenshot(page, 'partage-dialogue-integrer-1440');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
  });

  it('opens the link in an anonymous browser: read-only, locked, the API’s figure', async () => {
    const expected = await queryApi<QueryAnswer>(session, {
      dataset: 'chorus_lignes',
      measures: ['montant_cp'],
      filters: [{ field: 'departement', op: 'eq', values: ['35'] }],
    });
    const expectedValue = Number(expected.rows[0]?.[0]);
    expect(expectedValue).toBeGreaterThan(0);

    const anonymous = await newContext();
    const shared = await anonymous.newPage();
    const errors: string[] = [];
    shared.on('pageerror', (error) => errors.push(error.message));
    await shared.goto(linkUrl);
    await shared.getByTestId('bandeau-partage').waitFor();
    expect(await shared.getByTestId('bandeau-partage').textContent()).toContain(
      'Vue partagée, en lecture seule',
    );
    await shared.getByRole('heading', { level: 1, name: 'Paiements partagés' }).waitFor();
    const locked = shared.getByTestId('filtre-impose');
    // The locked value by its name (sent with the link's resource), and the territory it holds
    // the data to where the breadcrumb starts, not « France entière ».
    expect(plainSpaces((await locked.textContent()) ?? '')).toContain('Département : Ille-et-Vilaine (35)');
    expect(await locked.textContent()).toContain('Filtre imposé par le lien');
    const crumb = shared.getByTestId('geo-breadcrumb');
    expect(plainSpaces((await crumb.textContent()) ?? '')).toBe('Ille-et-Vilaine (département)');
    expect(await crumb.getByText('France entière').count()).toBe(0);
    const kpi = shared.locator('[data-widget-id="kpi-cp"] [data-testid="kpi-value"]');
    await kpi.waitFor({ timeout: 30_000 });
    expect(Math.abs(euros((await kpi.textContent()) ?? '') - expectedValue)).toBeLessThan(0.01);
    expect(await shared.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    expect(await shared.getByRole('button', { name: 'Partager', exact: true }).count()).toBe(0);

    // A global filter the reader changes narrows within the lock (year picker from the link's values).
    const year = await queryApi<QueryAnswer>(session, {
      dataset: 'chorus_lignes',
      measures: ['montant_cp'],
      filters: [
        { field: 'departement', op: 'eq', values: ['35'] },
        { field: 'annee', op: 'eq', values: [2023] },
      ],
    });
    const from = shared.getByLabel('Année : première année');
    await from.locator('option[value="2023"]').waitFor({ state: 'attached' });
    await from.selectOption('2023');
    await shared.getByLabel('Année : dernière année').selectOption('2023');
    await shared.waitForFunction(
      ([selector, value]) => {
        const text = document.querySelector(selector as string)?.textContent ?? '';
        const n = Number(text.replace(/[\s\u202f\u00a0€]/g, '').replace(',', '.'));
        return Math.abs(n - (value as number)) < 0.01;
      },
      ['[data-widget-id="kpi-cp"] [data-testid="kpi-value"]', Number(year.rows[0]?.[0])],
      { timeout: 30_000 },
    );
    await expectAccessible(shared);
    await screenshot(shared, 'lien-partage-1440');
    // The locked value's name and the breadcrumb fit, on a laptop and on a phone (none clipped).
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await shared.setViewportSize({ width, height });
      await screenshot(shared, `lien-partage-${width}`);
      for (const box of [locked, crumb]) {
        const fits = await box.evaluate(
          (el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth,
        );
        expect(fits, `${await box.getAttribute('data-testid')} at ${width} px`).toBe(true);
      }
      // The KPI's cell grows to its content: its provenance is not cut off (it was at 1280 px).
      const cell = shared.locator('.dashboard-grid__cell', {
        has: shared.locator('[data-widget-id="kpi-cp"]'),
      });
      expect(await cell.evaluate((el) => el.scrollHeight <= el.clientHeight), `KPI at ${width} px`).toBe(
        true,
      );
    }
    expect(errors).toEqual([]);
  });

  it('revokes the link: the next load says so in French, and a tampered token too', async () => {
    await page.goto(`${server.url}/tableaux-de-bord/${dashboardId}`);
    await shareButton().click();
    await dialog().getByRole('tab', { name: 'Liens' }).click();
    const row = dialog().getByRole('row', { name: /Préfecture 35/ });
    await row.getByRole('button', { name: /^Révoquer/ }).click();
    await row.getByRole('button', { name: 'Confirmer la révocation' }).click();
    await row.getByText('Révoqué', { exact: true }).waitFor();
    await page.keyboard.press('Escape');

    const anonymous = await newContext();
    const shared = await anonymous.newPage();
    await shared.goto(linkUrl);
    await shared.getByRole('heading', { level: 1, name: 'Ce lien a été révoqué' }).waitFor();
    expect(await shared.getByTestId('kpi-value').count()).toBe(0);
    expect(shared.url()).toBe(linkUrl);
    await expectAccessible(shared);

    const tampered = `${linkUrl.slice(0, -1)}${linkUrl.endsWith('A') ? 'B' : 'A'}`;
    await shared.goto(tampered);
    await shared.getByRole('heading', { level: 1, name: 'Ce lien n’existe pas' }).waitFor();
  });

  it('« agents connectés uniquement »: the login page, then back to the shared view', async () => {
    const response = await context.request.post(`${server.url}/api/dashboards/${dashboardId}/share-links`, {
      data: { label: 'Agents', agentsOnly: true },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(response.status(), await response.text()).toBe(201);
    const { path } = (await response.json()) as { path: string };
    const anonymous = await newContext();
    const shared = await anonymous.newPage();
    await shared.goto(`${server.url}${path}`);
    await shared.waitForURL(/\/connexion\?retour=/);
    await loginThroughForm(shared, DEMO_ACCOUNTS.lecteurBretagne);
    await shared.waitForURL(`${server.url}${path}`);
    await shared.getByTestId('bandeau-partage').waitFor();
    expect(await shared.getByTestId('bandeau-partage').textContent()).toContain('agents connectés');
    await shared.locator('[data-widget-id="kpi-cp"] [data-testid="kpi-value"]').waitFor({ timeout: 30_000 });
  });
});
