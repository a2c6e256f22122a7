import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WIDGET_TYPE_INFO, type WidgetType } from '@dataetat/widgets/react';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  DEMO_ACCOUNTS,
  expectAccessible,
  openBrowserSession,
  plainSpaces,
  repoRoot,
  runAxe,
  screenshot,
  screenshotsDir,
  type TestServer,
} from './browser.ts';

/** Sum of `montant_sub` over the DETR projects, read straight from the seed CSV. */
function detrTotalFromSeed(): number {
  const text = readFileSync(
    path.resolve(repoRoot, '../shared/data/opendata/dotations-investissement-2019.csv'),
    'utf8',
  );
  const rows: string[][] = [];
  let fields: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(cell);
      cell = '';
    } else if (ch === '\n') {
      fields.push(cell.replace(/\r$/, ''));
      rows.push(fields);
      fields = [];
      cell = '';
    } else cell += ch;
  }
  const [header = [], ...data] = rows;
  const dotation = header.indexOf('dotation');
  const amount = header.indexOf('montant_sub');
  return data.filter((r) => r[dotation] === 'DETR').reduce((sum, r) => sum + Number(r[amount]), 0);
}

const euros = (value: number) =>
  plainSpaces(
    new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
      value,
    ),
  );

/**
 * Journey: an agent builds « Montant accordé par département » on the DETR/DSIL/DSID dataset with
 * the explorer only (no code), sees the map suggested, switches to bars, keeps DETR only through
 * the value picker, checks the total, then reloads the bookmarked address and finds the same view.
 */
