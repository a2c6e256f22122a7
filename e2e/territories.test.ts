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
 * Journey (issue 13): « Territoires » → pick a commune → the « Portrait financier d'un
 * territoire » reference dashboard opens on it, its territory in the address; a Bretagne reader
 * gets « Ma région » straight away. Readable at 1440 and 390 px.
 */
describe('territory portrait', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession({ email: DEMO_ACCOUNTS.admin });
  });
  afterAll(() => session?.close());

  it('picks a commune and opens its portrait, every figure of the commune only', async () => {
    const { page, server } = session;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Territoires' }).first().click();
    await page.getByRole('heading', { level: 1, name: "Portrait d'un territoire" }).waitFor();
    expect(await page.getByRole('button', { name: "Choisissez d'abord un territoire" }).isDisabled()).toBe(
      true,
    );
    await page.getByLabel('Niveau géographique recherché').selectOption('commune');
    await page.getByRole('searchbox', { name: /Rechercher : commune/ }).fill('Rennes');
    await page.getByRole('button', { name: /^Rennes(?![-\w])/ }).click();
    const open = page.getByRole('link', { name: /^Voir le portrait : Rennes(?![-\w])/ });
    expect(await open.getAttribute('href')).toMatch(/territoire=commune%3A35238%3ARennes/);
    await expectAccessible(page);
    await open.click();

    await page.getByRole('heading', { level: 1, name: "Portrait financier d'un territoire" }).waitFor();
    expect(new URL(page.url()).searchParams.getAll('territoire').at(-1)).toMatch(/^commune:35238:/);
    await page.getByTestId('geo-breadcrumb').getByText('Rennes').waitFor({ timeout: 30_000 });

    // The sources' bar: one bar per source of Rennes, from the same spec filtered by hand.
    const expected = await queryApi<{ rows: [string, string, number][] }>(session, {
      dataset: 'financements_publics',
      dimensions: ['source'],
      measures: ['montant'],
      filters: [{ field: 'commune', op: 'eq', values: ['35238'] }],
    });
    expect(expected.rows.length).toBeGreaterThan(1);
    const bySource = page.locator('[data-widget-id="par-source"]');
    for (const [, label] of expected.rows) {
      // The chart's data table (for screen readers) names each bar.
      await bySource.getByText(label).first().waitFor({ state: 'attached', timeout: 30_000 });
    }
    await page.locator('[data-widget-id="beneficiaires"] table').waitFor({ timeout: 30_000 });
    expect(await page.getByText(/Erreur|introuvable/).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'portrait-rennes-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'portrait-rennes-390');
  });

  it('left no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

describe('territory portrait for a reader of one région', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession({ email: DEMO_ACCOUNTS.lecteurBretagne });
  });
  afterAll(() => session?.close());

  it('opens « Ma région » in one click, and never offers the whole country', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/territoires`);
    expect(await page.getByRole('link', { name: 'La France entière' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Ma région : Bretagne' }).click();
    await page.getByRole('heading', { level: 1, name: "Portrait financier d'un territoire" }).waitFor();
    expect(new URL(page.url()).searchParams.getAll('territoire')).toEqual(['region:53:Bretagne']);
    await page
      .getByTestId('geo-breadcrumb')
      .getByText(/Bretagne/)
      .first()
      .waitFor({ timeout: 30_000 });
  });

  it('left no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
