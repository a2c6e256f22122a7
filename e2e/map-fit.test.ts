import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  intersects,
  type MapLayers,
  openBrowserSession,
  screenshotsDir,
  waitRendered,
} from './browser.ts';

/**
 * Journey: an agent reads the départements map in a half-width cell (gallery at 1440×900), on a
 * phone (390×844) and full width (maps preview): the legend never hides an area (under the map
 * when the cell is narrow, clear of the framed data when wide), the attribution never covers
 * the legend, and the view fits the data (Finistère to Alpes-Maritimes all in the canvas).
 */

/** Towns near the edges of metropolitan France (inland: coasts are thin at a national zoom). */
const EDGES: readonly { name: string; code: string; at: [number, number] }[] = [
  { name: 'Châteaulin', code: '29', at: [-4.09, 48.2] },
  { name: 'Loudéac', code: '22', at: [-2.75, 48.18] },
  { name: 'Lille', code: '59', at: [3.06, 50.63] },
  { name: 'Haguenau', code: '67', at: [7.6, 48.7] },
  { name: 'Grasse', code: '06', at: [6.92, 43.75] },
  { name: 'Prades', code: '66', at: [2.42, 42.62] },
  { name: 'Pau', code: '64', at: [-0.37, 43.3] },
];

type MapHandle = {
  project(lngLat: [number, number]): { x: number; y: number };
  queryRenderedFeatures(
    point: [number, number],
    options: { layers: string[] },
  ): {
    properties: Record<string, unknown>;
  }[];
};

/** For each edge town: its position in the page, the element on top there and the area drawn. */
async function edgesSeen(map: Locator) {
  return map.evaluate((element, edges) => {
    const handle = (element as HTMLElement & { dataetatMap: MapHandle }).dataetatMap;
    const box = element.getBoundingClientRect();
    return edges.map((edge) => {
      const p = handle.project(edge.at);
      const top = document.elementFromPoint(box.x + p.x, box.y + p.y);
      const [area] = handle.queryRenderedFeatures([p.x, p.y], { layers: ['areas-data'] });
      return {
        name: edge.name,
        inCanvas: p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height,
        canvasOnTop: top instanceof HTMLCanvasElement && element.contains(top),
        code: area ? String(area.properties.code) : null,
      };
    });
  }, EDGES);
}

async function checkMap(page: Page, widget: Locator, shot: string, placement: 'below' | 'overlay') {
  const map = widget.locator('[data-testid="map"]');
  await waitRendered(map, 90_000);
  // The whole map in the viewport (elementFromPoint sees only what is on screen).
  await map.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  const legend = widget.locator('.dataetat-map__legend');
  await expect.poll(() => legend.getAttribute('data-placement')).toBe(placement);
  const [legendBox, mapBox, attribution] = await Promise.all([
    legend.boundingBox(),
    map.boundingBox(),
    widget.locator('.maplibregl-ctrl-attrib').boundingBox(),
  ]);
  if (!legendBox || !mapBox || !attribution) throw new Error('légende, carte ou attribution absente');
  if (placement === 'below') {
    // Narrow cell: the legend is outside the canvas, under it.
    expect(intersects(legendBox, mapBox)).toBe(false);
    expect(legendBox.y).toBeGreaterThanOrEqual(mapBox.y + mapBox.height - 1);
  }
  expect(intersects(legendBox, attribution)).toBe(false);
  await widget.screenshot({ path: path.join(screenshotsDir, `${shot}.png`) });
  // The view fits the data, and nothing lies over an area: every edge town is on the canvas,
  // visible (the canvas is the topmost element there) and drawn with its département's value.
  const seen = await edgesSeen(map);
  for (const [i, edge] of seen.entries()) {
    expect(edge, edge.name).toEqual({
      name: EDGES[i]?.name,
      inCanvas: true,
      canvasOnTop: true,
      code: EDGES[i]?.code,
    });
  }
  await widget.screenshot({ path: path.join(screenshotsDir, `${shot}.png`) });
  await page.screenshot({ path: path.join(screenshotsDir, `${shot}-page.png`) });
}

