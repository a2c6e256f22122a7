import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  echartsOption,
  expectAccessible,
  inkedPixels,
  openBrowserSession,
  plainSpaces,
  queryApi,
  savedDownload,
  screenshotsDir,
  type TestServer,
  waitRendered,
} from './browser.ts';

/**
 * Journey: an agent opens the « Galerie des visualisations » (/apercu/widgets), sees one widget of
 * each chart type drawn from the real API, opens the data as a table, downloads a PNG and a CSV,
 * clicks a bar to select a région, and tries hostile HTML in a text block.
 */

type Row = (string | number | null)[];
interface ApiResult {
  columns: { id: string; role: string }[];
  rows: Row[];
}
interface ChartOption {
  xAxis?: { data?: string[] }[];
  yAxis?: { data?: string[]; type?: string }[];
  aria?: AriaOption | AriaOption[];
  series: {
    type: string;
    name?: string;
    stack?: string;
    areaStyle?: unknown;
    data: unknown[];
    links?: { source: string; target: string; value: number }[];
  }[];
}

interface AriaOption {
  enabled: boolean;
  decal?: { show: boolean };
}
const ariaOf = (option: ChartOption) => (Array.isArray(option.aria) ? option.aria[0] : option.aria);
const num = (value: unknown): number =>
  typeof value === 'number' ? value : Number((value as { value?: unknown } | null)?.value ?? Number.NaN);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('galerie des visualisations', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  let pageErrors: string[];

  const api = (spec: object) => queryApi<ApiResult>(session, spec);

  const column = (result: ApiResult, id: string) => result.columns.findIndex((c) => c.id === id);

  /** Waits for a type's chart to be drawn and returns its live ECharts option. */
  async function chartOf(
    type: string,
    testId = `${type}-chart`,
  ): Promise<{ chart: Locator; option: ChartOption }> {
    const chart = page.locator(`[data-gallery-type="${type}"] [data-testid="${testId}"]`);
    await waitRendered(chart, 60_000);
    return { chart, option: await echartsOption<ChartOption>(chart) };
  }

  async function shoot(type: string): Promise<void> {
    await page
      .locator(`[data-gallery-type="${type}"]`)
      .screenshot({ path: path.join(screenshotsDir, `widget-${type}.png`) });
  }

  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 1400, height: 1000 } });
    ({ server, page, pageErrors } = session);
    await page.goto(`${server.url}/apercu/widgets`);
    await page.getByRole('heading', { level: 1, name: 'Galerie des visualisations' }).waitFor();
  });

  afterAll(() => session?.close());

  it('kpi: the last year, its change in French and a sparkline', async () => {
    const data = await api({
      dataset: 'politique_ville_postes',
      measures: ['montant'],
      dimensions: ['annee'],
    });
    const [year, amount] = [column(data, 'annee'), column(data, 'montant')];
    const byYear = data.rows
      .map((r) => [Number(r[year]), Number(r[amount])] as const)
      .sort((a, b) => a[0] - b[0]);
    const [previous, last] = byYear.slice(-2) as [readonly [number, number], readonly [number, number]];
    const change = (last[1] - previous[1]) / Math.abs(previous[1]);
    const expected = `${change > 0 ? '+' : '−'}${(Math.round(Math.abs(change) * 1000) / 10).toString().replace('.', ',')} % par rapport à ${previous[0]}`;

    const { chart, option } = await chartOf('kpi', 'kpi-chart');
    expect(option.series[0]?.data.map(num)).toEqual(byYear.map(([, v]) => v));
    expect(ariaOf(option)?.enabled).toBe(true);
    const widget = page.locator('[data-gallery-type="kpi"]');
    expect(plainSpaces((await widget.getByTestId('kpi-comparison').textContent()) ?? '')).toBe(
      `${change > 0 ? '▲' : '▼'}${expected}`,
    );
    expect(plainSpaces((await widget.getByTestId('kpi-value').textContent()) ?? '')).toMatch(
      /^\d+(,\d)? M€$/,
    );
    expect(await widget.textContent()).toContain(`Montant en ${last[0]}`);
    expect(await inkedPixels(chart)).toBeGreaterThan(100);
    await shoot('kpi');
  });

  it('bar: regions as horizontal stacked bars, one series per dotation, totals matching the API', async () => {
    const data = await api({
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['region', 'dotation'],
      limit: 200,
    });
    const regions = new Set(data.rows.map((r) => r[column(data, 'region')]));
    const dotations = new Set(data.rows.map((r) => String(r[column(data, 'dotation')])));
    const total = sum(data.rows.map((r) => Number(r[column(data, 'montant_subvention')])));

    const { chart, option } = await chartOf('bar');
    expect(option.yAxis?.[0]?.type).toBe('category');
    expect(option.yAxis?.[0]?.data).toHaveLength(regions.size);
    expect(option.yAxis?.[0]?.data).toContain('Bretagne');
    expect(new Set(option.series.map((s) => s.name))).toEqual(dotations);
    expect(option.series.every((s) => s.type === 'bar' && s.stack === 'total')).toBe(true);
    const drawn = sum(option.series.flatMap((s) => s.data.map(num).filter(Number.isFinite)));
    expect(drawn).toBeCloseTo(total, 0);
    expect(await inkedPixels(chart)).toBeGreaterThan(2000);
    await shoot('bar');
  });

  it('line: years left to right, AE and CP', async () => {
    const { chart, option } = await chartOf('line');
    const years = option.xAxis?.[0]?.data ?? [];
    expect(years.length).toBeGreaterThan(1);
    expect([...years].map(Number)).toEqual([...years].map(Number).sort((a, b) => a - b));
    expect(option.series.map((s) => s.name?.slice(-4))).toEqual(['(AE)', '(CP)']);
    expect(ariaOf(option)?.enabled).toBe(true);
    expect(option.series.every((s) => s.type === 'line' && s.data.length === years.length)).toBe(true);
    expect(await inkedPixels(chart)).toBeGreaterThan(1000);
    // Demonstration data says so.
    // (textContent: the DSFR badge is upper-cased by CSS.)
    expect(await page.locator('[data-gallery-type="line"]').textContent()).toContain(
      'Données de démonstration',
    );
    await shoot('line');
  });

  it('area: stacked areas per dispositif, with decals', async () => {
    const { chart, option } = await chartOf('area');
    expect(option.xAxis?.[0]?.data).toEqual(['2020', '2021', '2022']);
    expect(option.series.length).toBe(2);
    expect(option.series.every((s) => s.stack === 'total' && s.areaStyle)).toBe(true);
    expect(ariaOf(option)?.decal?.show).toBe(true);
    expect(await inkedPixels(chart)).toBeGreaterThan(2000);
    await shoot('area');
  });

  it('pie: a donut of at most 7 slices adding up to the API total', async () => {
    const data = await api({
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['categorie'],
    });
    const total = sum(
      data.rows.map((r) => Number(r[column(data, 'montant_subvention')])).filter((v) => v > 0),
    );
    const { chart, option } = await chartOf('pie');
    const slices = option.series[0]?.data as { name: string; value: number }[];
    expect(slices.length).toBeLessThanOrEqual(7);
    expect(slices.at(-1)?.name).toBe('Autres');
    expect(sum(slices.map((s) => s.value))).toBeCloseTo(total, 0);
    expect(await inkedPixels(chart)).toBeGreaterThan(2000);
    await shoot('pie');
  });

  it('treemap: départements nested in their région', async () => {
    const { chart, option } = await chartOf('treemap');
    const groups = option.series[0]?.data as { name: string; value: number; children: { value: number }[] }[];
    expect(groups.map((g) => g.name)).toContain('Bretagne');
    for (const group of groups) expect(group.value).toBeCloseTo(sum(group.children.map((c) => c.value)), 0);
    expect(await inkedPixels(chart)).toBeGreaterThan(2000);
    await shoot('treemap');
  });

  it('sankey: flows from dispositif to employer type to région, conserving the amounts', async () => {
    const data = await api({
      dataset: 'politique_ville_postes',
      measures: ['montant'],
      dimensions: ['dispositif', 'type_beneficiaire', 'region'],
      limit: 1000,
    });
    const total = sum(data.rows.map((r) => Number(r[column(data, 'montant')])).filter((v) => v > 0));
    const { chart, option } = await chartOf('sankey');
    const links = option.series[0]?.links ?? [];
    expect(sum(links.filter((l) => l.source.startsWith('0:')).map((l) => l.value))).toBeCloseTo(total, 0);
    expect(sum(links.filter((l) => l.source.startsWith('1:')).map((l) => l.value))).toBeCloseTo(total, 0);
    expect(await inkedPixels(chart)).toBeGreaterThan(2000);
    await shoot('sankey');
  });

  it('gauge: a type with no written example shows one built from the catalogue', async () => {
    const { chart, option } = await chartOf('gauge');
    const [series] = option.series as unknown as {
      type: string;
      min: number;
      max: number;
      data: { value: number }[];
    }[];
    expect(series?.type).toBe('gauge');
    const value = series?.data[0]?.value ?? 0;
    expect(value).toBeGreaterThan(0);
    expect(series?.max).toBeGreaterThanOrEqual(value);
    expect(ariaOf(option)?.enabled).toBe(true);
    const item = page.locator('[data-gallery-type="gauge"]');
    expect(await item.textContent()).toContain('Un chiffre face à son objectif, sur un cadran');
    expect(await inkedPixels(chart)).toBeGreaterThan(2000);
    await shoot('gauge');
  });

  it('text: Markdown with headings under the widget title', async () => {
    const text = page.locator('[data-gallery-type="text"] [data-testid="text-widget"]');
    await text.waitFor();
    expect(await text.locator('h3').textContent()).toBe('Ce que fait chaque widget');
    expect(await text.locator('li').count()).toBe(3);
    await shoot('text');
  });

  it('shows the data as a table, exports PNG and CSV, and selects a région on click', async () => {
    const widget = page.getByTestId('widget-bar');
    const toggle = widget.getByRole('button', { name: 'Voir les données' });
    await toggle.click();
    const table = widget.locator('table');
    await table.waitFor({ state: 'visible' });
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'Région',
      'Dotation',
      'Montant accordé',
    ]);
    expect(
      await widget.getByRole('button', { name: 'Masquer les données' }).getAttribute('aria-expanded'),
    ).toBe('true');

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      widget.getByRole('button', { name: 'PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('dotations-d-investissement-par-region-et-par-dotation.png');
    const image = await readFile(await savedDownload(png));
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    expect(image.length).toBeGreaterThan(10_000);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      widget.getByRole('button', { name: 'CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile(await savedDownload(csv), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split(/\r?\n/)[0]).toContain(';');
    await widget.getByRole('status').filter({ hasText: 'téléchargé' }).first().waitFor();

    // Click the middle of the first bar of the first région.
    const { chart } = await chartOf('bar');
    const point = await chart.evaluate((element) => {
      const instance = (
        element as HTMLElement & {
          dataetatChart?: {
            getOption(): { series: { data: unknown[] }[] };
            convertToPixel(finder: object, value: number[]): number[];
          };
        }
      ).dataetatChart;
      const first = instance?.getOption().series[0]?.data[0];
      const value = typeof first === 'number' ? first : 0;
      return instance?.convertToPixel({ seriesIndex: 0 }, [value / 2, 0]) ?? [0, 0];
    });
    const box = await chart.boundingBox();
    await page.mouse.click((box?.x ?? 0) + (point[0] ?? 0), (box?.y ?? 0) + (point[1] ?? 0));
    await page
      .getByTestId('gallery-selection')
      .getByText(/^Sélection : region = .+ \(\d+\)$/)
      .waitFor();
  });

  it('passes axe-core without serious or critical violations', async () => {
    await page.screenshot({ path: path.join(screenshotsDir, 'galerie-visualisations.png'), fullPage: true });
    await expectAccessible(page);
  });

  it('removes scripts and event handlers from a text block, in the browser', async () => {
    const hostile =
      'Avant <img src="x" onerror="window.__pwned = 1"> <script>window.__pwned = 2</script> ' +
      '[lien](javascript:window.__pwned=3) <a href="#" onclick="window.__pwned=4">a</a> Après';
    const before = pageErrors.length;
    await page.getByLabel('Contenu en Markdown').fill(hostile);
    const preview = page.locator('[data-testid="widget-text-essai"] [data-testid="text-widget"]');
    await preview.getByText('Après').waitFor();
    // Raw HTML is shown as text; nothing executable is in the page.
    expect(await preview.textContent()).toContain('<img src="x" onerror="window.__pwned = 1">');
    expect(await preview.locator('script, img, iframe, [onerror], [onclick]').count()).toBe(0);
    expect(await preview.innerHTML()).not.toMatch(/javascript:/i);
    expect(await preview.getByText('lien').count()).toBe(1);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // No inline handler ever reached the live page (the CSP would have reported blocking it).
    const during = pageErrors.splice(before);
    expect(during.filter((e) => e.includes('inline event handler'))).toEqual([]);
  });

  it('logged no error in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
