/**
 * Embeds as a préfecture intranet uses them (issue 10, ways 1 and 2): a host page served from
 * another loopback origin (127.0.0.2) shows a widget through an `<iframe src="/embed/<token>">`
 * and through `<script src="…/embed.js">` + `<dataetat-widget>`. The figures must be the API's
 * within the embed's locked filter (département 35), whatever the host page tries; refused,
 * tampered, expired and revoked embeds show a French message and no data.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  DEMO_ACCOUNTS,
  expectAccessible,
  openBrowserSession,
  plainSpaces,
  queryApi,
  screenshot,
  waitRendered,
} from './browser.ts';

const KPI = {
  id: 'total',
  type: 'kpi',
  title: 'Montant accordé',
  query: { dataset: 'dotations_investissement', measures: ['montant_subvention'] },
  options: {},
} as const;
const BAR = {
  id: 'par-dotation',
  type: 'bar',
  title: 'Montant par dotation',
  query: { dataset: 'dotations_investissement', measures: ['montant_subvention'], dimensions: ['dotation'] },
  options: {},
} as const;
const LOCKED = [{ field: 'departement', op: 'eq', values: ['35'] }] as const;

/** A host page server: each path answers the HTML the test put there. */
async function hostSite(address: string) {
  const pages = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const html = pages.get((request.url ?? '/').split('?')[0] ?? '/');
    if (!html) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const origin = `http://${address}:${(server.address() as AddressInfo).port}`;
  return { origin, pages, close: () => new Promise((resolve) => server.close(resolve)) };
}

