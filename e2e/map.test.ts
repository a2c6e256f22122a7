import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  plainSpaces,
  runAxe,
  screenshot,
  screenshotsDir,
  signIn,
  startTestServer,
  type TestServer,
} from './browser.ts';

/**
 * Journey: an agent opens the maps preview and reads choropleths of the DETR/DSIL/DSID grants
 * by département, EPCI and commune (national, vector tiles) and of Chorus payments by commune;
 * hovers and clicks an area, jumps to La Réunion; then the gallery's map of the 24 800 projects
 * as clustered points. Times from data arrival to MapLibre's `idle` are logged (targets:
 * département ≤ 1 s, EPCI ≤ 1,5 s, communes ≤ 3 s, points ≤ 3 s).
 */

/** The class colours shown in a map's legend swatches (what the reader is told), as #rrggbb. */
async function legendColours(page: Page, id: string): Promise<string[]> {
  const swatches = page.locator(`[data-map-id="${id}"] .dataetat-map__legend li span[aria-hidden="true"]`);
  const backgrounds = await swatches.evaluateAll((spans) =>
    spans.map((s) => getComputedStyle(s).backgroundColor),
  );
  return backgrounds.flatMap((css) => {
    const match = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(css);
    return match
      ? [
          `#${match
            .slice(1)
            .map((v) => Number(v).toString(16).padStart(2, '0'))
            .join('')}`,
        ]
      : [];
  });
}

/** Bluish: the DSFR bleu France scale of the classes. */
const isBlue = (hex: string) =>
  Number.parseInt(hex.slice(5, 7), 16) > Number.parseInt(hex.slice(1, 3), 16) + 20;

interface MapState {
  renderMs: number;
  dataFeatures: number;
  noDataFeatures: number;
  colours: string[];
  inkedPixels: number;
}

/** What the points test reads from the MapLibre map. */
type PointsMapHandle = {
  queryRenderedFeatures(options: { layers: string[] }): {
    properties: Record<string, unknown>;
    geometry: unknown;
  }[];
  getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
  getZoom(): number;
  project(lngLat: [number, number]): { x: number; y: number };
  jumpTo(options: { center: [number, number]; zoom: number }): void;
  once(event: 'idle', listener: () => void): void;
};

type MapHandle = {
  queryRenderedFeatures(options: { layers: string[] }): {
    properties: Record<string, unknown>;
    layer: { paint?: Record<string, unknown> };
  }[];
  getCanvas(): HTMLCanvasElement;
  project(lngLat: [number, number]): { x: number; y: number };
  getCenter(): { lng: number; lat: number };
};

async function mapState(page: Page, selector: string): Promise<MapState> {
  return page.locator(selector).evaluate(async (element) => {
    const map = (element as HTMLElement & { dataetatMap: MapHandle }).dataetatMap;
    const data = map.queryRenderedFeatures({ layers: ['areas-data'] });
    const noData = map.queryRenderedFeatures({ layers: ['areas-no-data'] });
    const toHex = (c: unknown) => {
      const { r, g, b } = c as { r: number; g: number; b: number };
      return `#${[r, g, b]
        .map((v) =>
          Math.round(v * 255)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('')}`;
    };
    const colours = [...new Set(data.map((f) => toHex(f.layer.paint?.['fill-color'])))];
    // The PNG export path: the WebGL canvas read back (needs preserveDrawingBuffer).
    const image = new Image();
    image.src = map.getCanvas().toDataURL('image/png');
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context?.drawImage(image, 0, 0);
    const pixels = context?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      // Bluish pixels: the class colours, not the grey background or hatching.
      if ((pixels[i + 2] ?? 0) > (pixels[i] ?? 0) + 20) inked++;
    }
    return {
      renderMs: Number((element as HTMLElement).dataset.renderMs),
      dataFeatures: data.length,
      noDataFeatures: noData.length,
      colours,
      inkedPixels: inked,
    };
  });
}

