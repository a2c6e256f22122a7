import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  DEMO_ACCOUNTS,
  expectAccessible,
  type MapLayers,
  openBrowserSession,
  plainSpaces,
  queryApi,
  screenshot,
  screenshotsDir,
  waitRendered,
} from './browser.ts';

/**
 * Journey (issue 13): « Territoires » → pick a commune → the « Portrait financier d'un
 * territoire » reference dashboard opens on it, its territory in the address (Rennes has no
 * quartier prioritaire: its map stays at the commune and says so); pick a quartier prioritaire
 * under its commune → the portrait of the quartier, Chorus only, from a copied address; a
 * Bretagne reader gets « Ma région » straight away. Readable at 1440 and 390 px.
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

    // Rennes has no quartier prioritaire to draw: the map stays at the commune, and says why.
    const carte = page.locator('[data-widget-id="carte"]');
    await expect
      .poll(() => carte.getByTestId('widget-notice').textContent(), { timeout: 30_000 })
      .toMatch(/^Aucun quartier prioritaire dans cette commune .*la carte reste au niveau de la commune\.$/);
    expect(await carte.locator('h2').textContent()).toMatch(/par commune$/);
    await waitRendered(carte.getByTestId('map'), 60_000);
    await expectAccessible(page);
    await screenshot(page, 'portrait-rennes-1440');
    await carte.screenshot({ path: path.join(screenshotsDir, 'portrait-rennes-carte-1440.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'portrait-rennes-390');
    await carte.scrollIntoViewIfNeeded();
    await carte.screenshot({ path: path.join(screenshotsDir, 'portrait-rennes-carte-390.png') });
  });

  it('picks a quartier prioritaire under its commune: the portrait of the quartier, its address shareable', async () => {
    const { page, server } = session;
    await page.setViewportSize({ width: 1440, height: 900 });
    // A quartier of Toulouse with Chorus lines (demo lines placed in its quartiers).
    const quartiers = await queryApi<{ rows: [string, string, number][] }>(session, {
      dataset: 'chorus_lignes',
      dimensions: ['qpv'],
      measures: ['montant_cp'],
      filters: [
        { field: 'commune', op: 'eq', values: ['31555'] },
        { field: 'qpv', op: 'not_null' },
      ],
      sort: [{ field: 'montant_cp', dir: 'desc' }],
    });
    const [code, label] = quartiers.rows[0] ?? [];
    if (!code || !label) throw new Error('aucun quartier de Toulouse dans les données');
    const name = label.replace(/ \(Toulouse\)$/, '');

    await page.goto(`${server.url}/territoires`);
    await page.getByRole('heading', { level: 1, name: "Portrait d'un territoire" }).waitFor();
    await page.getByLabel('Niveau géographique recherché').selectOption('commune');
    await page.getByRole('searchbox', { name: /Rechercher : commune/ }).fill('Toulouse');
    await page.getByRole('button', { name: /^Toulouse(?![-\w])/ }).click();
    await page.getByLabel('Niveau géographique recherché').selectOption('qpv');
    const search = page.getByRole('searchbox', { name: 'Rechercher : quartier prioritaire dans Toulouse' });
    await search.fill(name.slice(0, 6));
    await page.getByRole('button', { name: label }).click();
    const open = page.getByRole('link', { name: `Voir le portrait : ${label}` });
    const href = (await open.getAttribute('href')) ?? '';
    // Each part of a territory is encoded on its own (urlState.ts).
    const territories = new URLSearchParams(href.split('?')[1])
      .getAll('territoire')
      .map((t) => t.split(':').map(decodeURIComponent).join(':'));
    expect(territories).toEqual([`commune:31555:Toulouse`, `qpv:${code}:${label}`]);
    await page.getByTestId('portrait-qpv-notice').waitFor();
    expect(plainSpaces((await page.getByTestId('portrait-qpv-notice').textContent()) ?? '')).toContain(
      'ne montre que les lignes Chorus placées dans ce quartier',
    );
    await expectAccessible(page);
    await screenshot(page, 'territoires-quartier-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'territoires-quartier-390');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Opened as a copied link would be: the quartier's portrait, Chorus only.
    await page.goto(`${server.url}${href}`);
    await page.getByRole('heading', { level: 1, name: "Portrait financier d'un territoire" }).waitFor();
    await page.getByTestId('geo-breadcrumb').getByText(label).waitFor({ timeout: 30_000 });
    const sources = await queryApi<{ rows: [string, string, number][] }>(session, {
      dataset: 'financements_publics',
      dimensions: ['source'],
      measures: ['montant'],
      filters: [{ field: 'qpv', op: 'eq', values: [code] }],
    });
    expect(sources.rows.map((r) => r[0])).toEqual(['chorus']);
    const bySource = page.locator('[data-widget-id="par-source"]');
    await bySource
      .getByText(sources.rows[0]?.[1] as string)
      .first()
      .waitFor({ state: 'attached', timeout: 30_000 });
    expect(await bySource.getByText('Dotations d’investissement (DETR, DSIL, DSID)').count()).toBe(0);
    // The map shows the quartier, its neighbours out of scope.
    const carte = page.locator('[data-widget-id="carte"]');
    await expect
      .poll(() => carte.locator('h2').textContent(), { timeout: 30_000 })
      .toMatch(/par quartier prioritaire$/);
    const map = carte.getByTestId('map');
    await waitRendered(map, 60_000);
    await expect
      .poll(
        () =>
          map.evaluate((element) => {
            const handle = (element as HTMLElement & { dataetatMap: MapLayers }).dataetatMap;
            return [
              ...new Set(
                handle
                  .queryRenderedFeatures({ layers: ['areas-data'] })
                  .map((f) => String(f.properties.code)),
              ),
            ];
          }),
        { timeout: 30_000 },
      )
      .toEqual([code]);
    expect(await page.getByText(/Erreur|introuvable/).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'portrait-quartier-1440');
    await carte.screenshot({ path: path.join(screenshotsDir, 'portrait-quartier-carte-1440.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'portrait-quartier-390');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screenshotsDir, 'portrait-quartier-390-haut.png') });
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
