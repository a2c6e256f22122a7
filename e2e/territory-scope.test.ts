import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, DEMO_ACCOUNTS, expectAccessible, openBrowserSession } from './browser.ts';

/**
 * Journey: a reader whose data is limited to Bretagne opens the reference dashboard. The filter
 * bar says where their data stops (« Vos données : Bretagne », not « France entière ») and the
 * territory search only offers places inside Bretagne.
 */
describe('territory search of a reader scoped to Bretagne', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession({ email: DEMO_ACCOUNTS.lecteurBretagne });
  });

  afterAll(() => session?.close());

  it('offers only their territory and names it', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/tableaux-de-bord`);
    await page.getByRole('link', { name: "Financements de l'État sur le territoire" }).first().click();
    const crumb = page.getByTestId('geo-breadcrumb');
    await crumb.getByText('Vos données : Bretagne').waitFor({ timeout: 30_000 });
    expect(await crumb.getByText('France entière').count()).toBe(0);

    const levels = page.getByRole('combobox', { name: 'Niveau géographique recherché' });
    expect(await levels.locator('option').allTextContents()).not.toContain('Région');
    const search = page.getByRole('searchbox', { name: /^Rechercher : département dans Bretagne/ });
    await search.fill('Calvados');
    await page.getByText('Aucun résultat pour « Calvados ».').waitFor({ timeout: 20_000 });
    await search.fill('Finis');
    const results = page.getByRole('list', {
      name: /^Résultats pour Rechercher : département dans Bretagne/,
    });
    await results.getByRole('button', { name: /Finistère/ }).waitFor({ timeout: 20_000 });
    await expectAccessible(page);
  });

  it('left no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
