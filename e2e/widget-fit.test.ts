import path from 'node:path';
import {
  type QueryShape,
  type QuerySpec,
  WIDGET_DEFINITIONS,
  type WidgetType,
} from '@dataetat/widgets/react';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  createDashboard,
  expectAccessible,
  openBrowserSession,
  screenshot,
  screenshotsDir,
} from './browser.ts';

/**
 * Issue 12: every widget type reads whole in its smallest cell. A dashboard holds one widget of
 * each type of the registry (a type added tomorrow is in it), each at its `minSize`; in the
 * dashboard view at 1440×900 and on a phone (390×844), and in a widget embed the size of that
 * cell, nothing overflows: the cell and the frame's containers do not scroll, the cell keeps its
 * layout height, every text, chart and control is inside the cell (only inside a scrolling region
 * of the renderer's own — a table, a long list of bars — may it be out of view), no text is cut
 * by a container, and the charts' own labels are inside their canvas without covering each other.
 */

/**
 * Types whose chart labels may still cover each other at their smallest size (checked otherwise):
 * a flow of three levels in 4 columns or on a phone — ECharts' `hideOverlap` does not act on
 * sankey node labels; to do: labels sized from the chart's width.
 */
const KNOWN_OVERLAPS: readonly string[] = ['sankey'];

/** The viewer's grid (web/src/dashboards/gridMetrics.ts; DESIGN: 12 columns, rows of 60 px). */
const ROW_HEIGHT = 60;
const GRID_GAP = 16;
const cellHeight = (rows: number) => rows * ROW_HEIGHT + (rows - 1) * GRID_GAP;
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

interface Example {
  readonly title: string;
  readonly query: QuerySpec | null;
  readonly options?: Record<string, unknown>;
}

/**
 * What an agent would put in each type, long titles included (as in the gallery). A type without
 * an example here (a type just added) takes the first of these queries it can show.
 */
const EXAMPLES: Partial<Record<WidgetType, Example>> = {
  kpi: {
    title: 'Postes de la politique de la ville financés',
    query: { dataset: 'politique_ville_postes', measures: ['montant', 'nb_postes'], dimensions: ['annee'] },
    options: { sparkline: true },
  },
  bar: {
    title: 'Dotations d’investissement par région et par dotation',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['region', 'dotation'],
      sort: [{ field: 'montant_subvention', dir: 'desc' }],
      limit: 200,
    },
    options: { mode: 'stacked' },
  },
  line: {
    title: 'Crédits engagés et payés par année',
    query: { dataset: 'chorus_lignes', measures: ['montant_ae', 'montant_cp'], dimensions: ['annee'] },
  },
  area: {
    title: 'Postes financés par dispositif et par année',
    query: {
      dataset: 'politique_ville_postes',
      measures: ['nb_postes'],
      dimensions: ['annee', 'dispositif'],
    },
    options: { stacked: true },
  },
  pie: {
    title: 'Dotations d’investissement par catégorie de projet',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['categorie'],
      sort: [{ field: 'montant_subvention', dir: 'desc' }],
    },
  },
  treemap: {
    title: 'Dotations d’investissement par région et par département',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['region', 'departement'],
      limit: 500,
    },
  },
  sankey: {
    title: 'Du dispositif au type d’employeur et à la région',
    query: {
      dataset: 'politique_ville_postes',
      measures: ['montant'],
      dimensions: ['dispositif', 'type_beneficiaire', 'region'],
      limit: 1000,
    },
  },
  table: {
    title: 'Dotations d’investissement par région',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention', 'cout_total', 'nb_projets'],
      dimensions: ['region'],
      sort: [{ field: 'montant_subvention', dir: 'desc' }],
      totals: true,
    },
  },
  pivot: {
    title: 'Montant accordé par région et par dotation',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['region', 'dotation'],
    },
  },
  map: {
    title: 'Dotations d’investissement par département',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['departement'],
      limit: 200,
    },
  },
  text: {
    title: 'À lire avant de comparer',
    query: null,
    options: {
      markdown:
        'Montants **accordés** en 2019 (DGCL) ; les postes de la politique de la ville sont ceux de l’ANCT.',
    },
  },
};

interface CatalogueDataset {
  readonly id: string;
  readonly dimensions: readonly { readonly id: string; readonly type: string; readonly level?: string }[];
}

