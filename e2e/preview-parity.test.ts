import type { Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  createDashboard,
  DEMO_ACCOUNTS,
  openBrowserSession,
  plainSpaces,
  queryApi,
  type TestServer,
} from './browser.ts';

type Cell = string | number | null;
interface ApiResult {
  columns: { id: string }[];
  rows: Cell[][];
}

/** A pivot whose région rows are folded: what it shows first are the engine's région subtotals. */
const PIVOT = {
  id: 'subventions-regions',
  type: 'pivot',
  title: 'Subventions par région et département',
  query: {
    dataset: 'dotations_investissement',
    measures: ['montant_subvention'],
    dimensions: ['region', 'departement'],
  },
  options: { expandDepth: 1 },
} as const;

/** « 1 234 567,89 € » → 1234567.89 */
const parseEuros = (text: string): number =>
  Number(plainSpaces(text).replace(/[ €]/g, '').replace(',', '.').replace('−', '-'));

/** The first rows of a drawn pivot: kind, heading and first figure. */
async function firstRows(pivot: Locator, count: number): Promise<string[][]> {
  const scroller = pivot.getByTestId('pivot-scroller');
  await scroller.locator('tbody tr[data-index]').first().waitFor({ timeout: 30_000 });
  const rows: string[][] = [];
  for (let index = 0; index < count; index++) {
    const row = scroller.locator(`tbody tr[data-index="${index}"]`);
    rows.push([
      (await row.getAttribute('data-kind')) ?? '',
      plainSpaces((await row.locator('th').textContent()) ?? '').trim(),
      plainSpaces((await row.locator('td').first().textContent()) ?? '').trim(),
    ]);
  }
  return rows;
}

/**
 * Journey: an agent builds a pivot in the explorer, then finds it in a dashboard. The preview and
 * the dashboard get their data from the same hook: same query sent, same subtotal figures shown
 * (the explorer used to send the raw query and show no subtotals).
 */
describe('explorer preview and dashboard show the same widget', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  const sent: Record<string, unknown>[] = [];

  beforeAll(async () => {
    session = await openBrowserSession({
      email: DEMO_ACCOUNTS.editeur,
      viewport: { width: 1440, height: 1000 },
    });
    ({ server, page } = session);
    page.on('request', (request: Request) => {
      if (request.url().endsWith('/api/query') && request.method() === 'POST') {
        sent.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
      }
    });
  });

  afterAll(() => session?.close());

  it('shows the same région subtotals in the explorer preview and in a dashboard', async () => {
    // The engine's région subtotals, asked independently of the web app.
    const api = await queryApi<ApiResult>(session, {
      ...PIVOT.query,
      subtotals: ['region'],
      totals: true,
      sort: [
        { field: 'region', dir: 'asc' },
        { field: 'departement', dir: 'asc' },
      ],
    });
    const grouping = api.columns.findIndex((c) => c.id === '_grouping');
    const amount = api.columns.findIndex((c) => c.id === 'montant_subvention');
    const regionSubtotals = api.rows.filter((row) => row[grouping] === 1);
    expect(regionSubtotals.length).toBeGreaterThan(10);

    const encoded = Buffer.from(JSON.stringify(PIVOT)).toString('base64url');
    await page.goto(`${server.url}/explorer?w=${encoded}`);
    const preview = page.locator('.explorer-preview [data-status="success"]');
    await preview.waitFor({ timeout: 30_000 });
    const inExplorer = await firstRows(preview, 5);
    const explorerQueries = sent.filter((q) => q.dataset === PIVOT.query.dataset);

    const id = await createDashboard(session, {
      title: 'Parité aperçu / tableau de bord',
      definition: {
        schemaVersion: 1,
        title: 'Parité aperçu / tableau de bord',
        description: '',
        widgets: [PIVOT],
        layout: [{ i: PIVOT.id, x: 0, y: 0, w: 12, h: 10 }],
        filters: [],
      },
    });
    sent.length = 0;
    await page.goto(`${server.url}/tableaux-de-bord/${id}`);
    const inDashboard = await firstRows(page.locator(`[data-widget-id="${PIVOT.id}"]`), 5);
    const dashboardQueries = sent.filter((q) => q.dataset === PIVOT.query.dataset);

    // Same query sent, subtotals included.
    expect(explorerQueries.at(-1)).toEqual(dashboardQueries.at(-1));
    expect(dashboardQueries.at(-1)).toMatchObject({ subtotals: ['region'], totals: true });
    // Same rows shown: folded régions with the engine's subtotal figures.
    expect(inExplorer).toEqual(inDashboard);
    expect(inExplorer.map(([kind]) => kind)).toEqual(Array(5).fill('subtotal'));
    inExplorer.forEach(([, , figure], index) => {
      expect(parseEuros(figure ?? '')).toBeCloseTo(Number(regionSubtotals[index]?.[amount]), 1);
    });
    expect(session.pageErrors).toEqual([]);
  });
});
