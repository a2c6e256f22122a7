import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  plainSpaces,
  runAxe,
  screenshot,
  signIn,
  startTestServer,
  type TestServer,
} from './browser.ts';

/**
 * Journey: an agent opens the catalogue, then the DETR/DSIL/DSID dataset, reads the chart
 * « Montant accordé par dotation » and the table « Par région » with its total.
 */
describe('dataset page — dotations d’investissement', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    page = await context.newPage();
    await signIn(context, server.url);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('draws the bar chart and the regional table with French numbers', async () => {
    await page.goto(`${server.url}/jeux-de-donnees/dotations_investissement`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.title()).toContain('Data-État');

    const chart = page.locator('[data-testid="bar-chart"]');
    await chart.and(page.locator('[data-rendered="true"]')).waitFor({ timeout: 30_000 });

    // The ECharts option: three bars, one per dotation, largest first.
    const option = await chart.evaluate((element) => {
      const chartInstance = (element as HTMLElement & { dataetatChart?: { getOption(): unknown } })
        .dataetatChart;
      return chartInstance?.getOption() as {
        xAxis: { data: string[] }[];
        series: { type: string; data: (number | null)[] }[];
      };
    });
    expect([...(option.xAxis[0]?.data ?? [])].sort()).toEqual(['DETR', 'DSID', 'DSIL']);
    expect(option.series).toHaveLength(1);
    expect(option.series[0]?.data).toHaveLength(3);
    const values = (option.series[0]?.data ?? []).map(Number);
    expect(values).toEqual([...values].sort((a, b) => b - a));

    // The canvas really has ink on it.
    const inked = await chart
      .locator('canvas')
      .first()
      .evaluate((canvas: HTMLCanvasElement) => {
        const context2d = canvas.getContext('2d');
        if (!context2d) return 0;
        const { data } = context2d.getImageData(0, 0, canvas.width, canvas.height);
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
          if (a > 0 && (r < 240 || g < 240 || b < 240)) count++;
        }
        return count;
      });
    expect(inked).toBeGreaterThan(1000);

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
    const violations = await runAxe(page);
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  });

  it('serves the catalogue on a deep link', async () => {
    await page.goto(`${server.url}/jeux-de-donnees`);
    await page.getByRole('heading', { level: 1, name: 'Jeux de données' }).waitFor();
    const card = page.getByRole('link', { name: /^Dotations de soutien à l'investissement local/ });
    await card.waitFor();
    expect(await card.getAttribute('href')).toBe('/jeux-de-donnees/dotations_investissement');
    await screenshot(page, 'jeux-de-donnees');
    const violations = await runAxe(page);
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  });

  it('says in French that an unknown page does not exist', async () => {
    await page.goto(`${server.url}/nulle-part`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await page.goto(`${server.url}/jeux-de-donnees/inconnu`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
  });

  it('logged no error in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
