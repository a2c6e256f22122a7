import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  DEMO_ACCOUNTS,
  expectAccessible,
  openBrowserSession,
  plainSpaces,
  queryApi,
  savedDownload,
  screenshot,
  type TestServer,
} from './browser.ts';

type Cell = string | number | null;
interface ApiResult {
  columns: { id: string; role: string }[];
  rows: Cell[][];
  totals: Record<string, number | null>;
  meta: { truncated: boolean };
}

/** The specs the page sends (web/src/pages/TablesPreviewPage.tsx), written out independently. */
const TABLE_SPEC = {
  dataset: 'chorus_lignes',
  measures: ['montant_ae', 'montant_cp', 'taux_paiement', 'nb_lignes'],
  dimensions: ['departement'],
  sort: [{ field: 'montant_cp', dir: 'desc' }],
  limit: 25,
  offset: 0,
  totals: true,
};
const PIVOT_SPEC = {
  dataset: 'chorus_lignes',
  measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
  dimensions: ['departement', 'commune', 'annee'],
  subtotals: ['departement', 'commune'],
  totals: true,
  sort: [
    { field: 'departement', dir: 'asc' },
    { field: 'commune', dir: 'asc' },
    { field: 'annee', dir: 'asc' },
  ],
  limit: 50_000,
  offset: 0,
};

/** « 1 234 567,89 € » → 1234567.89 */
const parseEuros = (text: string): number =>
  Number(plainSpaces(text).replace(/[ €]/g, '').replace(',', '.').replace('−', '-'));

/**
 * Journey: an agent reads « Crédits Chorus par département » page by page and sorted by another
 * column, unfolds the département › commune › année pivot (10 000+ rows, subtotals from the
 * engine) and downloads it as an Excel file whose totals are the API's.
 */
