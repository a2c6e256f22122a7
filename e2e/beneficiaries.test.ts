import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  DEMO_ACCOUNTS,
  expectAccessible,
  openBrowserSession,
  queryApi,
  screenshot,
} from './browser.ts';

/**
 * Journey (issue 13): a Bretagne reader types part of a beneficiary's name on « Bénéficiaires »,
 * picks it, and sees what it received by source, its lines, the map of its establishments and
 * the registry link by SIREN; readable at 1440 and 390 px.
 */
describe('beneficiary page', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession({ email: DEMO_ACCOUNTS.lecteurBretagne });
  });
  afterAll(() => session?.close());

  it('finds a beneficiary by name and shows everything it received', async () => {
    const { page, server } = session;
    // The reader's largest beneficiary with a SIRET (from the API, scoped like the page).
    const top = await queryApi<{ rows: [string, string, number][] }>(session, {
      dataset: 'financements_publics',
      dimensions: ['beneficiaire'],
      measures: ['montant_source'],
      filters: [{ field: 'siren', op: 'not_null' }],
      sort: [{ field: 'montant_source', dir: 'desc' }],
      limit: 1,
    });
    const [siret, name] = top.rows[0] as [string, string, number];
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/beneficiaires`);
    await page.getByRole('searchbox', { name: /SIRET, SIREN ou nom/ }).fill(name.slice(0, 12).toLowerCase());
    await page
      .getByRole('button', { name: new RegExp(siret) })
      .first()
      .click();
    await page.getByRole('heading', { level: 2, name }).waitFor({ timeout: 20_000 });
    const siren = siret.slice(0, 9);
    const registry = page.getByRole('link', { name: /annuaire des entreprises/ });
    expect(await registry.getAttribute('href')).toBe(
      `https://annuaire-entreprises.data.gouv.fr/entreprise/${siren}`,
    );
    expect(page.url()).toContain(`entite=${siren}`);
    await page.getByRole('heading', { name: 'Totaux par source' }).waitFor();
    await page.getByRole('heading', { name: 'Lignes reçues' }).waitFor();
    await page.locator('table').first().waitFor({ timeout: 30_000 });
    await expectAccessible(page);
    await screenshot(page, 'beneficiaires-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'beneficiaires-390');
  });

  it('left no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
