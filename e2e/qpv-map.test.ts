import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  intersects,
  type MapLayers,
  openBrowserSession,
  queryApi,
  screenshotsDir,
  waitRendered,
} from './browser.ts';

/** The reference dashboard opened on Toulouse, as a copied link would (région › département › commune). */
const TOULOUSE =
  '/tableaux-de-bord/ref-financements-etat-territoire?territoire=region%3A76%3AOccitanie&territoire=departement%3A31%3AHaute-Garonne&territoire=commune%3A31555%3AToulouse';

/**
 * Journey (issue 13): an agent opens the State funding dashboard on Toulouse; the map goes one
 * level down, to its quartiers prioritaires (2015 shapes of the seed pack), drawn with the
 * amounts the API gives per quartier; the legend and the attribution never cover each other, at
 * 1440 and 390 px.
 */
describe('quartiers prioritaires on the map', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(() => session?.close());

  for (const width of [1440, 390]) {
    it(`shows Toulouse's quartiers with their amounts at ${width} px`, async () => {
      const { page, server } = session;
      await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      await page.goto(`${server.url}${TOULOUSE}`);
      const widget = page.locator('[data-widget-id="carte-departements"]');
      const map = widget.locator('[data-testid="map"]');
      await expect
        .poll(() => widget.locator('h2').textContent(), { timeout: 60_000 })
        .toMatch(/par quartier prioritaire$/);
      await waitRendered(map, 90_000);
      await map.evaluate((element) => element.scrollIntoView({ block: 'center' }));

      // The quartiers drawn with a value are those the API gives Toulouse (demo lines placed there).
      const expected = await queryApi<{ rows: [string, string, number, number][] }>(session, {
        dataset: 'chorus_lignes',
        dimensions: ['qpv'],
        measures: ['montant_cp'],
        filters: [
          { field: 'commune', op: 'eq', values: ['31555'] },
          { field: 'qpv', op: 'not_null' },
        ],
      });
      expect(expected.rows.length).toBeGreaterThan(0);
      await expect
        .poll(
          () =>
            map.evaluate((element) => {
              const handle = (element as HTMLElement & { dataetatMap: MapLayers }).dataetatMap;
              const codes = handle
                .queryRenderedFeatures({ layers: ['areas-data'] })
                .map((f) => String(f.properties.code));
              return [...new Set(codes)].sort();
            }),
          { timeout: 30_000 },
        )
        .toEqual(expected.rows.map((row) => row[0]).sort());

      const [legend, attribution] = await Promise.all([
        widget.locator('.dataetat-map__legend').boundingBox(),
        widget.locator('.maplibregl-ctrl-attrib').boundingBox(),
      ]);
      if (!legend || !attribution) throw new Error('légende ou attribution absente');
      expect(intersects(legend, attribution)).toBe(false);
      await widget.screenshot({ path: path.join(screenshotsDir, `qpv-toulouse-${width}.png`) });
    });
  }

  it('left no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