const page = (body: string) =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Intranet de la préfecture</title>
<style>body{font-family:serif;color:#c00}p{color:green!important}.fr-btn{background:orange!important}</style>
</head><body><main><h1>Intranet de la préfecture</h1>${body}</main></body></html>`;

let session: BrowserSession;
let allowed: Awaited<ReturnType<typeof hostSite>>;
let other: Awaited<ReturnType<typeof hostSite>>;
let dashboardId = '';

async function api<T>(method: 'POST' | 'DELETE', path: string, data?: unknown): Promise<T> {
  const response = await session.context.request.fetch(`${session.server.url}${path}`, {
    method,
    headers: { 'x-csrf-token': session.csrfToken },
    ...(data === undefined ? {} : { data }),
  });
  expect(response.status(), `${method} ${path} : ${await response.text()}`).toBeLessThan(300);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

interface Embed {
  readonly id: string;
  readonly token: string;
}
async function createEmbed(options: Record<string, unknown> = {}): Promise<Embed> {
  const body: Record<string, unknown> = {
    dashboardId,
    widgetId: KPI.id,
    label: 'Intranet',
    lockedFilters: LOCKED,
    hostFilters: [{ field: 'dotation', values: ['DETR', 'DSIL'] }],
    allowedOrigins: [allowed.origin],
    ...options,
  };
  // A whole-dashboard embed has no widget.
  if (body.widgetId === null) delete body.widgetId;
  const { embed } = await api<{ embed: Embed }>('POST', '/api/embeds', body);
  return embed;
}

/** The KPI total the API gives for these filters (what the embed must show). */
async function expectedTotal(filters: readonly object[]): Promise<number> {
  const result = await queryApi<{ rows: unknown[][] }>(session, { ...KPI.query, filters });
  return Math.round(Number(result.rows[0]?.[0] ?? 0));
}

/** The exact figure under the KPI (« soit 12 345 678 € ») as a number, once drawn. */
async function shownTotal(scope: Page | ReturnType<Page['frameLocator']>): Promise<number> {
  const exact = scope.locator(':is(dataetat-widget, dataetat-dashboard) [data-testid="kpi-exact"]');
  await exact.waitFor({ timeout: 30_000 });
  return Number((await exact.textContent())?.replace(/\D/g, ''));
}

const script = () => `<script src="${session.server.url}/embed.js" async></script>`;
const widget = (token: string, filters?: string) =>
  `<dataetat-widget token="${token}"${filters ? ` filters='${filters}'` : ''}></dataetat-widget>`;

beforeAll(async () => {
  session = await openBrowserSession({
    email: DEMO_ACCOUNTS.editeur,
    // Refused grants answer 4xx: the browser logs them, the page shows the French message.
    expectedConsoleErrors: /status of 4\d\d|CORS|frame-ancestors|Refused to frame|net::ERR_FAILED/,
  });
  [allowed, other] = await Promise.all([hostSite('127.0.0.2'), hostSite('127.0.0.2')]);
  const created = await api<{ id: string }>('POST', '/api/dashboards', {
    title: 'Financements intégrés',
    definition: {
      schemaVersion: 1,
      title: 'Financements intégrés',
      description: '',
      widgets: [KPI, BAR],
      layout: [
        { i: KPI.id, x: 0, y: 0, w: 4, h: 4 },
        { i: BAR.id, x: 4, y: 0, w: 8, h: 7 },
      ],
      filters: [],
    },
  });
  dashboardId = created.id;
});

afterAll(async () => {
  await Promise.all([allowed?.close(), other?.close()]);
  await session?.close();
});

describe('embeds on another origin', () => {
  it('shows the API’s figure through the iframe and the custom element, styles isolated', async () => {
    const embed = await createEmbed();
    const total = await expectedTotal(LOCKED);
    expect(total).toBeGreaterThan(0);
    const everywhere = await expectedTotal([]);
    expect(everywhere).toBeGreaterThan(total);
    allowed.pages.set(
      '/',
      page(`<iframe title="Montant accordé" src="${session.server.url}/embed/${embed.token}" style="width:600px;height:420px"></iframe>
<div style="width:480px">${widget(embed.token)}</div>${script()}`),
    );
    const { page: tab } = session;
    await tab.goto(`${allowed.origin}/`);
    expect(await shownTotal(tab)).toBe(total);
    expect(await shownTotal(tab.frameLocator('iframe'))).toBe(total);
    // The frame keeps provenance, « Voir les données » and exports.
    const frame = tab.locator('dataetat-widget .dataetat-widget');
    await expect(frame.getByRole('button', { name: 'Voir les données' }).count()).resolves.toBe(1);
    await expect(frame.getByRole('button', { name: 'CSV' }).count()).resolves.toBe(1);
    expect(await frame.locator('text=/^Source :/').count()).toBe(1);
    // Host styles do not leak in (green paragraphs, orange buttons), DSFR's font is used.
    const styles = await tab.locator('dataetat-widget').evaluate((element) => {
      const root = element.shadowRoot as ShadowRoot;
      const text = root.querySelector('[data-testid="kpi-exact"]') as HTMLElement;
      const button = root.querySelector('.fr-btn') as HTMLElement;
      return {
        color: getComputedStyle(text).color,
        button: getComputedStyle(button).backgroundColor,
        font: getComputedStyle(text).fontFamily,
      };
    });
    expect(styles.color).not.toBe('rgb(0, 128, 0)');
    expect(styles.button).not.toBe('rgb(255, 165, 0)');
    expect(styles.font).toContain('Marianne');
    // Neither does the embed's CSS leak out: the host page's own text keeps its style.
    expect(await tab.locator('h1').evaluate((h) => getComputedStyle(h).fontFamily)).toContain('serif');
  });

  it('exports through the grant with the token (CSV of the locked data)', async () => {
    const embed = await createEmbed();
    allowed.pages.set('/export', page(`${widget(embed.token)}${script()}`));
    const { page: tab } = session;
    await tab.goto(`${allowed.origin}/export`);
    await shownTotal(tab);
    const [download] = await Promise.all([
      tab.waitForEvent('download'),
      tab.locator('dataetat-widget').getByRole('button', { name: 'CSV' }).click(),
    ]);
    const content = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    });
    const total = await expectedTotal(LOCKED);
    expect(content.replace(/\D/g, '')).toContain(String(total).slice(0, 6));
  });

  it('keeps the locked filter whatever the host page asks: attribute, event, query string', async () => {
    const embed = await createEmbed();
    const detr = await expectedTotal([...LOCKED, { field: 'dotation', op: 'in', values: ['DETR'] }]);
    const dsil = await expectedTotal([...LOCKED, { field: 'dotation', op: 'in', values: ['DSIL'] }]);
    const locked = await expectedTotal(LOCKED);
    const warnings: string[] = [];
    const { page: tab } = session;
    tab.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    // The attribute widens the département (ignored) and narrows the dotation (allowed).
    allowed.pages.set(
      '/filtres',
      page(`${widget(embed.token, '{"departement":["75"],"dotation":["DETR"]}')}
<script src="${session.server.url}/embed.js?departement=75" async></script>`),
    );
    await tab.goto(`${allowed.origin}/filtres?departement=75`);
    expect(await shownTotal(tab)).toBe(detr);
    expect(warnings.join('\n')).toContain(
      'Le filtre « departement » n’est pas autorisé par cette intégration : il est ignoré.',
    );

    // An event asking another département changes nothing; an allowed dotation re-queries.
    await tab.evaluate(() =>
      document.dispatchEvent(
        new CustomEvent('dataetat:filter', { detail: { filters: { departement: ['75'] } } }),
      ),
    );
    expect(await shownTotal(tab)).toBe(detr);
    await tab
      .locator('dataetat-widget')
      .evaluate((element) =>
        element.dispatchEvent(
          new CustomEvent('dataetat:filter', { detail: { filters: { dotation: ['DSIL'] } } }),
        ),
      );
    await expect.poll(() => shownTotal(tab), { timeout: 30_000 }).toBe(dsil);
    // A value outside the allowed ones is dropped: back to the locked data alone.
    await tab
      .locator('dataetat-widget')
      .evaluate((element) => element.setAttribute('filters', '{"dotation":["DPV"]}'));
    await tab.evaluate(() =>
      document.dispatchEvent(new CustomEvent('dataetat:filter', { detail: { filters: { dotation: [] } } })),
    );
    await expect.poll(() => shownTotal(tab), { timeout: 30_000 }).toBe(locked);

    // The iframe page ignores query-string filters.
    allowed.pages.set(
      '/cadre',
      page(
        `<iframe title="Montant accordé" src="${session.server.url}/embed/${embed.token}?departement=75&filters=%7B%22departement%22%3A%5B%2275%22%5D%7D" style="width:600px;height:420px"></iframe>`,
      ),
    );
    await tab.goto(`${allowed.origin}/cadre`);
    expect(await shownTotal(tab.frameLocator('iframe'))).toBe(locked);

    // A crafted API call cannot remove the locked filter either.
    const crafted = await session.context.request.post(`${session.server.url}/api/embed/query`, {
      headers: { authorization: `Bearer ${embed.token}`, origin: allowed.origin },
      data: {
        widgetId: KPI.id,
        spec: { ...KPI.query, filters: [{ field: 'departement', op: 'eq', values: ['75'] }] },
      },
    });
    if (crafted.ok()) {
      const rows = ((await crafted.json()) as { rows: unknown[][] }).rows;
      const paris = await expectedTotal([{ field: 'departement', op: 'eq', values: ['75'] }]);
      expect(Math.round(Number(rows[0]?.[0] ?? 0))).not.toBe(paris);
    } else {
      expect(crafted.status()).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses a page whose origin is not allowed: no data, a French message', async () => {
    const embed = await createEmbed();
    other.pages.set(
      '/',
      page(`<iframe title="Montant accordé" src="${session.server.url}/embed/${embed.token}" style="width:600px;height:420px"></iframe>
${widget(embed.token)}${script()}`),
    );
    const { page: tab } = session;
    await tab.goto(`${other.origin}/`);
    const error = tab.locator('dataetat-widget [data-testid="embed-error"]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/n’est pas autorisée? à afficher cette intégration/);
    expect(await tab.locator('dataetat-widget [data-testid="kpi-value"]').count()).toBe(0);
    // frame-ancestors: the browser does not draw the embed page in this site's frame.
    await tab.waitForTimeout(1_000);
    expect(await tab.frameLocator('iframe').locator('[data-testid="kpi-value"]').count()).toBe(0);
  });

  it('shows a clear French message and no data for tampered, expired and revoked tokens', async () => {
    const valid = await createEmbed();
    const tampered = `${valid.token.slice(0, -4)}${valid.token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const expiring = await createEmbed({ expiresAt: new Date(Date.now() + 2_000).toISOString() });
    const revoked = await createEmbed();
    await api('DELETE', `/api/embeds/${revoked.id}`);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const { page: tab } = session;
    const cases: [string, string, RegExp][] = [
      ['/falsifie', tampered, /n’existe pas/],
      ['/expire', expiring.token, /a expiré le/],
      ['/revoque', revoked.token, /a été révoqué/],
    ];
    for (const [path, token, message] of cases) {
      allowed.pages.set(
        path,
        page(`<iframe title="Intégration" src="${session.server.url}/embed/${token}" style="width:600px;height:300px"></iframe>
${widget(token)}${script()}`),
      );
      await tab.goto(`${allowed.origin}${path}`);
      const error = tab.locator('dataetat-widget [data-testid="embed-error"]');
      await error.waitFor({ timeout: 30_000 });
      expect(await error.textContent(), path).toMatch(message);
      expect(await tab.locator('dataetat-widget [data-testid="kpi-value"]').count(), path).toBe(0);
      const inFrame = tab.frameLocator('iframe');
      await expect
        .poll(async () => (await inFrame.locator('body').textContent({ timeout: 10_000 })) ?? '', {
          timeout: 30_000,
        })
        .toMatch(message);
      expect(await inFrame.locator('[data-testid="kpi-value"]').count(), path).toBe(0);
    }
  });

  it('draws a whole dashboard embed with cross-filter inside, and says which bar was clicked', async () => {
    const embed = await createEmbed({ widgetId: null });
    allowed.pages.set(
      '/tableau',
      page(`<dataetat-dashboard token="${embed.token}" style="display:block;width:1000px"></dataetat-dashboard>${script()}
<script>window.selections=[];document.addEventListener('dataetat:select',(e)=>window.selections.push(e.detail));</script>`),
    );
    const { page: tab } = session;
    await tab.goto(`${allowed.origin}/tableau`);
    const locked = await expectedTotal(LOCKED);
    expect(await shownTotal(tab)).toBe(locked);
    const chart = tab.locator('dataetat-dashboard [data-testid="bar-chart"][data-rendered="true"]');
    await chart.waitFor({ timeout: 30_000 });
    // To look at: the embed bundle is built apart from the app (Preact, its own DSFR subset).
    await screenshot(tab, 'integration-tableau-de-bord-1000');
    // Click the middle of the first bar, wherever the chart lays it out.
    const point = await chart.evaluate((element) => {
      const instance = (
        element as HTMLElement & {
          dataetatChart?: {
            getModel(): {
              getSeriesByIndex(index: number): {
                getData(): {
                  getItemLayout(index: number): { x: number; y: number; width: number; height: number };
                };
              };
            };
          };
        }
      ).dataetatChart;
      const bar = instance?.getModel().getSeriesByIndex(0).getData().getItemLayout(0);
      return bar ? [bar.x + bar.width / 2, bar.y + bar.height / 2] : [0, 0];
    });
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    await tab.mouse.click((box?.x ?? 0) + (point[0] ?? 0), (box?.y ?? 0) + (point[1] ?? 0));
    await expect
      .poll(() => tab.evaluate(() => (window as unknown as { selections: unknown[] }).selections.length))
      .toBeGreaterThan(0);
    const [selection] = await tab.evaluate(() => (window as unknown as { selections: unknown[] }).selections);
    expect(selection).toMatchObject({ field: 'dotation', widgetId: BAR.id });
    const value = (selection as { value: string }).value;
    const narrowed = await expectedTotal([...LOCKED, { field: 'dotation', op: 'eq', values: [value] }]);
    await expect.poll(() => shownTotal(tab), { timeout: 30_000 }).toBe(narrowed);
  });

  it('a map locked to Bretagne drills from Bretagne, not from « France entière »', async () => {
    const map = {
      id: 'carte',
      type: 'map',
      title: 'Montant par département',
      query: {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['departement'],
      },
      options: { mode: 'choropleth', measure: 'montant_subvention' },
    };
    const { id } = await api<{ id: string }>('POST', '/api/dashboards', {
      title: 'Carte intégrée',
      definition: {
        schemaVersion: 1,
        title: 'Carte intégrée',
        description: '',
        widgets: [map],
        layout: [{ i: map.id, x: 0, y: 0, w: 12, h: 9 }],
        filters: [],
      },
    });
    const embed = await createEmbed({
      dashboardId: id,
      widgetId: map.id,
      lockedFilters: [{ field: 'region', op: 'eq', values: ['53'] }],
      hostFilters: [],
    });
    allowed.pages.set('/carte', page(`<div style="width:800px">${widget(embed.token)}</div>${script()}`));
    const { page: tab } = session;
    await tab.goto(`${allowed.origin}/carte`);
    const drawn = tab.locator('dataetat-widget [data-testid="map"]');
    await waitRendered(drawn, 90_000);
    // Click Ille-et-Vilaine (Rennes, −1,68 E 48,11 N): the embed drills into it.
    const rennes = await drawn.evaluate((element) =>
      (
        element as HTMLElement & { dataetatMap: { project(at: [number, number]): { x: number; y: number } } }
      ).dataetatMap.project([-1.68, 48.11]),
    );
    const box = await drawn.boundingBox();
    if (!box) throw new Error('carte absente');
    await tab.mouse.click(box.x + rennes.x, box.y + rennes.y);
    const crumb = tab.locator('dataetat-widget [data-testid="geo-breadcrumb"]');
    await crumb.getByText('Ille-et-Vilaine').waitFor({ timeout: 30_000 });
    // The lock's région by its name (sent with the embed's resource), then the drilled step.
    expect(plainSpaces((await crumb.textContent()) ?? '')).toBe('BretagneIlle-et-Vilaine (département)');
    expect(await crumb.getByRole('button', { name: 'Bretagne' }).count()).toBe(1);
    await screenshot(tab, 'integration-carte-verrouillee');
  });

  it('styles a table embed’s controls: the form sheets come with the table type, not with every embed', async () => {
    const tables = await api<{ id: string }>('POST', '/api/dashboards', {
      title: 'Tableau intégré',
      definition: {
        schemaVersion: 1,
        title: 'Tableau intégré',
        description: '',
        widgets: [{ ...BAR, id: 'tableau', type: 'table', title: 'Détail par dotation' }],
        layout: [{ i: 'tableau', x: 0, y: 0, w: 12, h: 6 }],
        filters: [],
      },
    });
    const embed = await createEmbed({ dashboardId: tables.id, widgetId: 'tableau' });
    allowed.pages.set('/table', page(`<div style="width:1000px">${widget(embed.token)}</div>${script()}`));
    const { page: tab } = session;
    await tab.goto(`${allowed.origin}/table`);
    const select = tab.locator('dataetat-widget select');
    await select.first().waitFor({ timeout: 30_000 });
    // DSFR's select draws its own arrow (select.css); without the sheet the browser's shows.
    await expect
      .poll(() => select.first().evaluate((element) => getComputedStyle(element).backgroundImage))
      .toContain('url(');
    await screenshot(tab, 'integration-tableau-1000');
  });

  it('has an accessible iframe page', async () => {
    const embed = await createEmbed();
    const { page: tab } = session;
    await tab.goto(`${session.server.url}/embed/${embed.token}`);
    await shownTotal(tab);
    await expectAccessible(tab);
  });
});
