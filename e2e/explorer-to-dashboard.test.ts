import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  createOwnAccount,
  DEMO_ACCOUNTS,
  expectAccessible,
  openBrowserSession,
  plainSpaces,
  queryApi,
  screenshotsDir,
  signIn,
  type TestServer,
} from './browser.ts';

interface Widget {
  id: string;
  type: string;
  title: string;
  query: { dataset: string; measures: string[] } & Record<string, unknown>;
  options: Record<string, unknown>;
}
interface DashboardBody {
  id: string;
  version: number;
  title: string;
  description: string;
  definition: {
    widgets: Widget[];
    layout: { i: string; x: number; y: number; w: number; h: number }[];
  } & Record<string, unknown>;
}

/** The DETR total, read from the seed CSV by explorer.test.ts (same dataset, same filter). */
const DETR_TOTAL = '977 561 920 €';

/** « 977 561 920 € », « 1 234,56 € » → a number. */
const amount = (text: string) =>
  Number(
    plainSpaces(text)
      .replace(/[^\d,-]/g, '')
      .replace(',', '.'),
  );

/**
 * Journey: an editor builds a KPI in the explorer (DETR amounts), adds it to a new dashboard
 * through « Ajouter à un tableau de bord », opens the dashboard and finds the same figure as the
 * API; back in the explorer (state kept), builds bars by département and adds them under the KPI
 * in the same dashboard. A network failure, two conflicts in a row and a right withdrawn (403)
 * are each announced in the dialog, with nothing lost; a reader is not offered the button.
 */
