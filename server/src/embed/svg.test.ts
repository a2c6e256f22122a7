import {
  formatDate,
  formatValue,
  kpiModel,
  type QueryResult,
  resolveWidgetOptions,
  shapeQuery,
  toBarOption,
  type WidgetDefinition,
} from '@dataetat/widgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReferenceFiles } from '../dashboards/reference-files.ts';
import { AppError } from '../errors.ts';
import { openTestServices } from '../testing/harness.ts';
import { allNodes, parseXml, textOf, type XmlNode } from '../testing/xml.ts';
import { errorSvg, renderWidgetSvg } from './svg.ts';
import { boundResult, SVG_MAX_POINTS } from './svg-bound.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
beforeAll(async () => {
  services = await openTestServices({ chorusLines: 2_000 });
}, 120_000);
afterAll(async () => {
  await services.cleanup();
});

const NAT = { scope: 'NAT' } as const;

/** The reference dashboards' widgets, plus the chart types they do not use. */
function widgets(): WidgetDefinition[] {
  const reference = readReferenceFiles(services.catalogue).flatMap((file) =>
    file.ok ? file.dashboard.widgets : [],
  );
  const extra: WidgetDefinition[] = [
    {
      id: 'aire',
      type: 'area',
      title: 'CP par année et type de bénéficiaire',
      query: {
        dataset: 'chorus_lignes',
        measures: ['montant_cp'],
        dimensions: ['annee', 'type_beneficiaire'],
      },
      options: { mode: 'stacked' },
    },
    {
      id: 'jauge',
      type: 'gauge',
      title: 'Taux de paiement',
      query: { dataset: 'chorus_lignes', measures: ['taux_paiement'] },
      options: { target: 0.8 },
    },
    {
      id: 'flux',
      type: 'sankey',
      title: 'Du dispositif au territoire',
      query: {
        dataset: 'politique_ville_postes',
        measures: ['montant'],
        dimensions: ['dispositif', 'type_beneficiaire', 'region'],
      },
      options: {},
    },
    {
      id: 'texte',
      type: 'text',
      title: 'À propos',
      query: null,
      options: { markdown: '## Méthode\n\nLes montants sont en **euros courants**.\n\n- AE\n- CP' },
    },
  ];
  return [...reference, ...extra];
}

async function resultOf(widget: WidgetDefinition): Promise<QueryResult | null> {
  return widget.query ? services.queries.run(shapeQuery(widget, widget.query), NAT) : null;
}

function contextOf(result: QueryResult | null) {
  return {
    source: result?.meta.source ?? '',
    dataDate: formatDate(result?.meta.updatedAt) ?? null,
  };
}

const byClass = (root: XmlNode, name: string) => allNodes(root).filter((n) => n.attributes.class === name);