function shapeOf(query: QuerySpec | null, catalogue: readonly CatalogueDataset[]): QueryShape {
  if (!query) return { measures: 0, dimensions: [] };
  const dataset = catalogue.find((d) => d.id === query.dataset);
  return {
    measures: query.measures?.length ?? 0,
    dimensions: (query.dimensions ?? []).map((id) => {
      const dimension = dataset?.dimensions.find((d) => d.id === id);
      if (!dimension) throw new Error(`${query.dataset}.${id} absent du catalogue`);
      return dimension;
    }),
  };
}

/** The examples' queries, then the same with one measure and fewer dimensions, then none. */
function fallbackExamples(): Example[] {
  const queries = Object.values(EXAMPLES).flatMap((e) => (e.query ? [e.query] : []));
  const variants = queries.flatMap((query) => {
    const dimensions = query.dimensions ?? [];
    return [query.measures ?? [], (query.measures ?? []).slice(0, 1)].flatMap((measures) =>
      dimensions
        .map((_, n) => ({ ...query, measures, dimensions: dimensions.slice(0, dimensions.length - n) }))
        .concat({ ...query, measures, dimensions: [] }),
    );
  });
  return [
    ...variants.map((query) => ({ title: 'Montant accordé aux projets d’investissement', query })),
    { title: 'À lire avant de comparer', query: null },
  ];
}

/**
 * One widget per registered type: its example, or else (a type just added) the first query of
 * the examples, or a simpler one made from them, that the type can show.
 */
function widgetsOfEveryType(catalogue: readonly CatalogueDataset[]) {
  const fallbacks = fallbackExamples();
  return WIDGET_DEFINITIONS.map((definition) => {
    const example =
      EXAMPLES[definition.type] ?? fallbacks.find((e) => definition.fits(shapeOf(e.query, catalogue)));
    if (!example)
      throw new Error(`aucun exemple pour le type ${definition.type} : ajoutez-en un dans EXAMPLES`);
    expect(definition.fits(shapeOf(example.query, catalogue)), definition.type).toBe(true);
    return {
      widget: {
        id: `min-${definition.type}`,
        type: definition.type,
        title: example.title,
        query: example.query,
        options: example.options ?? {},
      },
      size: definition.minSize,
    };
  });
}

/** Left to right, a new row when the next one does not fit the 12 columns. */
function pack(items: readonly { i: string; w: number; h: number }[]) {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return items.map((item) => {
    if (x + item.w > 12) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { i: item.i, x, y, w: item.w, h: item.h };
    x += item.w;
    rowHeight = Math.max(rowHeight, item.h);
    return placed;
  });
}

/**
 * Everything that does not fit `root` (a dashboard cell, or an embed's container), in French;
 * run in the page. `nominalHeight`: the height the layout gives it (null: not checked). Also the
 * scrolling regions met (a renderer's own: table rows, a long list of bars), for the report.
 */
