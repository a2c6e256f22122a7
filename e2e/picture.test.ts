import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  openBrowserSession,
  plainSpaces,
  queryApi,
  screenshotsDir,
  waitRendered,
} from './browser.ts';

/**
 * Journey: an agent prepares a briefing note from a dashboard filtered to Bretagne, 2021–2023.
 * Every widget type's « PNG » gives a picture that says what it shows — title, the filters in
 * words, its legend, source, data date and the demonstration mention — and « Imprimer » (A4
 * landscape) shows every widget whole: a wide pivot keeps its row labels and right-hand columns,
 * no download controls are printed, maps are drawn.
 */

const BRETAGNE = { level: 'region', code: '53', label: 'Bretagne' } as const;
const YEARS = [2021, 2022, 2023];
const CHORUS = 'chorus_lignes';
const DOTATIONS = 'dotations_investissement';

/** One widget of each type (the treemap on real data: no demonstration mention there). */
const WIDGETS = [
  {
    id: 'kpi',
    type: 'kpi',
    title: 'Crédits de paiement en Bretagne',
    query: { dataset: CHORUS, measures: ['montant_cp'], dimensions: ['annee'] },
    options: {},
  },
  {
    id: 'gauge',
    type: 'gauge',
    title: 'Taux de paiement',
    query: { dataset: CHORUS, measures: ['taux_paiement'] },
    options: { target: 0.8 },
  },
  {
    id: 'text',
    type: 'text',
    title: 'Note de lecture',
    query: null,
    options: { markdown: '# Ce que montre ce tableau\n\nLes crédits de l’État en **Bretagne**.' },
  },
  {
    id: 'bar',
    type: 'bar',
    title: 'Paiements par département et type de bénéficiaire',
    query: { dataset: CHORUS, measures: ['montant_cp'], dimensions: ['departement', 'type_beneficiaire'] },
    options: { mode: 'stacked' },
  },
  {
    id: 'line',
    type: 'line',
    title: 'Engagements et paiements par année',
    query: { dataset: CHORUS, measures: ['montant_ae', 'montant_cp'], dimensions: ['annee'] },
    options: {},
  },
  {
    id: 'area',
    type: 'area',
    title: 'Paiements par année et type de bénéficiaire',
    query: { dataset: CHORUS, measures: ['montant_cp'], dimensions: ['annee', 'type_beneficiaire'] },
    options: { stacked: true },
  },
  {
    id: 'pie',
    type: 'pie',
    title: 'Paiements par type de bénéficiaire',
    query: { dataset: CHORUS, measures: ['montant_cp'], dimensions: ['type_beneficiaire'] },
    options: {},
  },
  {
    id: 'treemap',
    type: 'treemap',
    title: 'Dotations d’investissement par département',
    query: { dataset: DOTATIONS, measures: ['montant_subvention'], dimensions: ['departement'] },
    options: {},
  },
  {
    id: 'sankey',
    type: 'sankey',
    title: 'Du type de bénéficiaire au département',
    query: { dataset: CHORUS, measures: ['montant_cp'], dimensions: ['type_beneficiaire', 'departement'] },
    options: {},
  },
  {
    id: 'map',
    type: 'map',
    title: 'Paiements par département',
    query: { dataset: CHORUS, measures: ['montant_cp'], dimensions: ['departement'] },
    options: { mode: 'choropleth', classes: 4 },
  },
  {
    id: 'pivot',
    type: 'pivot',
    title: 'Engagements, paiements et taux par département et type de bénéficiaire',
    query: {
      dataset: CHORUS,
      measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
      dimensions: ['departement', 'annee', 'type_beneficiaire'],
    },
    // Rows: département › année (the départements are groups that fold); columns: types.
    options: { columns: ['type_beneficiaire'] },
  },
  {
    id: 'table',
    type: 'table',
    title: 'Principaux bénéficiaires',
    query: {
      dataset: CHORUS,
      measures: ['montant_ae', 'montant_cp'],
      dimensions: ['beneficiaire'],
      sort: [{ field: 'montant_cp', dir: 'desc' }],
    },
    options: { pageSize: 25 },
  },
] as const;