describe('explorer → tableau de bord', () => {
  let session: BrowserSession;
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let dashboardId = '';
  let kpi: Widget;
  let explorerUrl = '';

  beforeAll(async () => {
    // An account of its own: it starts with no dashboard, whatever the other journeys saved.
    const account = await createOwnAccount('editeur');
    session = await openBrowserSession({
      ...account,
      viewport: { width: 1280, height: 900 },
      // The failures the journey provokes (aborted request, 409, 403) are logged by the browser.
      expectedConsoleErrors: /status of (409|403)|net::ERR_FAILED/,
    });
    ({ server, context, page } = session);
  });

  afterAll(() => session?.close());

  const preview = () => page.getByTestId('widget-explorateur');
  const dialog = () => page.getByRole('dialog', { name: 'Ajouter à un tableau de bord' });
  const addButton = () => page.getByRole('button', { name: 'Ajouter à un tableau de bord' });
  const confirm = () => dialog().getByRole('button', { name: /^(Ajouter|Ajout en cours…)$/ });
  /** The viewport only: the dialog is fixed and scrolls inside it, as a phone shows it. */
  async function shot(name: string): Promise<void> {
    mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
  }
  const isFocused = (target: ReturnType<Page['locator']>) =>
    target.evaluate((el) => el === document.activeElement);

  async function stored(id = dashboardId, ctx = context): Promise<DashboardBody> {
    const response = await ctx.request.get(`${server.url}/api/dashboards/${id}`);
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as DashboardBody;
  }

  /** The widget as the explorer holds it, from its « Définition JSON » editor. */
  async function builtWidget(): Promise<Widget> {
    const json = page.getByLabel('Définition du widget (JSON)');
    if (!(await json.isVisible())) await page.getByRole('button', { name: /Définition JSON/ }).click();
    await json.waitFor();
    return JSON.parse(await json.inputValue()) as Widget;
  }

  it('builds a KPI of DETR amounts in the explorer', async () => {
    await page.goto(`${server.url}/explorer`);
    await page.getByRole('heading', { level: 1, name: 'Explorer les données' }).waitFor();
    // Nothing to add before there is a result.
    expect(await addButton().count()).toBe(0);
    await page.getByLabel('Jeu de données').selectOption('dotations_investissement');
    await page.getByLabel('Ajouter un filtre').selectOption('dotation');
    await page.getByRole('combobox', { name: /Valeurs de « Dotation »/ }).waitFor();
    await page.keyboard.type('detr');
    await page
      .getByRole('listbox', { name: 'Valeurs de « Dotation »' })
      .getByRole('option', { name: /DETR/ })
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.locator('#explorateur-titre').fill('Montant DETR accordé');
    await expect
      .poll(async () => plainSpaces((await preview().getByTestId('kpi-exact').textContent()) ?? ''), {
        timeout: 30_000,
      })
      .toContain(DETR_TOTAL);
    await addButton().scrollIntoViewIfNeeded();
    await shot('explorateur-bouton-ajout-1280');
    kpi = await builtWidget();
    expect(kpi).toMatchObject({ type: 'kpi', title: 'Montant DETR accordé' });
    explorerUrl = page.url();
  });

  it('asks for a title, then adds the KPI to a new dashboard (keyboard only)', async () => {
    // Keyboard: the button opens the dialog, the focus goes inside.
    await addButton().focus();
    await page.keyboard.press('Enter');
    await dialog().waitFor();
    await expect.poll(() => dialog().evaluate((d) => d.contains(document.activeElement))).toBe(true);
    // No dashboard yet: « Nouveau tableau de bord » is the only way, already chosen.
    const existing = dialog().getByRole('radio', { name: /Un tableau de bord existant/ });
    expect(await existing.isDisabled()).toBe(true);
    expect(await dialog().getByRole('radio', { name: 'Nouveau tableau de bord' }).isChecked()).toBe(true);
    expect(await dialog().textContent()).toContain('« Montant DETR accordé » (indicateur)');

    // Confirming without a title: the message is next to the field, which gets the focus.
    await confirm().click();
    const title = dialog().getByRole('textbox', { name: /^Titre du nouveau tableau de bord/ });
    await dialog().getByText('Donnez un titre au nouveau tableau de bord.').waitFor();
    await expect.poll(() => isFocused(title)).toBe(true);
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    // The message is the field's description: a screen reader reads it with the field.
    const described = (await title.getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(
      described.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(descriptions.join(' ')).toContain('Donnez un titre au nouveau tableau de bord.');
    await expectAccessible(page);
    await shot('explorateur-ajout-tableau-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('explorateur-ajout-tableau-390');
    // Nothing is cut at 390 px: the dialog's controls fit the viewport's width.
    const widths = await dialog().evaluate((d) =>
      [...d.querySelectorAll('input, select, button')].map((el) => el.getBoundingClientRect().right),
    );
    expect(Math.max(...widths)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.keyboard.type('DETR en France');
    await page.keyboard.press('Enter');
    const open = dialog().getByRole('link', { name: /^Ouvrir le tableau de bord/ });
    await open.waitFor({ timeout: 20_000 });
    // The form is gone: the focus is on the way forward, the success is announced.
    expect(await isFocused(open)).toBe(true);
    expect(await dialog().getByRole('status').textContent()).toContain('« DETR en France »');
    await expectAccessible(page);
    await shot('explorateur-ajout-tableau-fait-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('explorateur-ajout-tableau-fait-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    dashboardId = decodeURIComponent((await open.getAttribute('href'))?.split('/').at(-1) ?? '');
    expect(dashboardId).not.toBe('');

    // Saved as built: same type, title, query and options, in a cell of at least the KPI's minSize.
    const dashboard = await stored();
    expect(dashboard.title).toBe('DETR en France');
    expect(dashboard.definition.widgets).toHaveLength(1);
    const [saved] = dashboard.definition.widgets;
    expect({ ...saved, id: kpi.id }).toEqual(kpi);
    expect(dashboard.definition.layout).toEqual([{ i: saved?.id, x: 0, y: 0, w: 4, h: 4 }]);

    // Closing gives the focus back to the button; the explorer is as it was.
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    expect(await isFocused(addButton())).toBe(true);
    expect(page.url()).toBe(explorerUrl);
    expect(plainSpaces((await preview().getByTestId('kpi-exact').textContent()) ?? '')).toContain(DETR_TOTAL);
  });

  it('opens the dashboard and shows the same figure as the API', async () => {
    const [saved] = (await stored()).definition.widgets;
    const result = await queryApi<{ rows: unknown[][] }>(session, saved?.query ?? {});
    const expected = Number(result.rows[0]?.[0]);
    expect(expected).toBe(amount(DETR_TOTAL));

    // Opened again, the dialog starts a new addition (the form, not the previous success).
    await addButton().click();
    await confirm().waitFor();
    expect(
      await dialog()
        .getByRole('link', { name: /^Ouvrir le tableau de bord/ })
        .count(),
    ).toBe(0);
    await dialog().getByRole('button', { name: 'Annuler' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await page.goto(`${server.url}/tableaux-de-bord/${dashboardId}`);
    await page.getByRole('heading', { level: 1, name: 'DETR en France' }).waitFor();
    const exact = page.locator(`[data-widget-id="${saved?.id}"] [data-testid="kpi-exact"]`);
    await exact.waitFor({ timeout: 30_000 });
    expect(amount((await exact.textContent()) ?? '')).toBe(expected);
    expect(await page.locator(`[data-widget-id="${saved?.id}"]`).textContent()).toContain(
      'Montant DETR accordé',
    );

    // Back to the explorer: the view is there, from its address.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Explorer les données' }).waitFor();
    expect(page.url()).toBe(explorerUrl);
    expect((await builtWidget()).query).toEqual(kpi.query);
  });

  it('adds bars by département under the KPI, in the same dashboard', async () => {
    await page.getByLabel('Ajouter une dimension').selectOption('departement');
    const barsType = page.getByRole('radio', { name: 'Barres' });
    await barsType.focus();
    await page.keyboard.press('Space');
    expect(await barsType.isChecked()).toBe(true);
    await page.locator('#explorateur-titre').fill('DETR par département');
    await preview().locator('[data-testid="bar-chart"][data-rendered="true"]').waitFor({ timeout: 30_000 });
    const bars = await builtWidget();
    explorerUrl = page.url();

    await addButton().click();
    await dialog().waitFor();
    expect(
      await dialog()
        .getByRole('radio', { name: /Un tableau de bord existant/ })
        .isChecked(),
    ).toBe(true);
    const select = dialog().getByRole('combobox', { name: 'Tableau de bord' });
    await select.locator(`option[value="${dashboardId}"]`).waitFor({ state: 'attached' });
    await select.selectOption(dashboardId);
    await confirm().click();
    await dialog()
      .getByRole('link', { name: /^Ouvrir le tableau de bord/ })
      .waitFor({ timeout: 20_000 });

    const dashboard = await stored();
    expect(dashboard.definition.widgets.map((w) => w.type)).toEqual(['kpi', 'bar']);
    const added = dashboard.definition.widgets[1] as Widget;
    expect({ ...added, id: bars.id }).toEqual(bars);
    // At the bottom of the grid, in at least the bar type's minSize (4 × 5).
    const cell = dashboard.definition.layout.find((c) => c.i === added.id);
    expect(cell).toEqual({ i: added.id, x: 0, y: 4, w: 6, h: 7 });

    await dialog()
      .getByRole('link', { name: /^Ouvrir le tableau de bord/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'DETR en France' }).waitFor();
    await page
      .locator(`[data-widget-id="${added.id}"] [data-testid="bar-chart"][data-rendered="true"]`)
      .waitFor({ timeout: 30_000 });
    await page.goBack();
    await preview().locator('[data-testid="bar-chart"][data-rendered="true"]').waitFor({ timeout: 30_000 });
  });

  it('announces a network failure and two conflicts in a row, keeping the choice', async () => {
    const before = await stored();
    const route = `**/api/dashboards/${dashboardId}`;
    await page.route(route, (r) => (r.request().method() === 'PUT' ? r.abort('failed') : r.continue()));
    await addButton().click();
    await dialog().waitFor();
    const select = dialog().getByRole('combobox', { name: 'Tableau de bord' });
    // The last dashboard used is already chosen.
    await expect.poll(() => select.inputValue()).toBe(dashboardId);
    await confirm().click();
    const failure = dialog().getByRole('alert');
    await failure.waitFor({ timeout: 20_000 });
    expect(await failure.textContent()).toMatch(/serveur|connexion|réseau/i);
    await page.unroute(route);

    // Someone saves each time just before us: the dialog retries once, then says so.
    await page.route(route, async (r) => {
      if (r.request().method() === 'PUT') {
        const current = await stored();
        const bump = await context.request.put(`${server.url}/api/dashboards/${dashboardId}`, {
          data: {
            title: current.title,
            description: current.description,
            definition: current.definition,
            version: current.version,
          },
          headers: { 'x-csrf-token': session.csrfToken },
        });
        expect(bump.status()).toBe(200);
      }
      await r.continue();
    });
    await confirm().click();
    await dialog()
      .getByText(/deux fois de suite/)
      .waitFor({ timeout: 20_000 });
    expect(await dialog().getByRole('alert').textContent()).toContain('« DETR en France »');
    expect(await select.inputValue()).toBe(dashboardId);
    await expectAccessible(page);
    await shot('explorateur-ajout-tableau-conflit-1280');
    await page.unroute(route);
    const bumped = await stored();
    expect(bumped.version).toBe(before.version + 2);
    expect(bumped.definition.widgets).toHaveLength(2);

    // Nothing lost: the same dialog, confirmed again, adds the widget.
    await confirm().click();
    await dialog()
      .getByRole('link', { name: /^Ouvrir le tableau de bord/ })
      .waitFor({ timeout: 20_000 });
    expect((await stored()).definition.widgets).toHaveLength(3);
    await dialog().getByRole('button', { name: 'Revenir à l’explorateur' }).click();
    await dialog().waitFor({ state: 'hidden' });
    expect(await isFocused(addButton())).toBe(true);
  });

  it('lists a dashboard shared for editing, and announces the right withdrawn (403)', async () => {
    const admin = await session.browser.newContext({ locale: 'fr-FR' });
    try {
      const csrf = await signIn(admin, server.url, DEMO_ACCOUNTS.admin);
      const headers = { 'x-csrf-token': csrf };
      const me = (await (await context.request.get(`${server.url}/api/me`)).json()) as {
        user: { id: number };
      };
      const created = await admin.request.post(`${server.url}/api/dashboards`, {
        data: { title: 'Tableau de l’administration' },
        headers,
      });
      expect(created.status(), await created.text()).toBe(201);
      const sharedId = ((await created.json()) as { id: string }).id;
      const share = (permission: 'read' | 'edit') =>
        admin.request.put(`${server.url}/api/dashboards/${sharedId}/shares/${me.user.id}`, {
          data: { permission },
          headers,
        });
      expect((await share('edit')).status()).toBe(200);

      await addButton().click();
      await dialog().waitFor();
      const select = dialog().getByRole('combobox', { name: 'Tableau de bord' });
      const option = select.locator(`option[value="${sharedId}"]`);
      await option.waitFor({ state: 'attached' });
      expect(await option.evaluate((o) => (o.parentElement as HTMLOptGroupElement).label)).toBe(
        'Partagés avec moi en modification',
      );
      await select.selectOption(sharedId);
      // The right becomes read-only before the agent confirms.
      expect((await share('read')).status()).toBe(200);
      await confirm().click();
      const failure = dialog().getByRole('alert');
      await failure.waitFor({ timeout: 20_000 });
      expect(await failure.textContent()).toContain('Seul le propriétaire');
      expect(await select.inputValue()).toBe(sharedId);
      expect((await stored(sharedId, admin)).definition.widgets).toHaveLength(0);
      await page.keyboard.press('Escape');
      await dialog().waitFor({ state: 'hidden' });
    } finally {
      await admin.close();
    }
  });

  it('does not offer the button to a reader', async () => {
    const account = await createOwnAccount('lecteur');
    const reader = await session.browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    try {
      await signIn(reader, server.url, account.email, account.password);
      const readerPage = await reader.newPage();
      await readerPage.goto(explorerUrl);
      await readerPage
        .getByTestId('widget-explorateur')
        .locator('[data-testid="bar-chart"][data-rendered="true"]')
        .waitFor({ timeout: 30_000 });
      expect(await readerPage.getByRole('button', { name: 'Copier le lien' }).count()).toBe(1);
      expect(await readerPage.getByRole('button', { name: 'Ajouter à un tableau de bord' }).count()).toBe(0);
    } finally {
      await reader.close();
    }
  });

  it('logged no unexpected error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