function misfits(
  root: Element,
  {
    nominalHeight,
    rootName,
    type,
    KNOWN_OVERLAPS,
  }: { nominalHeight: number | null; rootName: string; type: string; KNOWN_OVERLAPS: readonly string[] },
): { problems: string[]; scrollers: string[]; spans: number } {
  const TOLERANCE = 1;
  const problems: string[] = [];
  const scrollers: string[] = [];
  let spans = 0;
  const name = (element: Element) => {
    const testId = element.getAttribute('data-testid');
    const className = typeof element.className === 'string' ? element.className.split(' ')[0] : '';
    return testId ? `[data-testid=${testId}]` : className ? `.${className}` : element.localName;
  };
  const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
  const box = root.getBoundingClientRect();
  const inside = (r: DOMRect) =>
    r.left >= box.left - TOLERANCE &&
    r.top >= box.top - TOLERANCE &&
    r.right <= box.right + TOLERANCE &&
    r.bottom <= box.bottom + TOLERANCE;
  const where = (r: DOMRect) =>
    `(${Math.round(r.left - box.left)}, ${Math.round(r.top - box.top)}, ${Math.round(r.width)}×${Math.round(r.height)} dans ${Math.round(box.width)}×${Math.round(box.height)})`;

  if (nominalHeight !== null && box.height > nominalHeight + TOLERANCE)
    problems.push(`${rootName} : ${Math.round(box.height)} px de haut au lieu de ${nominalHeight}`);

  // The cell, the frame and the frame's parts never scroll nor spill.
  const frame = root.querySelector('.dataetat-widget');
  const containers = [root, ...(frame ? [frame, ...frame.children] : [])];
  for (let parent = frame?.parentElement; parent && parent !== root; parent = parent.parentElement)
    containers.push(parent);
  for (const element of containers) {
    const x = element.scrollWidth - element.clientWidth;
    const y = element.scrollHeight - element.clientHeight;
    if (x > TOLERANCE || y > TOLERANCE)
      problems.push(
        `${element === root ? rootName : name(element)} déborde de ${x} px en largeur, ${y} px en hauteur`,
      );
  }

  const scrolls = (style: CSSStyleDeclaration) =>
    /auto|scroll/.test(style.overflowX) || /auto|scroll/.test(style.overflowY);
  const clips = (style: CSSStyleDeclaration) =>
    /hidden|clip/.test(style.overflowX) || /hidden|clip/.test(style.overflowY);
  const intentionallyCut = (element: Element, style: CSSStyleDeclaration) =>
    style.textOverflow === 'ellipsis' ||
    // DSFR icon-only buttons (and pager links on small screens) keep their words for screen
    // readers, out of sight.
    (element.classList.contains('fr-btn') &&
      /\bfr-icon-/.test(element.className) &&
      !/\bfr-btn--icon-/.test(element.className)) ||
    element.classList.contains('fr-pagination__link--lg-label');

  /**
   * Whether the content at `rect`, in `start`, is shown: 'hidden' on purpose (visually hidden
   * text, an icon-only button's words, inside a scrolling region), 'shown', or what cuts it.
   */
  const seen = (start: Element, rect: DOMRect, what: string): 'hidden' | 'shown' | string => {
    for (let element: Element | null = start; element && element !== root; element = element.parentElement) {
      const r = element.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return 'hidden';
      const style = getComputedStyle(element);
      if (scrolls(style)) {
        if (!scrollers.includes(name(element))) scrollers.push(name(element));
        return 'hidden';
      }
      if (clips(style)) {
        const cut =
          rect.left < r.left - TOLERANCE ||
          rect.top < r.top - TOLERANCE ||
          rect.right > r.right + TOLERANCE ||
          rect.bottom > r.bottom + TOLERANCE;
        if (cut && intentionallyCut(element, style)) return 'hidden';
        if (cut) return `${what} coupé par ${name(element)} ${where(rect)}`;
      }
    }
    return 'shown';
  };

  // Every text.
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    const parent = node.parentElement;
    if (!text || !parent?.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    const state = seen(parent, rect, `texte « ${short(text)} »`);
    if (state === 'hidden') continue;
    if (state !== 'shown') problems.push(state);
    else if (!inside(rect)) problems.push(`texte « ${short(text)} » hors de ${rootName} ${where(rect)}`);
  }
  // Every chart, picture and control.
  for (const element of root.querySelectorAll('canvas, svg, img, button, select, input, [role="img"]')) {
    if (!element.checkVisibility({ visibilityProperty: true })) continue;
    if (element.closest('svg') !== element && element.localName !== 'svg' && element.closest('svg')) continue;
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    const what = `${element.localName} ${name(element)}`;
    const state = seen(element.parentElement ?? root, rect, what);
    if (state === 'hidden') continue;
    if (state !== 'shown') problems.push(state);
    else if (!inside(rect)) problems.push(`${what} hors de ${rootName} ${where(rect)}`);
  }

  // The charts' own texts (axis labels, legends, treemap labels…): inside their canvas, apart.
  // zrender draws a text as spans (one per line), children of the label: what the display list holds.
  interface ZrSpan {
    type: string;
    /** The clip rectangles it is drawn through (a scrolling legend's window, a treemap's node). */
    __clipPaths?: { getBoundingRect(): { clone(): ZrRect }; getComputedTransform(): number[] | null }[];
    invisible?: boolean;
    parent?: {
      invisible?: boolean;
      style?: { opacity?: number };
      getBoundingRect(): { clone(): ZrRect };
      getComputedTransform(): number[] | null;
    } | null;
    style?: { text?: string; opacity?: number };
    getBoundingRect(): { clone(): ZrRect };
    getComputedTransform(): number[] | null;
  }
  interface ZrRect {
    x: number;
    y: number;
    width: number;
    height: number;
    applyTransform(m: number[]): void;
  }
  type Chart = HTMLElement & {
    dataetatChart?: { getZr(): { storage: { getDisplayList(update: boolean): ZrSpan[] } } };
  };
  for (const element of root.querySelectorAll<Chart>('[data-rendered]')) {
    const chart = element.dataetatChart;
    if (!chart) continue;
    // Each label once, measured whole (its lines' own boxes are only their glyphs' height).
    const spansOf = new Map<object, ZrSpan[]>();
    for (const el of chart.getZr().storage.getDisplayList(true)) {
      if (el.type !== 'tspan' || el.invisible || !el.parent || el.parent.invisible) continue;
      if (el.style?.opacity === 0 || el.parent.style?.opacity === 0 || !(el.style?.text ?? '').trim())
        continue;
      spansOf.set(el.parent, [...(spansOf.get(el.parent) ?? []), el]);
    }
    const texts = [...spansOf.values()]
      .map((lines) => {
        const [first] = lines as [ZrSpan];
        const label = first.parent as NonNullable<ZrSpan['parent']>;
        const rect = label.getBoundingRect().clone();
        const m = label.getComputedTransform();
        if (m) rect.applyTransform(m);
        const el = { ...first, style: { text: lines.map((l) => l.style?.text).join(' ') } };
        const clip = (el.__clipPaths ?? []).map((path) => {
          const r = path.getBoundingRect().clone();
          const t = path.getComputedTransform();
          if (t) r.applyTransform(t);
          return r;
        });
        // Drawn through a clip window (a scrolling legend, like a scrolling region of the page):
        // what counts is the part in the window.
        for (const c of clip) {
          const x = Math.max(rect.x, c.x);
          const y = Math.max(rect.y, c.y);
          rect.width = Math.min(rect.x + rect.width, c.x + c.width) - x;
          rect.height = Math.min(rect.y + rect.height, c.y + c.height) - y;
          rect.x = x;
          rect.y = y;
        }
        return { text: el.style?.text ?? '', rect, label: el.parent };
      })
      .filter(({ rect }) => rect.width > 0 && rect.height > 0);
    spans += texts.length;
    const { clientWidth: w, clientHeight: h } = element;
    for (const { text, rect } of texts) {
      if (
        rect.x < -TOLERANCE ||
        rect.y < -TOLERANCE ||
        rect.x + rect.width > w + TOLERANCE ||
        rect.y + rect.height > h + TOLERANCE
      )
        problems.push(
          `étiquette « ${short(text.replace(/\n/g, ' '))} » hors du graphique ${name(element)} (${Math.round(rect.x)}, ${Math.round(rect.y)}, ${Math.round(rect.width)}×${Math.round(rect.height)} dans ${w}×${h})`,
        );
    }
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++) {
        if (texts[i]?.label === texts[j]?.label) continue;
        const a = texts[i]?.rect as ZrRect;
        const b = texts[j]?.rect as ZrRect;
        const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        if (overlapX > 2 && overlapY > 2 && !KNOWN_OVERLAPS.includes(type))
          problems.push(
            `étiquettes superposées dans ${name(element)} : « ${short(texts[i]?.text.replace(/\n/g, ' ') ?? '')} » et « ${short(texts[j]?.text.replace(/\n/g, ' ') ?? '')} »`,
          );
      }
  }
  return { problems, scrollers, spans };
}