describe('renderWidgetSvg on the reference dashboards (real DuckDB results)', () => {
  it('draws every picturable widget as well-formed, accessible SVG with its provenance', async () => {
    const drawn = new Set<string>();
    for (const widget of widgets()) {
      if (widget.type === 'map' || widget.type === 'pivot') continue;
      const result = await resultOf(widget);
      const context = contextOf(result);
      const svg = renderWidgetSvg(widget, result, context);
      // SVG_DUMP=<dir> keeps the pictures, to look at them in a browser.
      if (process.env.SVG_DUMP)
        (await import('node:fs')).writeFileSync(`${process.env.SVG_DUMP}/${widget.id}.svg`, svg);
      const root = parseXml(svg);
      expect(root.name, widget.id).toBe('svg');
      expect(root.attributes.role).toBe('img');
      expect(root.attributes['aria-labelledby']).toBe('dataetat-title dataetat-desc');
      const children = root.children.map((c) => c.name);
      expect(children.slice(0, 2)).toEqual(['title', 'desc']);
      expect(root.children[0]?.text).toBe(widget.title);
      expect(root.children[1]?.text.length, widget.id).toBeGreaterThan(20);
      const texts = allNodes(root)
        .filter((n) => n.name === 'text')
        .map(textOf);
      // The footer keeps the date whole, however long the source.
      const date = context.dataDate ? ` — données du ${context.dataDate}` : '';
      const footer = texts.at(-1) ?? '';
      expect(
        footer === 'Data-État' || footer.endsWith(`${date} — Data-État`),
        `${widget.id}: ${footer}`,
      ).toBe(true);
      if (context.source) expect(footer.startsWith('Source : '), widget.id).toBe(true);
      expect(root.children[1]?.text, widget.id).toContain(
        context.source ? `Source : ${context.source}${date} — Data-État` : 'Data-État',
      );
      if (result && widget.type !== 'kpi' && widget.type !== 'table' && widget.type !== 'text') {
        // The chart is ECharts' own SVG, nested, with drawn shapes.
        const chart = allNodes(root).filter((n) => n.name === 'svg');
        expect(chart.length, widget.id).toBe(2);
        expect(
          allNodes(chart[1] as XmlNode).filter((n) => n.name === 'path').length,
          widget.id,
        ).toBeGreaterThan(2);
      }
      drawn.add(widget.type);
    }
    expect([...drawn].sort()).toEqual([
      'area',
      'bar',
      'gauge',
      'kpi',
      'line',
      'pie',
      'sankey',
      'table',
      'text',
      'treemap',
    ]);
  }, 60_000);

  it('describes a chart with the browser option’s own French description', async () => {
    const widget = widgets().find((w) => w.type === 'bar') as WidgetDefinition;
    const result = (await resultOf(widget)) as QueryResult;
    const root = parseXml(renderWidgetSvg(widget, result, contextOf(result)));
    const description = (
      toBarOption({ ...widget, options: resolveWidgetOptions(widget) }, result).aria as {
        label: { description: string };
      }
    ).label.description;
    expect(root.children[1]?.text.startsWith(description)).toBe(true);
  });

  it('shows each KPI’s figure as the result’s value formatted in French', async () => {
    const kpis = widgets().filter((w) => w.type === 'kpi');
    expect(kpis.length).toBeGreaterThan(5);
    for (const widget of kpis) {
      const result = (await resultOf(widget)) as QueryResult;
      const root = parseXml(renderWidgetSvg(widget, result, contextOf(result)));
      const measure = (widget.options.measure as string | undefined) ?? widget.query?.measures[0];
      const column = result.columns.findIndex((c) => c.id === measure);
      const value = result.rows[0]?.[column] as number;
      const format = result.columns[column]?.format as Parameters<typeof formatValue>[1];
      const exact = formatValue(value, format);
      const big = byClass(root, 'kpi-value').map(textOf);
      const small = byClass(root, 'kpi-exact').map(textOf);
      // The browser's model reads resolved options, as renderWidgetSvg gives it.
      const resolved = { ...widget, options: resolveWidgetOptions(widget) };
      expect(big, widget.id).toEqual([kpiModel(resolved, result).valueText]);
      // The exact figure is the big one, or written under an abbreviated one.
      expect(
        big[0] === exact || small[0] === `soit ${exact}`,
        `${widget.id}: ${big[0]} / ${small[0]} / ${exact}`,
      ).toBe(true);
      expect(root.children[1]?.text).toContain(exact);
    }
  });

  it('shows a table’s first rows with the result’s figures in French, never cut', async () => {
    const tables = widgets().filter((w) => w.type === 'table');
    expect(tables.length).toBeGreaterThan(1);
    for (const widget of tables) {
      const result = (await resultOf(widget)) as QueryResult;
      const texts = allNodes(parseXml(renderWidgetSvg(widget, result, contextOf(result))))
        .filter((n) => n.name === 'text')
        .map(textOf);
      result.columns.forEach((column, i) => {
        if (column.role !== 'measure') return;
        const first = formatValue(
          result.rows[0]?.[i] ?? null,
          column.format as Parameters<typeof formatValue>[1],
        );
        expect(texts, `${widget.id}.${column.id}`).toContain(first);
      });
    }
  });
});