const LAYOUT = [
  { i: 'kpi', x: 0, y: 0, w: 4, h: 4 },
  { i: 'gauge', x: 4, y: 0, w: 4, h: 4 },
  { i: 'text', x: 8, y: 0, w: 4, h: 4 },
  { i: 'bar', x: 0, y: 4, w: 6, h: 8 },
  { i: 'line', x: 6, y: 4, w: 6, h: 8 },
  { i: 'area', x: 0, y: 12, w: 6, h: 8 },
  { i: 'pie', x: 6, y: 12, w: 6, h: 8 },
  { i: 'treemap', x: 0, y: 20, w: 6, h: 8 },
  { i: 'sankey', x: 6, y: 20, w: 6, h: 8 },
  { i: 'map', x: 0, y: 28, w: 5, h: 9 },
  { i: 'pivot', x: 5, y: 28, w: 7, h: 9 },
  { i: 'table', x: 0, y: 37, w: 12, h: 9 },
];

const DEFINITION = {
  schemaVersion: 1,
  title: 'Note de synthèse Bretagne',
  description: 'Un widget de chaque type, filtré sur la Bretagne de 2021 à 2023.',
  widgets: WIDGETS,
  layout: LAYOUT,
  filters: [
    { id: 'annee', kind: 'annee', label: 'Année', default: YEARS },
    { id: 'territoire', kind: 'territoire', label: 'Territoire', default: BRETAGNE },
  ],
};

/** A4 landscape less the 10 mm margins of the print style sheet, in CSS pixels (96 per inch). */
const PRINT_WIDTH = Math.floor(((297 - 2 * 10) / 25.4) * 96);

type Cell = string | number | null;
interface ApiResult {
  columns: { id: string; label: string; role: string; labelOf?: string }[];
  rows: Cell[][];
  meta: { source: string; updatedAt: string | null; demo: boolean };
}

/** The text chunks of a PNG file (iTXt, UTF-8), by keyword; and its size from the IHDR chunk. */
function readPng(bytes: Buffer): { width: number; height: number; text: Record<string, string> } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const text: Record<string, string> = {};
  let width = 0;
  let height = 0;
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
    if (type === 'iTXt') {
      const keywordEnd = data.indexOf(0);
      const keyword = data.subarray(0, keywordEnd).toString('latin1');
      // keyword \0 compression flag, method, language \0 translated keyword \0 text
      const languageEnd = data.indexOf(0, keywordEnd + 3);
      const translatedEnd = data.indexOf(0, languageEnd + 1);
      text[keyword] = data.subarray(translatedEnd + 1).toString('utf8');
    }
    at += 12 + length;
  }
  return { width, height, text };
}

const oneLine = (text: string) => plainSpaces(text).replace(/\s+/g, ' ');
const parisDate = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));

