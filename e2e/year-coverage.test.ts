import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  createDashboard,
  createOwnAccount,
  expectAccessible,
  openBrowserSession,
  screenshot,
} from './browser.ts';

interface PostedQuery {
  dataset: string;
  filters?: { field: string }[];
}

/**
 * Journey: a dashboard filtered on years the DETR/DSIL dataset does not cover. The widget says
 * which years its data covers and that the filter does not apply, and shows all of its data,
 * instead of silently showing « Aucune donnée ».
 */
describe('a year filter outside a dataset’s coverage', () => {
  let session: BrowserSession;
  let dashboardId = '';
  let covered: number[] = [];

  beforeAll(async () => {
    session = await openBrowserSession({
      ...(await createOwnAccount('editeur')),
      viewport: { width: 1280, height: 900 },
    });
    const { context, server } = session;
    const datasets = (await (await context.request.get(`${server.url}/api/datasets`)).json()) as {
      datasets: { id: string; years: number[] }[];
    };
    covered = datasets.datasets.find((d) => d.id === 'dotations_investissement')?.years ?? [];
    dashboardId = await createDashboard(session, {
      title: 'Subventions d’investissement',
      definition: {
        schemaVersion: 1,
        widgets: [
          {
            id: 'detr',
            type: 'kpi',
            title: 'Subventions accordées',
            query: { dataset: 'dotations_investissement', measures: ['montant_subvention'] },
            options: {},
          },
        ],
        layout: [{ i: 'detr', x: 0, y: 0, w: 4, h: 4 }],
        filters: [{ id: 'annee', kind: 'annee', label: 'Année' }],
      },
    });
  });

  afterAll(() => session?.close());

  it('says which years the dataset covers, leaves the filter out and shows the data', async () => {
    const { page, server } = session;
    // Years the dataset does not have: after its last one.
    const last = Math.max(...covered);
    expect(covered.length).toBeGreaterThan(0);
    const asked = [last + 2, last + 3, last + 4];
    const posted: PostedQuery[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/query') {
        posted.push(request.postDataJSON() as PostedQuery);
      }
    });
    await page.goto(`${server.url}/tableaux-de-bord/${dashboardId}?annee=${asked[0]}-${asked[2]}`);
    const widget = page.locator('[data-widget-id="detr"]');
    const years = covered.length === 1 ? String(covered[0]) : `${covered[0]}–${covered.at(-1)}`;
    await widget
      .getByText(`Ce jeu couvre ${years} : le filtre Année ${asked[0]}–${asked[2]} ne s’applique pas`)
      .waitFor({ timeout: 30_000 });
    await widget.locator('[data-testid="kpi-value"]').waitFor({ timeout: 30_000 });
    expect(await widget.getByText('Aucune donnée').count()).toBe(0);
    // The widget's query went out without the year filter.
    const detr = posted.filter((q) => q.dataset === 'dotations_investissement');
    expect(detr.length).toBeGreaterThan(0);
    expect(detr.every((q) => !(q.filters ?? []).some((f) => f.field === 'annee'))).toBe(true);
    await screenshot(page, 'annee-hors-couverture');
    await expectAccessible(page);
  });

  it('applies the filter again once a covered year is asked', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/tableaux-de-bord/${dashboardId}?annee=${covered[0]}`);
    const widget = page.locator('[data-widget-id="detr"]');
    await widget.locator('[data-testid="kpi-value"]').waitFor({ timeout: 30_000 });
    expect(await widget.getByText(/Ce jeu couvre/).count()).toBe(0);
  });
});
