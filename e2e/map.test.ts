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
 * Journey: an agent opens the maps preview and reads choropleths of the DETR/DSIL/DSID grants
 * by département, EPCI and commune (national, vector tiles) and of Chorus payments by commune;
 * hovers and clicks an area, jumps to La Réunion. Times from data arrival to MapLibre's `idle`
 * are logged (targets: département ≤ 1 s, EPCI ≤ 1,5 s, communes ≤ 3 s).
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

  it('logs no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
