import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  echartsOption,
  expectAccessible,
  inkedPixels,
  openBrowserSession,
  plainSpaces,
  screenshot,
  type TestServer,
  waitRendered,
} from './browser.ts';

/**
 * Journey: an agent opens the catalogue, then the DETR/DSIL/DSID dataset, reads the chart
 * « Montant accordé par dotation » and the table « Par région » with its total.
 */
describe('dataset page — dotations d’investissement', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ server, page } = session);
  });

  afterAll(() => session?.close());

  it('draws the bar chart and the regional table with French numbers', async () => {
    await page.goto(`${server.url}/jeux-de-donnees/dotations_investissement`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.title()).toContain('Data-État');

    const chart = page.locator('[data-testid="bar-chart"]');
    await waitRendered(chart);

    // The ECharts option: three bars, one per dotation, largest first.
    const option = await echartsOption<{
      xAxis: { data: string[] }[];
      series: { type: string; data: (number | null)[] }[];
    }>(chart);
    expect([...(option.xAxis[0]?.data ?? [])].sort()).toEqual(['DETR', 'DSID', 'DSIL']);
    expect(option.series).toHaveLength(1);
    expect(option.series[0]?.data).toHaveLength(3);
    const values = (option.series[0]?.data ?? []).map(Number);
    expect(values).toEqual([...values].sort((a, b) => b - a));

    // The canvas really has ink on it.
    expect(await inkedPixels(chart)).toBeGreaterThan(1000);

    // The table « Par région »: labels, French amounts, a totals row.
    const table = page.getByTestId('widget-par-region').locator('table');
    await table.waitFor();
    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers[0]).toBe('Région');
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(13);
    const totals = plainSpaces((await table.locator('tfoot').textContent()) ?? '');
    expect(totals).toContain('Total');

    const text = plainSpaces((await page.locator('main').textContent()) ?? '');
    expect(text).toContain('DETR');
    expect(text).toContain('977 561 920 €');
    expect(text).toMatch(/Source : .+ — données au \d{2}\/\d{2}\/\d{4}/);

    await screenshot(page, 'jeu-de-donnees-dotations');
    await expectAccessible(page);
  });

  it('serves the catalogue on a deep link', async () => {
    await page.goto(`${server.url}/jeux-de-donnees`);
    await page.getByRole('heading', { level: 1, name: 'Jeux de données' }).waitFor();
    const card = page.getByRole('link', { name: /^Dotations de soutien à l'investissement local/ });
    await card.waitFor();
    expect(await card.getAttribute('href')).toBe('/jeux-de-donnees/dotations_investissement');
    await screenshot(page, 'jeux-de-donnees');
    await expectAccessible(page);
  });

  it('says in French that an unknown page does not exist', async () => {
    await page.goto(`${server.url}/nulle-part`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await page.goto(`${server.url}/jeux-de-donnees/inconnu`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
  });

  it('logged no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