describe('renderWidgetSvg escapes what users and data write', () => {
  const hostile = `<script>alert("x")</script> & 'q' ]]> \uD800 \u0001 fin`;

  it('keeps titles, labels, source and filters as text: no markup, no forbidden character', async () => {
    const base = widgets().find((w) => w.type === 'bar') as WidgetDefinition;
    const real = (await resultOf(base)) as QueryResult;
    const labelIndex = real.columns.findIndex((c) => c.role === 'label' || c.role === 'dimension');
    const result: QueryResult = {
      ...real,
      rows: real.rows.map((row, i) => row.map((cell, j) => (j === labelIndex && i === 0 ? hostile : cell))),
    };
    for (const widget of [
      { ...base, title: hostile },
      { ...base, type: 'pie' as const, title: hostile, options: {} },
      { id: 't', type: 'text' as const, title: hostile, query: null, options: { markdown: hostile } },
    ]) {
      const svg = renderWidgetSvg(widget, widget.type === 'text' ? null : result, {
        source: hostile,
        dataDate: '01/03/2024',
        filters: hostile,
      });
      const root = parseXml(svg);
      const names = new Set(allNodes(root).map((n) => n.name));
      expect(names.has('script'), widget.type).toBe(false);
      expect(svg).not.toContain('<script');
      expect(svg.includes('\uD800') || svg.includes('\u0001')).toBe(false);
      const shown = `<script>alert("x")</script> & 'q' ]]> \uFFFD \uFFFD fin`;
      expect(root.children[0]?.text).toBe(shown);
      expect(allNodes(root).some((n) => n.name === 'text' && textOf(n).includes('<script>alert('))).toBe(
        true,
      );
    }
  });

  it('gives a readable, well-formed error picture', () => {
    const root = parseXml(errorSvg(`Lien révoqué ${hostile}`, { width: 300, height: 200 }));
    expect(root.attributes.width).toBe('300');
    expect(root.children[1]?.text).toContain('Lien révoqué <script>');
  });
});

describe('renderWidgetSvg bounds its work', () => {
  it('refuses the types that cannot be a picture with a typed French error', () => {
    for (const type of ['map', 'pivot'] as const) {
      const widget: WidgetDefinition = {
        id: 'x',
        type,
        title: 'X',
        query: { dataset: 'chorus_lignes', measures: ['montant_cp'], dimensions: ['region'] },
        options: {},
      };
      const error = (() => {
        try {
          renderWidgetSvg(widget, { columns: [], rows: [], totals: {}, meta: {} } as unknown as QueryResult, {
            source: 's',
            dataDate: null,
          });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('EMBED_SVG_UNSUPPORTED');
      expect((error as AppError).status).toBe(422);
      expect((error as AppError).message).toBe(
        'Ce type de widget ne peut pas être rendu en image ; utilisez l’iframe.',
      );
    }
  });

  it('clamps the size to 200–2000 × 150–2000 px', () => {
    const text: WidgetDefinition = {
      id: 't',
      type: 'text',
      title: 'T',
      query: null,
      options: { markdown: 'x' },
    };
    const sized = (width: number, height: number) =>
      parseXml(renderWidgetSvg(text, null, { source: 's', dataDate: null, width, height })).attributes;
    expect(sized(10, 10)).toMatchObject({ width: '200', height: '150' });
    expect(sized(1e9, 1e9)).toMatchObject({ width: '2000', height: '2000' });
    expect(sized(Number.NaN, 812.6)).toMatchObject({ width: '640', height: '813' });
  });

  it(`draws at most ${SVG_MAX_POINTS} values: the largest categories, and says so`, async () => {
    const widget: WidgetDefinition = {
      id: 'b',
      type: 'bar',
      title: 'Subventions par collectivité',
      query: {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['beneficiaire'],
        limit: 5_000,
      },
      options: {},
    };
    const result = (await resultOf(widget)) as QueryResult;
    expect(result.rows.length).toBeGreaterThan(SVG_MAX_POINTS);
    const bounded = boundResult(result);
    expect(bounded.result.rows.length).toBe(SVG_MAX_POINTS);
    const cp = result.columns.findIndex((c) => c.id === 'montant_subvention');
    const values = (rows: QueryResult['rows']) =>
      rows.map((r) => Math.abs(Number(r[cp]))).sort((a, b) => b - a);
    expect(values(bounded.result.rows)).toEqual(values(result.rows).slice(0, SVG_MAX_POINTS));
    const root = parseXml(renderWidgetSvg(widget, result, contextOf(result)));
    expect(root.children[1]?.text).toContain(`Image limitée aux 500 plus grandes valeurs`);
  });
});
