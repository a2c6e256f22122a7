import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  DEMO_ACCOUNTS,
  expectAccessible,
  inkedPixels,
  openBrowserSession,
  queryApi,
  screenshot,
} from './browser.ts';

/** The map of the entity's communes: drawn (MapLibre idle) and inked at the current width. */
async function expectMapDrawn(page: Page): Promise<number> {
  const map = page.getByTestId('widget-carte');
  await map.locator('[data-testid="map"][data-rendered="true"]').waitFor({ timeout: 60_000 });
  const box = await map.locator('canvas').first().boundingBox();
  // The frame's width less its padding, at 390 px as at 1440 px; the height the page gives it.
  expect(box?.width).toBeGreaterThan(250);
  expect(box?.height).toBeGreaterThan(250);
  const inked = await inkedPixels(map);
  expect(inked).toBeGreaterThan(2_000);
  // Its communes in the classes' blue, not only the grey of the communes without data.
  const blue = await map
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d');
      context?.drawImage(canvas, 0, 0);
      const data = context?.getImageData(0, 0, copy.width, copy.height).data ?? new Uint8ClampedArray();
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i + 2] ?? 0) > (data[i] ?? 0) + 20) count++;
      return count;
    });
  expect(blue).toBeGreaterThan(50);
  return inked;
}

/**
 * Every row of a table is in the page: no element of the widget scrolls vertically inside
 * (a table of 41 lines showing one and scrolling in its frame fails here), and none is clipped.
 */
async function expectAllRowsShown(page: Page, widgetId: string, rows: number): Promise<void> {
  const widget = page.getByTestId(`widget-${widgetId}`);
  await widget.locator('table').first().waitFor({ timeout: 30_000 });
  expect(await widget.locator('table tbody tr').count()).toBe(rows);
  const innerScrollers = await widget.evaluate((root) =>
    [root, ...root.querySelectorAll('*')]
      .filter((element) => {
        const overflow = getComputedStyle(element).overflowY;
        return (
          (overflow === 'auto' || overflow === 'scroll') && element.scrollHeight > element.clientHeight + 1
        );
      })
      .map((element) => `${element.tagName}.${element.className}`),
  );
  expect(innerScrollers).toEqual([]);
  // Each row has a readable height (rows of long objects wrap, so heights differ) and the last
  // one lies inside the frame.
  const heights = await widget
    .locator('table tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
  expect(Math.min(...heights)).toBeGreaterThan(20);
  const last = await widget.locator('table tbody tr').last().boundingBox();
  const frame = await widget.boundingBox();
  if (!last || !frame) throw new Error(`tableau ${widgetId} absent`);
  expect(last.y + last.height).toBeLessThanOrEqual(frame.y + frame.height);
}

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

    // What the tables must show, asked to the API with the same filter (and the reader's scope).
    const bySiren = [{ field: 'siren', op: 'eq', values: [siren] }];
    const lines = await queryApi<{ rows: unknown[][] }>(session, {
      dataset: 'financements_publics',
      dimensions: ['source', 'annee', 'beneficiaire', 'commune', 'objet', 'nature_montant', 'recoupement'],
      measures: ['montant_source'],
      filters: bySiren,
      limit: 200,
    });
    const years = await queryApi<{ rows: unknown[][] }>(session, {
      dataset: 'financements_publics',
      dimensions: ['annee', 'source'],
      measures: ['montant'],
      filters: bySiren,
    });
    const sources = await queryApi<{ rows: unknown[][] }>(session, {
      dataset: 'financements_publics',
      dimensions: ['source'],
      measures: ['montant'],
      filters: bySiren,
    });
    // Not vacuous: the largest beneficiary has many lines (one visible was the defect).
    expect(lines.rows.length).toBeGreaterThan(10);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
      await expectAllRowsShown(page, 'lignes', lines.rows.length);
      await expectAllRowsShown(page, 'par-annee', years.rows.length);
      await expectAllRowsShown(page, 'par-source', sources.rows.length);
      await expectMapDrawn(page);
      await screenshot(page, `beneficiaires-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await expectAccessible(page);
  });

  it('left no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