describe('explorer — montant accordé par département', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({
      email: DEMO_ACCOUNTS.editeur,
      viewport: { width: 1440, height: 1000 },
    });
    ({ server, page } = session);
  });

  afterAll(() => session?.close());

  const preview = () => page.getByTestId('widget-explorateur');

  /** The total row of the preview's data table (« Voir les données »), plain spaces. */
  async function previewTotal(): Promise<string> {
    const frame = preview();
    const toggle = frame.getByRole('button', { name: 'Voir les données' });
    if (await toggle.isVisible()) await toggle.click();
    const foot = frame.locator('tfoot');
    await foot.waitFor();
    return plainSpaces((await foot.textContent()) ?? '');
  }

  it('builds the widget with the UI only and suggests the map', async () => {
    await page.goto(`${server.url}/explorer`);
    await page.getByRole('heading', { level: 1, name: 'Explorer les données' }).waitFor();
    // The navigation has the entry and marks it current.
    expect(await page.getByRole('link', { name: 'Explorer' }).first().getAttribute('aria-current')).toBe(
      'page',
    );

    await page.getByLabel('Jeu de données').selectOption('dotations_investissement');
    const facts = page.getByTestId('explorer-dataset');
    await facts.waitFor();
    expect(await facts.textContent()).toContain('Licence Ouverte');

    // The first measure is ticked; a KPI is suggested until a dimension is added.
    expect(await page.getByRole('checkbox', { name: /Montant accordé/ }).isChecked()).toBe(true);
    await page.getByLabel('Ajouter une dimension').selectOption('departement');
    await page.getByRole('listitem').filter({ hasText: 'Département' }).first().waitFor();

    expect(await page.getByLabel('Titre', { exact: false }).first().inputValue()).toBe(
      'Montant accordé par département',
    );
    const map = page.getByRole('radio', { name: 'Carte (suggéré)' });
    await map.waitFor();
    expect(await map.isChecked()).toBe(true);
    // Types that cannot show one geo dimension are not offered.
    expect(await page.getByRole('radio', { name: /Flux/ }).count()).toBe(0);
  });

  it('switches to bars and filters on DETR through the value picker', async () => {
    await page.getByRole('radio', { name: 'Barres' }).check({ force: true });
    await preview().locator('[data-testid="bar-chart"][data-rendered="true"]').waitFor({ timeout: 30_000 });
    const allTotal = await previewTotal();

    await page.getByLabel('Ajouter un filtre').selectOption('dotation');
    const picker = page.getByRole('combobox', { name: /Valeurs de « Dotation »/ });
    await picker.waitFor();
    // The new row's first control has the focus: typing goes straight into the search.
    expect(await picker.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('detr');
    const option = page
      .getByRole('listbox', { name: 'Valeurs de « Dotation »' })
      .getByRole('option', { name: /DETR/ });
    await option.waitFor();
    expect(plainSpaces((await option.textContent()) ?? '')).toMatch(/DETR.*\d[\d ]* lignes/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByRole('list', { name: 'Résumé des filtres' }).getByText('Dotation parmi DETR').waitFor();

    const expected = euros(detrTotalFromSeed());
    expect(expected).toBe('977 561 920 €');
    await expect.poll(previewTotal, { timeout: 20_000 }).toContain(expected);
    expect(allTotal).not.toContain(expected);
    expect(new URL(page.url()).searchParams.get('w')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('shows the same view after reloading the address, and is accessible', async () => {
    const url = page.url();
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Explorer les données' }).waitFor();
    await preview().locator('[data-testid="bar-chart"][data-rendered="true"]').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('radio', { name: 'Barres' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Jeu de données').inputValue()).toBe('dotations_investissement');
    await page.getByRole('list', { name: 'Résumé des filtres' }).getByText('Dotation parmi DETR').waitFor();
    expect(await previewTotal()).toContain('977 561 920 €');
    expect(page.url()).toBe(url);

    // Close the data table again for the picture: the chart is what the agent looks at.
    await preview().getByRole('button', { name: 'Masquer les données' }).click();
    await page.getByRole('button', { name: /Définition JSON/ }).click();
    const json = page.getByLabel('Définition du widget (JSON)');
    await json.waitFor();
    expect(JSON.parse(await json.inputValue())).toMatchObject({
      type: 'bar',
      title: 'Montant accordé par département',
      query: {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['departement'],
        filters: [{ field: 'dotation', op: 'in', values: ['DETR'] }],
      },
    });
    await screenshot(page, 'explorer');
    await expectAccessible(page);
    // One element per id: a section heading once took the sort select's id, so « Trier par »
    // labelled the heading and the select had no name.
    const duplicates = await page.evaluate(() => {
      const count = new Map<string, number>();
      for (const element of document.querySelectorAll('[id]'))
        count.set(element.id, (count.get(element.id) ?? 0) + 1);
      return [...count].filter(([, n]) => n > 1).map(([id]) => id);
    });
    expect(duplicates).toEqual([]);
    expect(await page.getByRole('combobox', { name: 'Trier par', exact: true }).count()).toBe(1);
  });

  it('points a refused spec at the faulty filter row', async () => {
    const json = page.getByLabel('Définition du widget (JSON)');
    const definition = JSON.parse(await json.inputValue());
    definition.query.filters = [{ field: 'annee', op: 'eq', values: ['deux mille'] }];
    await json.fill(JSON.stringify(definition, null, 2));
    await page.getByRole('button', { name: 'Appliquer' }).click();
    const row = page.getByTestId('filtre-0');
    await row.getByText(/Valeur invalide pour « annee »/).waitFor({ timeout: 20_000 });
    await page.getByText(/emplacement : \/query\/filters\/0\/values\/0/).waitFor();

    await json.fill('{ "type": "bar", ');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.getByText(/^JSON invalide/).waitFor();
  });

  it('logged no error in the browser', () => {
    // The refused spec of the previous step is an expected 400 on the console.
    expect(session.pageErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});

/**
 * Journey: an agent who does not know chart jargon chooses how to show « montant accordé par
 * région et dotation ». Each offered type says what it is for in plain words beside a small
 * picture; the agent moves through the types with the arrow keys and picks « Flux ». The chooser
 * passes axe and reads on a phone (390 px) without sideways scrolling.
 */
describe('explorer — choosing the type of visualisation', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({
      email: DEMO_ACCOUNTS.editeur,
      viewport: { width: 1440, height: 900 },
    });
    ({ server, page } = session);
  });

  afterAll(() => session?.close());

  const chooser = () => page.getByRole('group', { name: /^Type de visualisation/ });

  /** What the chooser shows for each type: the radio's value, its label's two parts, its picture. */
  const shown = () =>
    chooser().evaluate((fieldset) =>
      [...fieldset.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((radio) => {
        const label = fieldset.querySelector(`label[for="${radio.id}"]`);
        const picture = radio.parentElement?.querySelector('svg');
        const box = picture?.getBoundingClientRect();
        return {
          type: radio.value,
          checked: radio.checked,
          name: label?.firstChild?.textContent ?? '',
          explanation: label?.querySelector('.fr-hint-text')?.textContent ?? '',
          picture: {
            hidden: picture?.getAttribute('aria-hidden') === 'true',
            shapes: picture?.querySelectorAll('path').length ?? 0,
            width: box?.width ?? 0,
          },
        };
      }),
    );

  it('shows each offered type with its plain name, what it is for and a picture', async () => {
    await page.goto(`${server.url}/explorer`);
    await page.getByRole('heading', { level: 1, name: 'Explorer les données' }).waitFor();
    await page.getByLabel('Jeu de données').selectOption('dotations_investissement');
    await page.getByLabel('Ajouter une dimension').selectOption('region');
    await page.getByRole('radio', { name: /^Carte \(suggéré\)/ }).waitFor();
    await page.getByLabel('Ajouter une dimension').selectOption('dotation');
    await page.getByRole('radio', { name: /^Flux/ }).waitFor();

    const types = await shown();
    // One measure by région then dotation: the types that can show it, in the registry's order.
    expect(types.map((t) => t.type)).toEqual(['bar', 'treemap', 'sankey', 'table', 'pivot', 'map']);
    for (const t of types) {
      const info = WIDGET_TYPE_INFO[t.type as WidgetType];
      expect(t.name).toBe(t.type === 'pivot' ? `${info.label} (suggéré)` : info.label);
      expect(t.explanation).toBe(info.description);
      expect(t.picture, t.type).toEqual({ hidden: true, shapes: info.picture.length, width: 56 });
    }
    expect(types.find((t) => t.checked)?.type).toBe('pivot');
    // The accessible name says both what the type is called and what it is for.
    await page
      .getByRole('radio', { name: `Flux ${WIDGET_TYPE_INFO.sankey.description}`, exact: true })
      .waitFor();
  });

  it('moves through the types with the arrow keys and picks « Flux », with a visible focus', async () => {
    await page.getByRole('radio', { name: /^Tableau croisé/ }).focus();
    await page.keyboard.press('ArrowLeft');
    expect((await shown()).find((t) => t.checked)?.type).toBe('table');
    await page.keyboard.press('ArrowLeft');
    const flux = page.getByRole('radio', { name: /^Flux/ });
    expect(await flux.isChecked()).toBe(true);
    expect(await flux.evaluate((el) => el === document.activeElement)).toBe(true);
    // DSFR draws the focus ring on the label's ::before, around the whole option.
    const ring = await flux.evaluate((input) => {
      const label = document.querySelector(`label[for="${input.id}"]`);
      const style = label ? getComputedStyle(label, '::before') : null;
      return { style: style?.outlineStyle, width: style?.outlineWidth };
    });
    expect(ring.style).toBe('solid');
    expect(Number.parseFloat(ring.width ?? '0')).toBeGreaterThanOrEqual(2);
    await page
      .getByTestId('widget-explorateur')
      .locator('[data-testid="sankey-chart"][data-rendered="true"]')
      .waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('w')).toBeTruthy();
    await chooser().scrollIntoViewIfNeeded();
    await chooser().screenshot({ path: path.join(screenshotsDir, 'explorer-types-1440.png') });
    await page.screenshot({ path: path.join(screenshotsDir, 'explorer-types-page-1440.png') });
  });

  it('passes axe (WCAG 2.1 A and AA), on the chooser and on the page', async () => {
    expect(await runAxe(page, '.type-chooser')).toEqual([]);
    await expectAccessible(page);
  });

  it('reads on a phone: one column, no sideways scrolling, « Télécharger : » on one line', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await chooser().scrollIntoViewIfNeeded();
    const layout = await chooser().evaluate((fieldset) => ({
      pageWidth: document.documentElement.scrollWidth,
      options: [...fieldset.querySelectorAll('.fr-radio-rich')].map((o) => {
        const box = o.getBoundingClientRect();
        return { left: box.left, right: box.right };
      }),
    }));
    expect(layout.pageWidth).toBeLessThanOrEqual(390);
    for (const option of layout.options) {
      expect(option.left).toBeGreaterThanOrEqual(0);
      expect(option.right).toBeLessThanOrEqual(390);
    }
    // One column: every option starts at the same left edge.
    expect(new Set(layout.options.map((o) => Math.round(o.left))).size).toBe(1);
    expect(await runAxe(page, '.type-chooser')).toEqual([]);
    await chooser().screenshot({ path: path.join(screenshotsDir, 'explorer-types-390.png') });
    await page.screenshot({ path: path.join(screenshotsDir, 'explorer-types-page-390.png') });

    // The preview's export menu: the colon stays with « Télécharger ».
    const legend = page.getByTestId('widget-explorateur').locator('legend', { hasText: 'Télécharger' });
    const lines = await legend.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(await legend.textContent()).toBe('Télécharger\u00a0:');
    expect(lines).toBe(1);
  });

  it('logged no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