describe('map legend and framing in any cell', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('half-width cell at 1440×900: the legend goes under the map, the data fits the canvas', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/apercu/widgets`);
    const widget = page.locator('[data-testid="widget-carte"]');
    await widget.scrollIntoViewIfNeeded();
    const width = (await widget.boundingBox())?.width ?? 0;
    expect(width).toBeLessThan(720);
    await checkMap(page, widget, 'map-fit-half-1440', 'below');
  });

  it('full width at 1440×900: the legend stays over the corner, clear of every area', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/apercu/cartes?carte=departement`);
    const section = page.locator('[data-map-id="departement"]');
    await checkMap(page, section, 'map-fit-full-1440', 'overlay');

    // Overseas insets, west of Brittany: La Réunion is hovered and clicked like any département.
    const map = section.locator('[data-testid="map"]');
    const inset = await map.evaluate((element) =>
      (element as HTMLElement & { dataetatMap: MapHandle }).dataetatMap.project([-7.15, 44.25]),
    );
    const box = await map.boundingBox();
    if (!box) throw new Error('carte absente');
    expect(inset.x).toBeGreaterThan(0);
    await page.mouse.move(box.x + inset.x, box.y + inset.y);
    await expect.poll(() => section.locator('[role="presentation"] strong').textContent()).toBe('La Réunion');
    await page.mouse.click(box.x + inset.x, box.y + inset.y);
    await expect
      .poll(() => section.getByTestId('map-selection').textContent())
      .toBe('Sélection : La Réunion (974)');
    // Each of the five territories is drawn in its box.
    const overseas = await map.evaluate((element) => {
      const handle = (element as HTMLElement & { dataetatMap: MapLayers }).dataetatMap;
      return handle
        .queryRenderedFeatures({ layers: ['areas-data', 'areas-no-data'] })
        .map((f) => String(f.properties.code))
        .filter((code) => code.startsWith('97'));
    });
    expect([...new Set(overseas)].sort()).toEqual(['971', '972', '973', '974', '976']);
  });

  it('phone at 390×844: the legend under the map, folding away on demand', async () => {
    const { page, server } = session;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/apercu/widgets`);
    const widget = page.locator('[data-testid="widget-carte"]');
    await widget.scrollIntoViewIfNeeded();
    await checkMap(page, widget, 'map-fit-phone-390', 'below');
    const toggle = widget.getByRole('button', { name: 'Masquer la légende' });
    await toggle.click();
    await expect.poll(() => widget.locator('.dataetat-map__legend ul').isVisible()).toBe(false);
    await widget.getByRole('button', { name: 'Afficher la légende' }).click();
    await expect.poll(() => widget.locator('.dataetat-map__legend ul').isVisible()).toBe(true);
  });

  it('drills from départements to EPCI: neighbours out of scope, tooltip cleared, title « par EPCI »', async () => {
    const { page, server } = session;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/tableaux-de-bord`);
    await page.getByRole('link', { name: "Financements de l'État sur le territoire" }).click();
    const widget = page.locator('[data-widget-id="carte-departements"]');
    const map = widget.locator('[data-testid="map"]');
    await waitRendered(map, 90_000);
    await map.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await expect.poll(() => widget.locator('h2').textContent()).toBe('Paiements par département');
    // A half-width dashboard cell: the legend is under the map.
    expect(await widget.locator('.dataetat-map__legend').getAttribute('data-placement')).toBe('below');

    // Hover Ille-et-Vilaine (Rennes), then click it: the dashboard drills into it.
    const rennes = await map.evaluate((element) =>
      (element as HTMLElement & { dataetatMap: MapHandle }).dataetatMap.project([-1.68, 48.11]),
    );
    const box = await map.boundingBox();
    if (!box) throw new Error('carte absente');
    await page.mouse.move(box.x + rennes.x, box.y + rennes.y);
    const tooltip = widget.locator('[role="presentation"]');
    await expect.poll(() => tooltip.locator('strong').textContent()).toBe('Ille-et-Vilaine');
    await page.mouse.click(box.x + rennes.x, box.y + rennes.y);
    await page.getByTestId('geo-breadcrumb').getByText('Ille-et-Vilaine').waitFor();
    await expect
      .poll(() => widget.locator('h2').textContent(), { timeout: 30_000 })
      .toBe('Paiements par EPCI');
    await waitRendered(map, 60_000);
    // The département's tooltip went with its level (the pointer, still over the map, may
    // already show an EPCI's).
    await expect
      .poll(
        () =>
          tooltip
            .locator('strong')
            .filter({ hasText: /^Ille-et-Vilaine$/ })
            .count(),
        { timeout: 5_000 },
      )
      .toBe(0);

    // EPCI of the neighbouring départements: plain grey, out of scope, not « Pas de données ».
    const renderedAreas = () =>
      map.evaluate((element) => {
        const handle = (element as HTMLElement & { dataetatMap: MapHandle & MapLayers }).dataetatMap;
        const codes = (layer: string) =>
          handle.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.code));
        return {
          data: codes('areas-data'),
          outOfScope: codes('areas-out-of-scope'),
          noData: codes('areas-no-data'),
        };
      });
    // `data-rendered` may still speak of the département level for a frame or two: wait for the
    // EPCI areas themselves (a loaded machine took longer than that frame in CI).
    await expect
      .poll(async () => (await renderedAreas()).data.length, { timeout: 30_000 })
      .toBeGreaterThan(5);
    const drawn = await renderedAreas();
    expect(drawn.outOfScope.length).toBeGreaterThan(5);
    // Every hatched EPCI is one of Ille-et-Vilaine's (none is out of scope too).
    expect(drawn.noData.filter((code) => drawn.outOfScope.includes(code))).toEqual([]);
    await widget.screenshot({ path: path.join(screenshotsDir, 'map-fit-drill-epci.png') });
  });

  it('logs no page error', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