describe('maps preview — choropleths on real data', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'fr-FR' });
    page = await context.newPage();
    await signIn(context, server.url);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    console.info('Temps données → idle (ms) :', JSON.stringify(timings));
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function openMap(id: string): Promise<string> {
    await page.goto(`${server.url}/apercu/cartes?carte=${id}`);
    const selector = `[data-map-id="${id}"] [data-testid="map"]`;
    await page.locator(`${selector}[data-rendered="true"]`).waitFor({ timeout: 90_000 });
    return selector;
  }

  it('draws the départements, with a French legend, hover, click and jump menu', async () => {
    const selector = await openMap('departement');
    const state = await mapState(page, selector);
    timings.departement = state.renderMs;
    expect(state.dataFeatures).toBeGreaterThan(50);
    const palette = await legendColours(page, 'departement');
    expect(palette).toHaveLength(5);
    expect(palette.every(isBlue)).toBe(true);
    expect(state.colours.every((c) => palette.includes(c))).toBe(true);
    expect(state.colours.length).toBeGreaterThanOrEqual(4);
    expect(state.inkedPixels).toBeGreaterThan(20_000);

    const legend = page.locator('[data-map-id="departement"] .dataetat-map__legend li');
    const items = (await legend.allTextContents()).map(plainSpaces);
    expect(items).toHaveLength(6);
    expect(items[0]).toMatch(/^[\d,]+ M€ – [\d,]+ M€$/);
    expect(items.at(-1)).toBe('Pas de données');

    // Hover then click Ille-et-Vilaine (Rennes, −1,68 E 48,11 N).
    const point = await page
      .locator(selector)
      .evaluate((element) =>
        (element as HTMLElement & { dataetatMap: MapHandle }).dataetatMap.project([-1.68, 48.11]),
      );
    const box = await page.locator(selector).boundingBox();
    if (!box) throw new Error('carte absente');
    await page.mouse.move(box.x + point.x, box.y + point.y);
    const tooltip = page.locator('[data-map-id="departement"] [role="presentation"]');
    await tooltip.waitFor();
    expect(await tooltip.locator('strong').textContent()).toBe('Ille-et-Vilaine');
    expect(plainSpaces((await tooltip.locator('span').textContent()) ?? '')).toMatch(
      /^Montant accordé : [\d ]+(,\d\d)? €$/,
    );
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await expect
      .poll(() => page.locator('[data-map-id="departement"] [data-testid="map-selection"]').textContent())
      .toBe('Sélection : Ille-et-Vilaine (35)');

    await screenshot(page, 'map-departements');

    // The jump menu reaches La Réunion.
    await page.getByLabel('Territoire affiché').selectOption({ label: 'La Réunion' });
    const center = await page
      .locator(selector)
      .evaluate((element) => (element as HTMLElement & { dataetatMap: MapHandle }).dataetatMap.getCenter());
    expect(center.lng).toBeGreaterThan(55.2);
    expect(center.lng).toBeLessThan(55.9);
    expect(center.lat).toBeGreaterThan(-21.4);
    expect(center.lat).toBeLessThan(-20.8);

    const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
  });

  it('draws the EPCI with Jenks classes', async () => {
    const selector = await openMap('epci');
    const state = await mapState(page, selector);
    const palette = await legendColours(page, 'epci');
    timings.epci = state.renderMs;
    expect(state.dataFeatures).toBeGreaterThan(500);
    expect(state.colours.every((c) => palette.includes(c))).toBe(true);
    expect(state.inkedPixels).toBeGreaterThan(20_000);
    await screenshot(page, 'map-epci');
  });

  it('draws the national communes from vector tiles, cold then warm', async () => {
    const selector = await openMap('communes');
    const cold = await mapState(page, selector);
    timings.communesFroid = cold.renderMs;
    expect(cold.dataFeatures).toBeGreaterThan(5000);
    expect(cold.noDataFeatures).toBeGreaterThan(1000);
    const palette = await legendColours(page, 'communes');
    expect(cold.colours.every((c) => palette.includes(c))).toBe(true);
    expect(cold.inkedPixels).toBeGreaterThan(10_000);
    await screenshot(page, 'map-communes');

    await page.reload();
    await page.locator(`${selector}[data-rendered="true"]`).waitFor({ timeout: 60_000 });
    const warm = await mapState(page, selector);
    timings.communes = warm.renderMs;
    expect(warm.dataFeatures).toBe(cold.dataFeatures);
    expect(warm.renderMs).toBeLessThanOrEqual(3000);
  });

  it('draws Chorus payments by commune', async () => {
    const selector = await openMap('chorus-communes');
    const state = await mapState(page, selector);
    timings.chorusCommunes = state.renderMs;
    expect(state.dataFeatures).toBeGreaterThan(1000);
    const palette = await legendColours(page, 'chorus-communes');
    expect(palette).toHaveLength(6);
    expect(state.colours.every((c) => palette.includes(c))).toBe(true);
    await screenshot(page, 'map-chorus-communes');
  });

  it('draws proportional symbols', async () => {
    const selector = await openMap('symboles');
    const circles = await page.locator(selector).evaluate(
      (element) =>
        (element as HTMLElement & { dataetatMap: MapHandle }).dataetatMap.queryRenderedFeatures({
          layers: ['symbols'],
        }).length,
    );
    expect(circles).toBeGreaterThan(50);
    const legend = (
      await page.locator('[data-map-id="symboles"] .dataetat-map__legend li').allTextContents()
    ).map(plainSpaces);
    expect(legend).toHaveLength(3);
    await screenshot(page, 'map-symboles');
  });

  it('draws the 24 800 dotations projects as clusters, with tooltips, cluster zoom and selection', async () => {
    await page.goto(`${server.url}/apercu/widgets`);
    const widget = page.locator('[data-testid="widget-carte-points"]');
    const selector = '[data-testid="widget-carte-points"] [data-testid="map"]';
    await page.locator(`${selector}[data-rendered="true"]`).waitFor({ timeout: 90_000 });
    const renderMs = Number(await page.locator(selector).getAttribute('data-render-ms'));
    timings.points = renderMs;

    // The same query as the widget, read independently: every project, with its coordinates.
    const me = await context.request.get(`${server.url}/api/me`);
    const { csrfToken } = (await me.json()) as { csrfToken?: string };
    const response = await context.request.post(`${server.url}/api/query`, {
      data: {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['projet', 'latitude', 'longitude'],
        limit: 30_000,
      },
      headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
    });
    const projects = ((await response.json()) as { rows: [string, string, number | null, number | null][] })
      .rows;
    expect(projects.length).toBeGreaterThan(24_000);
    const placed = projects.filter(([, , lat, lon]) => lat !== null && lon !== null);

    const state = await page.locator(selector).evaluate((element) => {
      const map = (element as HTMLElement & { dataetatMap: PointsMapHandle }).dataetatMap;
      const clusters = map.queryRenderedFeatures({ layers: ['clusters'] });
      const singles = map.queryRenderedFeatures({ layers: ['points'] });
      const b = map.getBounds();
      return {
        clusters: clusters.length,
        singles: singles.length,
        grouped: clusters.reduce((sum, f) => sum + Number(f.properties.point_count), 0),
        biggest: Math.max(0, ...clusters.map((f) => Number(f.properties.point_count))),
        bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
        zoom: map.getZoom(),
      };
    });
    await screenshot(page, 'map-points');
    // A half-width map of metropolitan France: a dozen clusters, the biggest over 1 000 projects.
    expect(state.clusters).toBeGreaterThan(5);
    expect(state.biggest).toBeGreaterThanOrEqual(1000);
    // Clusters at the national view hold (nearly) every project in view.
    const [west, south, east, north] = state.bounds as [number, number, number, number];
    const inView = placed.filter(
      ([, , lat, lon]) =>
        (lon as number) >= west &&
        (lon as number) <= east &&
        (lat as number) >= south &&
        (lat as number) <= north,
    ).length;
    expect(inView).toBeGreaterThan(20_000);
    expect(state.grouped + state.singles).toBeGreaterThan(inView * 0.95);
    expect(state.grouped + state.singles).toBeLessThanOrEqual(placed.length);

    const legend = (await widget.locator('.dataetat-map__legend li').allTextContents()).map(plainSpaces);
    expect(legend).toEqual(['1', '2 à 9', '10 à 99', '100 à 999', '1 000 et plus']);
    expect(await widget.locator('.dataetat-map__legend p').first().textContent()).toBe(
      'Nombre de projets par cercle',
    );
    // Every project has coordinates in this source: no « sans coordonnées » note.
    expect(projects.length - placed.length).toBe(0);
    expect(await widget.locator('.dataetat-map__legend-note').count()).toBe(0);

    await widget.screenshot({ path: path.join(screenshotsDir, 'map-points.png') });

    // Hover the biggest cluster: its count and total in French; click it: the map zooms in.
    const biggest = await page.locator(selector).evaluate((element) => {
      const map = (element as HTMLElement & { dataetatMap: PointsMapHandle }).dataetatMap;
      const [top] = map
        .queryRenderedFeatures({ layers: ['clusters'] })
        .sort((a, b) => Number(b.properties.point_count) - Number(a.properties.point_count));
      if (!top) throw new Error('aucun regroupement affiché');
      const [lng, lat] = (top.geometry as { coordinates: [number, number] }).coordinates;
      return { ...map.project([lng, lat]), count: Number(top.properties.point_count) };
    });
    const box = await page.locator(selector).boundingBox();
    if (!box) throw new Error('carte absente');
    await page.mouse.move(box.x + biggest.x, box.y + biggest.y);
    const tooltip = widget.locator('[role="presentation"]');
    await tooltip.waitFor();
    expect(plainSpaces((await tooltip.locator('strong').textContent()) ?? '')).toBe(
      `Regroupement de ${plainSpaces(biggest.count.toLocaleString('fr-FR'))} projets`,
    );
    expect(plainSpaces((await tooltip.locator('span').textContent()) ?? '')).toMatch(
      /^Montant accordé : [\d ]+(,\d\d)? € · cliquez pour zoomer$/,
    );
    await page.mouse.click(box.x + biggest.x, box.y + biggest.y);
    await expect
      .poll(() =>
        page
          .locator(selector)
          .evaluate((element) =>
            (element as HTMLElement & { dataetatMap: PointsMapHandle }).dataetatMap.getZoom(),
          ),
      )
      .toBeGreaterThanOrEqual(state.zoom + 1);

    // A project alone at its position, seen closer than clusters go: hover names it, click selects it.
    const counts = new Map<string, number>();
    for (const [, , lat, lon] of placed) counts.set(`${lat},${lon}`, (counts.get(`${lat},${lon}`) ?? 0) + 1);
    const alone = placed.find(([, , lat, lon]) => counts.get(`${lat},${lon}`) === 1 && (lat as number) > 42);
    if (!alone) throw new Error('aucun projet isolé');
    const [code, label, lat, lon] = alone;
    const at = await page.locator(selector).evaluate(
      async (element, center) => {
        const map = (element as HTMLElement & { dataetatMap: PointsMapHandle }).dataetatMap;
        map.jumpTo({ center, zoom: 14 });
        await new Promise<void>((resolve) => map.once('idle', () => resolve()));
        return map.project(center);
      },
      [lon, lat] as [number, number],
    );
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await expect
      .poll(async () => (await tooltip.locator('strong').textContent()) ?? '')
      .toBe(label.length > 160 ? `${label.slice(0, 159).trimEnd()}…` : label);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect
      .poll(() => page.getByTestId('gallery-selection').textContent())
      .toBe(`Sélection : projet = ${label} (${code})`);
  });

  it('logs no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
