import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  createDashboard,
  DEMO_ACCOUNTS,
  expectAccessible,
  openBrowserSession,
  plainSpaces,
  screenshot,
} from './browser.ts';

/** A KPI with its exact figure, under a territory filter the embed can lock. */
const DEFINITION = {
  schemaVersion: 1,
  title: 'Intégration depuis le dialogue',
  description: 'Parcours « Partager » → « Intégrer ».',
  filters: [
    { id: 'annee', kind: 'annee', label: 'Année' },
    { id: 'territoire', kind: 'territoire', label: 'Territoire' },
  ],
  widgets: [
    {
      id: 'kpi-cp',
      type: 'kpi',
      title: 'Crédits de paiement',
      query: { dataset: 'chorus_lignes', measures: ['montant_cp'] },
      options: { measure: 'montant_cp', compact: false },
    },
  ],
  layout: [{ i: 'kpi-cp', x: 0, y: 0, w: 4, h: 3 }],
};

const ORIGIN = 'https://intranet.ille-et-vilaine.pref.gouv.fr';

/** « 1 234 567,89 € » → 1234567.89 */
const euros = (text: string) => Number(plainSpaces(text).replace(/[ €]/g, '').replace(',', '.'));

/**
 * Journey: the editor embeds one KPI locked to Ille-et-Vilaine from the dialog; the three
 * snippets carry the token and the right addresses, the preview shows the figure the embed API
 * gives for that token, and « Révoquer » makes the grant refuse with GRANT_REVOKED.
 */
describe('sharing — « Intégrer » tab', () => {
  let session: BrowserSession;
  let page: Page;
  let dashboardId = '';

  beforeAll(async () => {
    session = await openBrowserSession({
      email: DEMO_ACCOUNTS.editeur,
      viewport: { width: 1440, height: 900 },
      // The revoked preview answers 410: the browser logs it.
      expectedConsoleErrors: /status of 4\d\d/,
    });
    page = session.page;
    dashboardId = await createDashboard(session, {
      title: DEFINITION.title,
      description: DEFINITION.description,
      definition: DEFINITION,
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  const dialog = () => page.getByRole('dialog', { name: /^Partager « Intégration depuis le dialogue »/ });

  it('creates a locked widget embed: snippets, preview figure = API, then revokes it', async () => {
    const url = session.server.url;
    await page.goto(`${url}/tableaux-de-bord/${dashboardId}`);
    await page.getByRole('button', { name: 'Partager', exact: true }).click();
    await dialog().waitFor();
    await dialog().getByRole('tab', { name: 'Intégrer' }).click();
    await dialog().getByLabel('Ce qui est intégré').selectOption('kpi-cp');
    await dialog()
      .getByLabel(/^Libellé/)
      .fill('Intranet 35');
    await dialog()
      .getByLabel(/^Origines autorisées/)
      .fill(ORIGIN);
    await dialog().getByLabel('Niveau géographique recherché').selectOption('departement');
    await dialog()
      .getByRole('searchbox', { name: /Rechercher : département/ })
      .fill('ille-et');
    await dialog()
      .getByRole('button', { name: /Ille-et-Vilaine/ })
      .click();
    await dialog()
      .getByRole('button', { name: /Retirer le filtre Territoire : Ille-et-Vilaine/ })
      .waitFor();
    await dialog().getByRole('button', { name: 'Créer l’intégration' }).click();

    const code = dialog().getByTestId('code-integration');
    await code.waitFor();
    const iframe = await code.getByLabel(/^1\. Cadre/).inputValue();
    const token = /\/embed\/([^"?]+)"/.exec(iframe)?.[1] ?? '';
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(iframe).toContain(`src="${url}/embed/${token}"`);
    const script = await code.getByLabel(/^2\. Composant web/).inputValue();
    expect(script).toContain(`<script src="${url}/embed.js" async></script>`);
    expect(script).toContain(`<dataetat-widget token="${token}"></dataetat-widget>`);
    const image = await code.getByLabel(/^3\. Image/).inputValue();
    expect(image).toContain(`<img src="${url}/embed/${token}.svg" alt="Crédits de paiement">`);

    const row = dialog().getByTestId(/^integration-/);
    expect(plainSpaces((await row.textContent()) ?? '')).toContain(ORIGIN);
    const summaries = await session.context.request.get(`${url}/api/dashboards/${dashboardId}/embeds`);
    const [summary] = ((await summaries.json()) as { embeds: { token: string; lockedFilters: unknown }[] })
      .embeds;
    expect(summary?.lockedFilters).toEqual([{ field: 'departement', op: 'eq', values: ['35'] }]);

    // The preview shows what the embed API gives for this token (the lock applies).
    const answer = await session.context.request.post(`${url}/api/embed/query`, {
      headers: { authorization: `Bearer ${token}` },
      data: { widgetId: 'kpi-cp', spec: DEFINITION.widgets[0]?.query },
    });
    expect(answer.status(), await answer.text()).toBe(200);
    const expected = Number(((await answer.json()) as { rows: unknown[][] }).rows[0]?.[0]);
    expect(expected).toBeGreaterThan(0);
    const preview = code.frameLocator('iframe');
    const kpi = preview.locator('dataetat-widget [data-testid="kpi-value"]');
    await kpi.waitFor({ timeout: 30_000 });
    expect(Math.abs(euros((await kpi.textContent()) ?? '') - expected)).toBeLessThan(0.01);
    await expectAccessible(page);
    await screenshot(page, 'partage-dialogue-integration-creee-1440');

    await row.getByRole('button', { name: /^Révoquer/ }).click();
    await row.getByRole('button', { name: 'Confirmer la révocation' }).click();
    await row.getByText('Révoqué', { exact: true }).waitFor();
    expect(await dialog().getByTestId('code-integration').count()).toBe(0);
    const refused = await session.context.request.get(`${url}/api/embed/resource`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status()).toBe(410);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('GRANT_REVOKED');
    const frame = await session.context.request.get(`${url}/embed/${token}.svg`);
    expect(frame.status()).toBe(410);
    await expectAccessible(page);
  });

  it('at 390 px the three tabs fit in the dialog: « Intégrer » is not cut', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${session.server.url}/tableaux-de-bord/${dashboardId}`);
    await page.getByRole('button', { name: 'Partager', exact: true }).click();
    const embedTab = dialog().getByRole('tab', { name: 'Intégrer' });
    await embedTab.waitFor();
    const fit = await dialog()
      .getByRole('tablist')
      .evaluate((list) => ({ scroll: list.scrollWidth, client: list.clientWidth }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    const tab = await embedTab.boundingBox();
    const box = await dialog().getByRole('tablist').boundingBox();
    expect((tab?.x ?? 0) + (tab?.width ?? 0)).toBeLessThanOrEqual((box?.x ?? 0) + (box?.width ?? 0) + 0.5);
    await screenshot(page, 'partage-dialogue-onglets-390');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
