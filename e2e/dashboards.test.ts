import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  createOwnAccount,
  expectAccessible,
  openBrowserSession,
  screenshot,
  type TestServer,
} from './browser.ts';

interface LayoutItem {
  i: string;
  x: number;
  y: number;
  w: number;
  h: number;
}
interface DashboardBody {
  version: number;
  title: string;
  definition: { widgets: { id: string; type: string; title: string }[]; layout: LayoutItem[] };
}

/**
 * Journey: an editor creates an empty dashboard, adds three widgets (the third one with the
 * keyboard only, then moves and resizes it with the arrows, undoes and redoes), lets the
 * autosave run, filters on years, drills into a région by clicking the map, reloads the address
 * and finds the same view, then restores an earlier version from the history.
 */
describe('dashboards — build, filter, drill, save, restore', () => {
  let session: BrowserSession;
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let dashboardId = '';
  let twoWidgetsVersion = 0;

  beforeAll(async () => {
    // An account of its own: other journeys on the shared server save dashboards as the demo editor.
    const account = await createOwnAccount('editeur');
    session = await openBrowserSession({
      ...account,
      viewport: { width: 1440, height: 1000 },
    });
    ({ server, context, page, pageErrors } = session);
  });

  afterAll(() => session?.close());

  async function stored(): Promise<DashboardBody> {
    const response = await context.request.get(`${server.url}/api/dashboards/${dashboardId}`);
    expect(response.ok()).toBe(true);
    return (await response.json()) as DashboardBody;
  }

  const waitSaved = () =>
    page.locator('[data-testid="save-status"][data-status="saved"]').waitFor({ timeout: 20_000 });
  const announcer = () => page.getByTestId('announcer');

  /** Adds a widget with the mouse through the palette and the builder side panel. */
  async function addWithMouse(type: string, dimension: string, radio?: string) {
    await page
      .getByRole('toolbar', { name: 'Édition du tableau de bord' })
      .getByRole('button', { name: type, exact: true })
      .click();
    const panel = page.getByTestId('widget-panel');
    await panel.waitFor();
    await panel.getByLabel('Jeu de données').selectOption('chorus_lignes');
    await panel.getByLabel('Ajouter une dimension').selectOption(dimension);
    if (radio) await panel.getByRole('radio', { name: radio }).check({ force: true });
    await panel.locator('[data-testid^="widget-"][data-status="success"]').waitFor({ timeout: 30_000 });
    await panel.getByRole('button', { name: 'Ajouter au tableau de bord' }).click();
    await panel.waitFor({ state: 'detached' });
  }

  it('lists dashboards and creates an empty one', async () => {
    await page.goto(`${server.url}/tableaux-de-bord`);
    await page.getByRole('heading', { level: 1, name: 'Tableaux de bord' }).waitFor();
    await page.getByText('Vous n’avez pas encore de tableau de bord.').waitFor();
    await page.getByRole('link', { name: "Financements de l'État sur le territoire" }).waitFor();
    await screenshot(page, 'tableaux-de-bord');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Créer un tableau de bord' }).click();
    const dialog = page.getByRole('dialog', { name: 'Créer un tableau de bord' });
    await dialog.getByLabel('Titre').fill('Crédits de l’État — essai');
    await dialog.getByRole('button', { name: 'Créer et commencer' }).click();
    await page.waitForURL(/\/tableaux-de-bord\/[A-Za-z0-9]+\/modifier$/);
    dashboardId = new URL(page.url()).pathname.split('/')[2] ?? '';
    await page.getByTestId('editor-empty').waitFor();
    await page.getByText('Enregistré').waitFor();
  });

  it('adds two widgets with the mouse; the autosave writes them', async () => {
    await addWithMouse('Carte', 'region');
    await addWithMouse('Barres', 'programme', 'Barres');
    await waitSaved();
    const body = await stored();
    expect(body.definition.widgets.map((w) => w.type)).toEqual(['map', 'bar']);
    twoWidgetsVersion = body.version;
    expect(twoWidgetsVersion).toBeGreaterThan(1);
  });

  it('adds a third widget with the keyboard only, moves and resizes it with the arrows', async () => {
    const palette = page.getByRole('toolbar', { name: 'Édition du tableau de bord' });
    await palette.getByRole('button', { name: 'Indicateur', exact: true }).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('widget-panel');
    await panel.waitFor();
    // Tab to the dataset list and pick chorus_lignes with the arrows.
    const focusedLabel = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return (label ?? el.textContent ?? '').trim();
      });
    for (let i = 0; i < 20 && !(await focusedLabel()).startsWith('Jeu de données'); i++)
      await page.keyboard.press('Tab');
    expect(await focusedLabel()).toMatch(/^Jeu de données/);
    const select = panel.getByLabel('Jeu de données');
    for (let i = 0; i < 6 && (await select.inputValue()) !== 'chorus_lignes'; i++)
      await page.keyboard.press('ArrowDown');
    expect(await select.inputValue()).toBe('chorus_lignes');
    await panel.locator('[data-testid^="widget-"][data-status="success"]').waitFor({ timeout: 30_000 });
    for (let i = 0; i < 150 && (await focusedLabel()) !== 'Ajouter au tableau de bord'; i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => announcer().textContent()).toMatch(/ajoutée au tableau de bord/);

    // The new widget's box has the focus: arrows move it, Maj + arrows resize it.
    const focusedCell = async () =>
      (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) ?? '';
    await expect.poll(focusedCell).toMatch(/^cell-w/);
    const before = await focusedCell();
    const id = before.slice('cell-'.length);
    const item = async () => (await stored()).definition.layout.find((it) => it.i === id);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => announcer().textContent())
      .toMatch(/^Widget « .+ » déplacé en colonne \d+, ligne \d+\.$/);
    await page.keyboard.press('Shift+ArrowRight');
    await expect
      .poll(() => announcer().textContent())
      .toMatch(/redimensionné : 5 colonnes de large, 4 lignes de haut/);
    await waitSaved();
    const moved = await item();
    expect(moved).toMatchObject({ w: 5, h: 4 });

    // Undo the resize (Ctrl+Z), redo it (Ctrl+Maj+Z): the grid and the saved layout follow.
    await page.keyboard.press('Control+z');
    await expect.poll(() => announcer().textContent()).toBe('Modification annulée.');
    await waitSaved();
    expect((await item())?.w).toBe(4);
    await page.keyboard.press('Control+Shift+Z');
    await waitSaved();
    expect((await item())?.w).toBe(5);
    expect((await stored()).definition.widgets).toHaveLength(3);
  });

  it('filters on years and drills into a région by clicking the map; the view is in the address', async () => {
    await page.getByLabel('Année : première année').selectOption('2021');
    await page.getByLabel('Année : dernière année').selectOption('2023');
    await expect.poll(() => new URL(page.url()).searchParams.get('annee')).toBe('2021-2023');
    await page.getByRole('button', { name: 'Retirer le filtre Année : 2021 à 2023' }).waitFor();

    // Click Centre-Val de Loire (Bourges) on the map.
    const map = page.locator('[data-widget-id] [data-testid="map"][data-rendered="true"]').first();
    await map.waitFor({ timeout: 30_000 });
    const point = await map.evaluate((el) => {
      const m = (el as unknown as { dataetatMap: { project(p: [number, number]): { x: number; y: number } } })
        .dataetatMap;
      return m.project([2.4, 47.08]);
    });
    await map.click({ position: { x: point.x, y: point.y } });
    const crumb = page.getByTestId('geo-breadcrumb');
    await crumb.getByText('Centre-Val de Loire').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('territoire')).toMatch(/^region:24:/);
    // The map moved down to the départements of the région (6 of them).
    await expect
      .poll(
        async () =>
          (await page
            .locator('[data-widget-id] [data-testid="map"]')
            .first()
            .getAttribute('data-rendered')) === 'true',
        { timeout: 30_000 },
      )
      .toBe(true);
    await screenshot(page, 'tableau-de-bord-editeur');
    await expectAccessible(page);
  });

  it('reopens the same view from the address after a reload', async () => {
    await waitSaved();
    const url = page.url();
    await page.reload();
    await page.getByTestId('geo-breadcrumb').getByText('Centre-Val de Loire').waitFor();
    await page.getByRole('button', { name: 'Retirer le filtre Année : 2021 à 2023' }).waitFor();
    expect(page.url()).toBe(url);
    expect(await page.locator('[data-testid^="cell-"]').count()).toBe(3);

    // The viewer reads the same address.
    await page.goto(url.replace('/modifier', ''));
    await page.getByTestId('dashboard-grid').waitFor();
    await page.getByTestId('geo-breadcrumb').getByText('Centre-Val de Loire').waitFor();
    await page
      .locator('[data-testid="dashboard-grid"] [data-testid="map"][data-rendered="true"]')
      .waitFor({ timeout: 30_000 });
    await page
      .locator('[data-testid="dashboard-grid"] [data-testid="bar-chart"][data-rendered="true"]')
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'tableau-de-bord-lecture');
    await expectAccessible(page);
  });

  it('previews and restores an earlier version, as a new version', async () => {
    const current = (await stored()).version;
    await page.getByRole('button', { name: 'Versions' }).click();
    const panel = page.getByTestId('versions-panel');
    await panel.getByTestId(`version-${current}`).getByText('Actuelle').waitFor();
    await panel
      .getByTestId(`version-${twoWidgetsVersion}`)
      .getByRole('button', { name: /Aperçu/ })
      .click();
    await page
      .getByTestId('version-preview')
      .getByText(`Aperçu de la version ${twoWidgetsVersion}`)
      .waitFor();
    await expect
      .poll(() => page.locator('[data-testid="dashboard-grid"] .dashboard-grid__cell').count())
      .toBe(2);
    await screenshot(page, 'tableau-de-bord-versions');
    await panel
      .getByTestId(`version-${twoWidgetsVersion}`)
      .getByRole('button', { name: /Restaurer/ })
      .click();
    await page.getByText(`Version restaurée : elle devient la version ${current + 1}.`).waitFor();
    const restored = await stored();
    expect(restored.version).toBe(current + 1);
    expect(restored.definition.widgets.map((w) => w.type)).toEqual(['map', 'bar']);
    expect(pageErrors).toEqual([]);
  });

  it('never overwrites a concurrent save: a 409 offers to reload, local changes kept until then', async () => {
    await page.goto(`${server.url}/tableaux-de-bord/${dashboardId}/modifier`);
    await page.locator('[data-testid^="cell-"]').first().waitFor();
    // Someone else saves in between (same account, another tab: the API directly).
    const theirs = await stored();
    const put = await context.request.put(`${server.url}/api/dashboards/${dashboardId}`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: {
        title: theirs.title,
        description: 'Version d’un collègue',
        definition: theirs.definition,
        version: theirs.version,
      },
    });
    expect(put.ok()).toBe(true);
    await page.getByLabel('Description').fill('Ma version locale');
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('Description').inputValue()).toBe('Ma version locale');
    expect((await stored()) as unknown as { description: string }).toMatchObject({
      description: 'Version d’un collègue',
    });
    await conflict.getByRole('button', { name: 'Recharger la version enregistrée' }).click();
    await expect.poll(() => page.getByLabel('Description').inputValue()).toBe('Version d’un collègue');
    await waitSaved();
  });

  it('deletes with a confirmation, undoes it, and restores from the trash', async () => {
    await page.goto(`${server.url}/tableaux-de-bord`);
    const title = 'Crédits de l’État — essai';
    await page.getByRole('button', { name: `Supprimer « ${title} »` }).click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer ce tableau de bord ?' });
    await dialog.getByRole('button', { name: 'Placer dans la corbeille' }).click();
    const notice = page.getByTestId('undo-notice');
    await notice.getByText(`« ${title} » a été placé dans la corbeille.`).waitFor();
    await page.getByRole('heading', { name: /Corbeille/ }).waitFor();
    await notice.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: `Supprimer « ${title} »` }).waitFor();
    await expect.poll(() => page.getByRole('heading', { name: /Corbeille/ }).count()).toBe(0);

    await page.getByRole('button', { name: `Supprimer « ${title} »` }).click();
    await dialog.getByRole('button', { name: 'Placer dans la corbeille' }).click();
    await page.getByRole('button', { name: `Restaurer « ${title} »` }).click();
    await page.getByRole('button', { name: `Supprimer « ${title} »` }).waitFor();
  });

  it('stacks widgets in one column on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/tableaux-de-bord/${dashboardId}`);
    await page
      .locator('[data-testid="dashboard-grid"] [data-status="success"]')
      .nth(1)
      .waitFor({ timeout: 30_000 });
    const boxes = await page
      .locator('.dashboard-grid__cell')
      .evaluateAll((cells) =>
        cells
          .map((c) => c.getBoundingClientRect())
          .map((r) => ({ x: Math.round(r.x), w: Math.round(r.width) })),
      );
    expect(new Set(boxes.map((b) => b.x)).size).toBe(1);
    await screenshot(page, 'tableau-de-bord-mobile');
    await page.setViewportSize({ width: 1440, height: 1000 });
  });
});