describe('pictures and print for a briefing note', () => {
  let session: BrowserSession;
  let page: Page;
  let dashboardUrl: string;
  const labels = (result: ApiResult, dimension: string) => {
    const index = result.columns.findIndex((c) => c.labelOf === dimension);
    return [...new Set(result.rows.map((r) => String(r[index])))];
  };
  const bretagneFilters = (withYears: boolean) => [
    { field: 'region', op: 'eq', values: ['53'] },
    ...(withYears ? [{ field: 'annee', op: 'in', values: YEARS }] : []),
  ];
  const api = (spec: object) => queryApi<ApiResult>(session, spec);

  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 1440, height: 900 } });
    page = session.page;
    const created = await session.context.request.post(`${session.server.url}/api/dashboards`, {
      data: { title: DEFINITION.title, description: DEFINITION.description, definition: DEFINITION },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    dashboardUrl = `${session.server.url}/tableaux-de-bord/${encodeURIComponent(id)}`;
    await page.goto(dashboardUrl);
    for (const widget of WIDGETS) {
      await page
        .locator(`[data-testid="widget-${widget.id}"][data-status="success"]`)
        .waitFor({ timeout: 60_000 });
    }
    for (const id of ['bar', 'line', 'area', 'pie', 'treemap', 'sankey', 'gauge']) {
      await waitRendered(page.getByTestId(`widget-${id}`).locator(`[data-testid="${id}-chart"]`), 60_000);
    }
    await waitRendered(page.getByTestId('widget-map').getByTestId('map'), 60_000);
  });

  afterAll(() => session?.close());

  /** Clicks the widget's « PNG », keeps the file for a look, and reads it. */
  async function picture(id: string) {
    const widget = page.getByTestId(`widget-${id}`);
    await widget.screenshot({ path: path.join(screenshotsDir, `ecran-${id}.png`) });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      widget.getByRole('button', { name: 'PNG' }).click(),
    ]);
    // Saved through Playwright (the run's browser is shared, reached over its socket: the file
    // is on its side, `download.path()` would not reach it).
    const file = path.join(screenshotsDir, `image-${id}.png`);
    await mkdir(screenshotsDir, { recursive: true });
    await download.saveAs(file);
    const bytes = await readFile(file);
    const png = readPng(bytes);
    // The browser decodes it, at the size its header says.
    const decoded = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      return { width: image.naturalWidth, height: image.naturalHeight };
    }, bytes.toString('base64'));
    expect(decoded).toEqual({ width: png.width, height: png.height });
    return { ...png, words: oneLine(png.text.Description ?? ''), filename: download.suggestedFilename() };
  }

  it('gives every widget type a picture with its title, filters, legend, source and dates', async () => {
    const chorus = await api({
      dataset: CHORUS,
      measures: ['montant_cp'],
      dimensions: ['type_beneficiaire'],
      filters: bretagneFilters(true),
    });
    const dotations = await api({
      dataset: DOTATIONS,
      measures: ['montant_subvention'],
      dimensions: ['departement'],
      filters: bretagneFilters(false),
    });
    const types = labels(chorus, 'type_beneficiaire');
    expect(types.length).toBeGreaterThan(1);
    const today = parisDate(new Date().toISOString());
    const legends: Record<string, readonly string[]> = {
      bar: types,
      area: types,
      pie: types,
      line: ["Autorisations d'engagement (AE)", 'Crédits de paiement (CP)'],
      map: (await page.getByTestId('widget-map').locator('.dataetat-map__legend li').allInnerTexts()).map(
        oneLine,
      ),
    };
    expect(legends.map?.length).toBeGreaterThanOrEqual(2);

    for (const widget of WIDGETS) {
      const shot = await picture(widget.id);
      const { words } = shot;
      // 2× a 960 px wide picture; as tall as what it holds.
      expect(shot.width, widget.id).toBe(1920);
      expect(shot.height, widget.id).toBeGreaterThan(widget.type === 'text' ? 150 : 300);
      expect(shot.filename).toMatch(/\.png$/);
      expect(shot.text.Title, widget.id).toBe(widget.title);
      expect(words, widget.id).toContain(oneLine(widget.title));
      expect(words, widget.id).toContain(`Image produite le ${today}`);
      if (widget.query === null) {
        expect(words, widget.id).toContain('Ce que montre ce tableau');
        continue;
      }
      const meta = widget.query.dataset === CHORUS ? chorus.meta : dotations.meta;
      expect(words, widget.id).toContain(oneLine(meta.source));
      expect(meta.updatedAt).not.toBeNull();
      expect(words, widget.id).toContain(`Données au ${parisDate(meta.updatedAt as string)}`);
      if (meta.demo) {
        expect(words, widget.id).toContain('Données de démonstration');
        expect(words, widget.id).toContain('Filtres : Bretagne, 2021–2023');
      } else {
        // Dotations cover 2019 only: the year filter does not apply to them, nor is it said.
        expect(words, widget.id).not.toMatch(/démonstration/i);
        expect(words, widget.id).toContain('Filtres : Bretagne');
        expect(words, widget.id).not.toContain('2021–2023');
      }
      for (const entry of legends[widget.id] ?? []) expect(words, `${widget.id}: ${entry}`).toContain(entry);
    }
  });

  it('draws the figures of tables, pivots and KPIs into their pictures', async () => {
    const kpi = await picture('kpi');
    expect(kpi.words).toContain(oneLine((await page.getByTestId('kpi-value').textContent()) ?? ''));
    expect(kpi.words).toContain('Crédits de paiement (CP) en 2023');

    const beneficiaries = await api({
      dataset: CHORUS,
      measures: ['montant_ae', 'montant_cp'],
      dimensions: ['beneficiaire'],
      filters: bretagneFilters(true),
      sort: [{ field: 'montant_cp', dir: 'desc' }],
      limit: 25,
    });
    const table = await picture('table');
    for (const column of ['Bénéficiaire', "Autorisations d'engagement (AE)", 'Crédits de paiement (CP)'])
      expect(table.words).toContain(column);
    for (const name of labels(beneficiaries, 'beneficiaire').slice(0, 3)) expect(table.words).toContain(name);

    const departements = await api({
      dataset: CHORUS,
      measures: ['montant_cp'],
      dimensions: ['departement'],
      filters: bretagneFilters(true),
    });
    const pivot = await picture('pivot');
    for (const name of labels(departements, 'departement')) expect(pivot.words).toContain(name);
    expect(labels(departements, 'departement')).toHaveLength(4);
    const types = await api({
      dataset: CHORUS,
      measures: ['montant_cp'],
      dimensions: ['type_beneficiaire'],
      filters: bretagneFilters(true),
    });
    for (const type of labels(types, 'type_beneficiaire')) expect(pivot.words).toContain(type);
    expect(pivot.words).toContain('Taux de paiement (CP / AE)');
  });

  it('prints on A4 landscape with every widget whole and no download controls', async () => {
    await page.setViewportSize({ width: PRINT_WIDTH, height: 900 });
    await page.emulateMedia({ media: 'print' });
    // The renderers follow the print media query (the pivot puts all its rows in the page).
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    try {
      await page.screenshot({
        path: path.join(screenshotsDir, 'impression-note-bretagne.png'),
        fullPage: true,
      });
      const pivot = page.getByTestId('widget-pivot');
      const headers = pivot.locator('thead th, tbody th');
      const count = await headers.count();
      // Row labels (4 départements, their subtotals) and every column header.
      expect(count).toBeGreaterThan(10);
      // Each header lies inside the page and is what the page shows at its centre (not cut by
      // a scrolling box).
      const hidden = await headers.evaluateAll((cells, width) => {
        const problems: string[] = [];
        for (const cell of cells) {
          const box = cell.getBoundingClientRect();
          const top = box.top + window.scrollY;
          window.scrollTo(0, Math.max(0, top - 100));
          const seen = cell.getBoundingClientRect();
          const x = seen.left + seen.width / 2;
          const y = seen.top + seen.height / 2;
          const at = document.elementFromPoint(x, y);
          if (seen.left < 0 || seen.right > width + 0.5 || !at || !cell.contains(at))
            problems.push(`${cell.textContent} [${Math.round(seen.left)}–${Math.round(seen.right)}]`);
        }
        return problems;
      }, PRINT_WIDTH);
      expect(hidden).toEqual([]);
      const texts = (await headers.filter({ visible: true }).allInnerTexts()).map(oneLine).join(' | ');
      expect(texts).toContain('Taux de paiement (CP / AE)');
      for (const name of ["Côtes-d'Armor", 'Finistère', 'Ille-et-Vilaine', 'Morbihan', '2021', '2023'])
        expect(texts).toContain(name);
      // The table's sortable headers are printed (as text, without their arrows).
      const tableHeaders = page.getByTestId('widget-table').locator('thead th');
      const printedHeaders = (await tableHeaders.filter({ visible: true }).allInnerTexts()).map((text) =>
        // Less the screen readers' sorting hint (clipped, not printed).
        oneLine(text).replace(/ , trier par ordre \S+$/, ''),
      );
      expect(printedHeaders).toEqual([
        'Bénéficiaire',
        "Autorisations d'engagement (AE)",
        'Crédits de paiement (CP)',
      ]);

      // No export controls on paper: neither the label nor its buttons.
      expect(await page.getByText('Télécharger', { exact: false }).filter({ visible: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'PNG' }).filter({ visible: true }).count()).toBe(0);

      // Every widget fits the page width; the map's canvas is printed.
      const widths = await page
        .locator('.dataetat-widget')
        .evaluateAll((widgets) => widgets.map((w) => Math.round(w.getBoundingClientRect().right)));
      expect(widths).toHaveLength(WIDGETS.length);
      for (const right of widths) expect(right).toBeLessThanOrEqual(PRINT_WIDTH);
      const map = page.getByTestId('widget-map').locator('canvas').first();
      expect(await map.isVisible()).toBe(true);
      const mapBox = await map.boundingBox();
      expect(mapBox?.width ?? 0).toBeGreaterThan(200);
      expect((mapBox?.x ?? 0) + (mapBox?.width ?? 0)).toBeLessThanOrEqual(PRINT_WIDTH);
    } finally {
      await page.emulateMedia({ media: null });
      await page.setViewportSize({ width: 1440, height: 900 });
    }

    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    await writeFile(path.join(screenshotsDir, 'impression-note-bretagne.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    // Twelve widgets, a few per page, none cut: more than one page, not one page per widget.
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(WIDGETS.length);
  });

  it('has no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