describe('table and pivot widgets', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  const queries: Record<string, unknown>[] = [];

  const api = (spec: object) => queryApi<ApiResult>(session, spec);

  beforeAll(async () => {
    session = await openBrowserSession({
      email: DEMO_ACCOUNTS.editeur,
      viewport: { width: 1280, height: 1000 },
    });
    ({ server, page } = session);
    page.on('request', (request: Request) => {
      if (request.url().endsWith('/api/query') && request.method() === 'POST') {
        queries.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
      }
    });
  });

  afterAll(() => session?.close());

  const table = () => page.locator('[data-widget-id="table-departements"]');
  const pivot = () => page.locator('[data-widget-id="pivot-communes"]');
  const firstRowHeader = async () =>
    plainSpaces((await table().locator('tbody tr th').first().textContent()) ?? '');

  it('pages and sorts the table on the server', async () => {
    await page.goto(`${server.url}/apercu/tableaux`);
    await page.getByRole('heading', { level: 1, name: 'Aperçu des tableaux' }).waitFor();
    const pageText = table().getByTestId('table-page-text');
    await pageText.waitFor({ timeout: 30_000 });
    expect(await pageText.textContent()).toBe('Lignes 1 à 25');
    expect(await table().locator('tbody tr').count()).toBe(25);
    const first = await api(TABLE_SPEC);
    expect(await firstRowHeader()).toBe(`${first.rows[0]?.[1]}${first.rows[0]?.[0]}`);
    // Totals row: the API's grand total.
    const totals = plainSpaces(
      (await table().getByTestId('table-totals').locator('td').first().textContent()) ?? '',
    );
    expect(parseEuros(totals)).toBeCloseTo(first.totals.montant_ae ?? Number.NaN, 1);

    // Page 2: a new server query with offset 25.
    const before = queries.length;
    await table().getByRole('button', { name: 'Page suivante' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-widget-id="table-departements"] [data-testid="table-page-text"]')
          ?.textContent === 'Lignes 26 à 50',
    );
    expect(queries.slice(before)).toContainEqual(expect.objectContaining({ offset: 25, limit: 25 }));
    const second = await api({ ...TABLE_SPEC, offset: 25 });
    await page.waitForFunction(
      (label) =>
        document
          .querySelector('[data-widget-id="table-departements"] tbody tr th')
          ?.textContent?.startsWith(label),
      String(second.rows[0]?.[1]),
    );
    await screenshot(page, 'table-page-2');

    // Sort by « Autorisations d’engagement (AE) »: largest first, back to the first page.
    await table()
      .getByRole('button', { name: /^Autorisations d.engagement \(AE\)/ })
      .click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-widget-id="table-departements"] [data-testid="table-page-text"]')
          ?.textContent === 'Lignes 1 à 25',
    );
    expect(queries.at(-1)).toMatchObject({ sort: [{ field: 'montant_ae', dir: 'desc' }], offset: 0 });
    const sorted = await api({ ...TABLE_SPEC, sort: [{ field: 'montant_ae', dir: 'desc' }] });
    await page.waitForFunction(
      (label) =>
        document
          .querySelector('[data-widget-id="table-departements"] tbody tr th')
          ?.textContent?.startsWith(label),
      String(sorted.rows[0]?.[1]),
    );
    expect(await table().locator('th[aria-sort="descending"]').textContent()).toMatch(
      /Autorisations d.engagement \(AE\)/,
    );
    const amounts = await table().locator('tbody tr td:nth-child(2)').allTextContents();
    const values = amounts.map(parseEuros);
    expect(values).toEqual([...values].sort((a, b) => b - a));

    // Keyboard: Enter on a focused row selects its département.
    await table().locator('tbody tr').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('table-selection').textContent()).toBe(
      `Sélection : ${sorted.rows[0]?.[1]}`,
    );
  });

  it('shows the engine’s subtotals and keeps < 200 rows in the DOM for a 10 000-row pivot', async () => {
    const scroller = pivot().getByTestId('pivot-scroller');
    await scroller.locator('tbody tr[data-index]').first().waitFor({ timeout: 60_000 });
    const result = await api(PIVOT_SPEC);
    expect(result.meta.truncated).toBe(false);
    const grouping = result.columns.findIndex((c) => c.id === '_grouping');
    const ae = result.columns.findIndex((c) => c.id === 'montant_ae');
    // Visible rows = détail (commune × année) + commune and département subtotals.
    expect(result.rows.length).toBeGreaterThanOrEqual(10_000);

    const rowCount = Number(await pivot().locator('table').getAttribute('aria-rowcount'));
    expect(rowCount).toBe(result.rows.length + 2);
    expect(await pivot().locator('tr').count()).toBeLessThan(200);

    // The first row is the first département's subtotal, as the engine computed it (mask 3).
    const firstRow = scroller.locator('tbody tr[data-index="0"]');
    expect(await firstRow.getAttribute('data-kind')).toBe('subtotal');
    const departementSubtotal = result.rows.find((r) => r[grouping] === 3 && r[0] === result.rows[0]?.[0]);
    const cellText = (await firstRow.locator('td').first().textContent()) ?? '';
    expect(parseEuros(cellText)).toBeCloseTo(Number(departementSubtotal?.[ae]), 1);
    // And a commune subtotal (mask 1) right under it.
    const secondRow = scroller.locator('tbody tr[data-index="1"]');
    expect(await secondRow.getAttribute('data-kind')).toBe('subtotal');
    const communeSubtotal = result.rows.find((r) => r[grouping] === 1 && r[0] === result.rows[0]?.[0]);
    expect(parseEuros((await secondRow.locator('td').first().textContent()) ?? '')).toBeCloseTo(
      Number(communeSubtotal?.[ae]),
      1,
    );
    // The total row is the API's grand total.
    expect(parseEuros((await pivot().locator('tfoot td').first().textContent()) ?? '')).toBeCloseTo(
      result.totals.montant_ae ?? Number.NaN,
      1,
    );

    // Scroll to the middle: other rows, still a small DOM, and fast.
    const started = Date.now();
    await scroller.evaluate((element) => {
      element.scrollTop = element.scrollHeight / 2;
    });
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll('[data-widget-id="pivot-communes"] tbody tr[data-index]');
      return Number((rows[0] as HTMLElement | undefined)?.dataset.index) > 4000;
    });
    const scrollMs = Date.now() - started;
    expect(scrollMs).toBeLessThan(2000);
    expect(await pivot().locator('tr').count()).toBeLessThan(200);
    await pivot().scrollIntoViewIfNeeded();
    await screenshot(page, 'pivot-scrolled');

    // On paper nothing scrolls: the first 500 rows are all in the page, and a note says the rest.
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-widget-id="pivot-communes"] tbody tr[data-index]').length === 500,
    );
    expect(await scroller.locator('tbody tr[data-index="0"]').getAttribute('data-kind')).toBe('subtotal');
    expect(await scroller.locator('tbody tr[data-index="499"]').count()).toBe(1);
    expect(plainSpaces((await pivot().textContent()) ?? '')).toContain(
      `Lignes 1 à 500 sur ${result.rows.length.toLocaleString('fr-FR').replace(/\s/g, ' ')} à l’impression`,
    );
    await page.emulateMedia({ media: null });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-widget-id="pivot-communes"] tbody tr[data-index]').length < 200,
    );

    // Folding the first département hides its communes.
    await scroller.evaluate((element) => {
      element.scrollTop = 0;
    });
    const toggle = scroller.locator('tbody tr[data-index="0"] button');
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(Number(await pivot().locator('table').getAttribute('aria-rowcount'))).toBeLessThan(rowCount);
  });

  it('downloads the pivot as XLSX with the API’s totals', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      pivot().getByRole('button', { name: 'XLSX' }).click(),
    ]);
    // Named after the widget as the agent reads its title, not after the dataset's id.
    const title = (await pivot().locator('h2').first().textContent()) ?? '';
    const slug = title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    expect(slug.length).toBeGreaterThan(3);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${slug}-\\d{4}-\\d\\d-\\d\\d\\.xlsx$`));
    const file = await savedDownload(download);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Données');
    if (!sheet) throw new Error('feuille Données absente');
    const result = await api(PIVOT_SPEC);
    const header = sheet.getRow(1).values as unknown[];
    const aeColumn = header.findIndex((label) => /^Autorisations d.engagement \(AE\)$/.test(String(label)));
    expect(aeColumn).toBeGreaterThan(0);
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('Total');
    expect(last.getCell(aeColumn).value).toBeCloseTo(result.totals.montant_ae ?? Number.NaN, 2);
    // Every detail and subtotal row of the API is in the file, plus the header and totals rows.
    expect(sheet.rowCount).toBe(result.rows.length + 2);
    expect(workbook.getWorksheet('Source')?.getRow(1).getCell(2).value).toBeTruthy();
  });

  it('passes axe without serious or critical violations', async () => {
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'tables-preview');
    expect(session.pageErrors).toEqual([]);
  });
});
