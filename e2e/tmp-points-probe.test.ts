import { it } from 'vitest';
import { launchChromium, signIn, startTestServer } from './browser.ts';

it('probe', async () => {
  const server = await startTestServer();
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'fr-FR' });
  await signIn(context, server.url);
  const page = await context.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  const t0 = Date.now();
  page.on('response', (r) => {
    if (r.url().includes('/api/query')) console.log('resp', Date.now() - t0, r.request().postData()?.slice(0, 90));
  });
  await page.goto(`${server.url}/apercu/widgets`);
  const sel = '[data-testid="widget-carte-points"] [data-testid="map"]';
  await page.locator(sel).waitFor();
  console.log('map element', Date.now() - t0);
  await page.locator(sel).evaluate((el) => {
    const wait = () => {
      const map = (el as HTMLElement & { dataetatMap?: { on(e: string, f: (x: unknown) => void): void } }).dataetatMap;
      if (!map) return setTimeout(wait, 20);
      const s = performance.now();
      for (const e of ['load', 'sourcedata', 'idle', 'render']) {
        let n = 0;
        map.on(e, (x) => {
          n++;
          const id = (x as { sourceId?: string })?.sourceId ?? '';
          if (e !== 'render' || n % 50 === 0) console.log(`ev ${e} ${id} n=${n} t=${Math.round(performance.now() - s)}`);
        });
      }
    };
    wait();
  });
  await page.locator(`${sel}[data-rendered="true"]`).waitFor({ timeout: 120_000 });
  console.log('rendered', Date.now() - t0, await page.locator(sel).getAttribute('data-render-ms'));
  await browser.close();
  await server.close();
}, 200_000);
