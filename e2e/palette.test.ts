import path from 'node:path';
import { WIDGET_DEFINITIONS } from '@dataetat/widgets/react';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  createDashboard,
  createOwnAccount,
  expectAccessible,
  openBrowserSession,
  runAxe,
  screenshotsDir,
  type TestServer,
} from './browser.ts';

/**
 * Journey: in the dashboard editor an agent reads what each type of the « Ajouter » palette is for
 * (its picture, and its explanation on hover or focus), picks « Flux » before choosing any data,
 * and gets flows as soon as the query has two categories — not the type the builder would suggest.
 */
describe('dashboard editor — picking a type in « Ajouter »', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    const account = await createOwnAccount('editeur');
    session = await openBrowserSession({ ...account, viewport: { width: 1440, height: 900 } });
    ({ server, page } = session);
    const id = await createDashboard(session, { title: 'Choisir un type' });
    await page.goto(`${server.url}/tableaux-de-bord/${id}/modifier`);
  });

  afterAll(() => session?.close());

  const toolbar = () => page.getByRole('toolbar', { name: 'Édition du tableau de bord' });

  it('shows every type with its picture, and says what it is for on hover and on focus', async () => {
    await toolbar().waitFor();
    const buttons = await toolbar()
      .locator('.dashboard-palette button')
      .evaluateAll((elements) =>
        elements.map((button) => {
          const svg = button.querySelector('svg');
          const described = document.getElementById(button.getAttribute('aria-describedby') ?? '');
          return {
            name: button.textContent,
            description: described?.textContent,
            role: described?.getAttribute('role'),
            picture: svg?.getAttribute('aria-hidden') === 'true' ? svg.getBoundingClientRect().width : 0,
          };
        }),
      );
    expect(buttons).toEqual(
      WIDGET_DEFINITIONS.map((d) => ({
        name: d.label,
        description: d.description,
        role: 'tooltip',
        picture: 28,
      })),
    );

    const flux = toolbar().getByRole('button', { name: 'Flux', exact: true });
    const tip = page.locator('#palette-aide-sankey');
    await flux.hover();
    await tip.waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(screenshotsDir, 'palette-1440.png') });
    await page.mouse.move(0, 0);
    await tip.waitFor({ state: 'hidden' });
    await flux.focus();
    await tip.waitFor({ state: 'visible' });
    expect(await runAxe(page, '.dashboard-palette')).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('keeps « Flux » picked before any data, and shows flows once the query has two categories', async () => {
    await toolbar().getByRole('button', { name: 'Flux', exact: true }).click();
    const panel = page.getByTestId('widget-panel');
    await panel.getByLabel('Jeu de données').selectOption('chorus_lignes');
    // One measure, no dimension: flows cannot show it yet, the panel says the choice is kept.
    await panel.getByText('Votre choix, « Flux », s’affichera dès que', { exact: false }).waitFor();
    await panel.getByLabel('Ajouter une dimension').selectOption('programme');
    await panel.getByLabel('Ajouter une dimension').selectOption('type_beneficiaire');
    const flux = panel.getByRole('radio', { name: /^Flux/ });
    await expect.poll(() => flux.isChecked(), { timeout: 10_000 }).toBe(true);
    expect(await panel.getByText('Votre choix, « Flux »', { exact: false }).count()).toBe(0);
    await panel.locator('[data-testid="sankey-chart"][data-rendered="true"]').waitFor({ timeout: 30_000 });
    await expectAccessible(page);
    await panel.getByRole('button', { name: 'Ajouter au tableau de bord' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.locator('[data-testid="save-status"][data-status="saved"]').waitFor({ timeout: 20_000 });
  });

  it('wraps the palette on a phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await toolbar().scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(screenshotsDir, 'palette-390.png') });
    expect(await runAxe(page, '.dashboard-palette')).toEqual([]);
  });

  it('logged no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