/** Until every widget of the grid has drawn its data (charts and maps included). */
async function waitDrawn(page: Page, root: Locator, count: number): Promise<void> {
  await expect
    .poll(() => root.locator('.dataetat-widget[data-status="success"]').count(), { timeout: 90_000 })
    .toBe(count);
  await page.waitForFunction(
    (element) =>
      !element?.querySelector('[data-testid="renderer-loading"], [data-rendered="false"]') &&
      !element?.querySelector('[aria-busy="true"]'),
    await root.elementHandle(),
    { timeout: 90_000, polling: 250 },
  );
}

/** Until the layout stops moving (charts resize after their container, maps after their tiles). */
async function settle(page: Page, root: Locator): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = await root.evaluate((element) =>
      [element, ...element.querySelectorAll('.dataetat-widget, [data-testid="widget-body"], canvas')]
        .map((e) => {
          const r = e.getBoundingClientRect();
          return `${r.x},${r.y},${r.width},${r.height},${e.scrollHeight}`;
        })
        .join(';'),
    );
    if (now === last) return;
    last = now;
    await page.waitForTimeout(300);
  }
}

describe('every widget type fits its smallest cell', () => {
  let session: BrowserSession;
  let page: Page;
  let dashboardId = '';
  let widgets: ReturnType<typeof widgetsOfEveryType> = [];
  /** Width of each type's cell at 1440 px (the embed is checked at that size). */
  const desktopWidth = new Map<string, number>();

  beforeAll(async () => {
    session = await openBrowserSession({ viewport: WIDTHS[0] });
    page = session.page;
    const response = await session.context.request.get(`${session.server.url}/api/datasets`);
    const { datasets } = (await response.json()) as { datasets: CatalogueDataset[] };
    widgets = widgetsOfEveryType(datasets);
    const layout = pack(widgets.map(({ widget, size }) => ({ i: widget.id, ...size })));
    dashboardId = await createDashboard(session, {
      title: 'Chaque type à sa taille minimale',
      definition: {
        schemaVersion: 1,
        title: 'Chaque type à sa taille minimale',
        description: '',
        widgets: widgets.map((w) => w.widget),
        layout,
        filters: [],
      },
    });
  });

  afterAll(() => session?.close());

  it('holds one widget of each registered type, at its minSize', () => {
    expect(widgets.map((w) => w.widget.type)).toEqual(WIDGET_DEFINITIONS.map((d) => d.type));
    for (const { widget, size } of widgets) expect(size.w * size.h, widget.type).toBeGreaterThan(0);
  });

  for (const viewport of WIDTHS) {
    it(`dashboard view at ${viewport.width} px: nothing overflows a cell`, async () => {
      await page.setViewportSize(viewport);
      await page.goto(`${session.server.url}/tableaux-de-bord/${dashboardId}`);
      const grid = page.getByTestId('dashboard-grid');
      await waitDrawn(page, grid, widgets.length);
      await settle(page, grid);
      const stacked = viewport.width < 768;
      const report: string[] = [];
      let spans = 0;
      for (const { widget, size } of widgets) {
        const cell = grid.locator('.dashboard-grid__cell', {
          has: page.locator(`[data-widget-id="${widget.id}"]`),
        });
        const found = await cell.evaluate(misfits, {
          nominalHeight: stacked ? null : cellHeight(size.h),
          rootName: `la cellule ${size.w}×${size.h}`,
          type: widget.type,
          KNOWN_OVERLAPS,
        });
        if (!stacked) desktopWidth.set(widget.type, Math.round((await cell.boundingBox())?.width ?? 0));
        spans += found.spans;
        for (const problem of found.problems) report.push(`${widget.type} : ${problem}`);
        await cell.screenshot({
          path: path.join(screenshotsDir, `taille-minimale-${viewport.width}-${widget.type}.png`),
        });
      }
      // The page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await screenshot(page, `taille-minimale-${viewport.width}`);
      // The charts' own texts were read (axis labels, legends…): their check is not void.
      expect(spans).toBeGreaterThan(50);
      expect(report).toEqual([]);
      await expectAccessible(page);
    });
  }

  it('embeds of each type, in a frame the size of its cell at 1440 px and on a phone, overflow nothing', async () => {
    const report: string[] = [];
    for (const { widget, size } of widgets) {
      const created = await session.context.request.post(`${session.server.url}/api/embeds`, {
        data: {
          dashboardId,
          widgetId: widget.id,
          label: `Taille minimale ${widget.type}`,
          allowedOrigins: [],
        },
        headers: { 'x-csrf-token': session.csrfToken },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { embed } = (await created.json()) as { embed: { token: string } };
      for (const width of [desktopWidth.get(widget.type) ?? 0, WIDTHS[1].width]) {
        expect(width).toBeGreaterThan(0);
        await page.setViewportSize({ width, height: cellHeight(size.h) });
        await page.goto(`${session.server.url}/embed/${embed.token}`);
        const container = page.locator('dataetat-widget .dataetat-embed');
        await waitDrawn(page, container, 1);
        await settle(page, container);
        const found = await container.evaluate(misfits, {
          nominalHeight: cellHeight(size.h),
          rootName: `l’intégration ${width}×${cellHeight(size.h)}`,
          type: widget.type,
          KNOWN_OVERLAPS,
        });
        const documentOverflow = await page.evaluate(() => ({
          x: document.documentElement.scrollWidth - window.innerWidth,
          y: document.documentElement.scrollHeight - window.innerHeight,
        }));
        if (documentOverflow.x > 1 || documentOverflow.y > 1)
          found.problems.push(`la page déborde de ${documentOverflow.x}×${documentOverflow.y} px`);
        for (const problem of found.problems) report.push(`${widget.type} à ${width} px : ${problem}`);
        await page.screenshot({
          path: path.join(screenshotsDir, `taille-minimale-integration-${width}-${widget.type}.png`),
        });
      }
    }
    expect(report).toEqual([]);
  });

  it('logged no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
