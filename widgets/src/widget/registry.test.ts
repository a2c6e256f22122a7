import { readdirSync } from 'node:fs';
import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { byYear, flows } from '../echarts/fixtures.ts';
import { checkOptions, defaultOptions, resolveOptions } from './options.ts';
import {
  fittingWidgetTypes as allFitting,
  resolveWidgetOptions,
  shapeOfResult,
  shapeQuery,
  suggestWidgetType,
  WIDGET_DEFINITIONS,
  WIDGET_TYPE_INFO,
  WIDGET_TYPES,
} from './registry.ts';
import { isWidgetType, renderingOf, shapeResolvedQuery } from './renderings.ts';
import type { QueryShape } from './types.ts';

const shape = (measures: number, ...types: string[]): QueryShape => ({
  measures,
  dimensions: types.map((type, i) => ({ id: `d${i}`, type, ...(type === 'geo' ? { level: 'region' } : {}) })),
});

/** The types these tests know, in palette order, with their French names. */
const KNOWN = {
  kpi: 'Indicateur',
  bar: 'Barres',
  line: 'Courbe',
  area: 'Aires',
  pie: 'Secteurs',
  treemap: 'Répartition en rectangles',
  sankey: 'Flux',
  table: 'Tableau',
  pivot: 'Tableau croisé',
  map: 'Carte',
  text: 'Texte',
} as const;

/**
 * The fitting types among those known here (a type added later is tested in its own folder, so
 * adding one needs no change in this file).
 */
const fittingWidgetTypes = (s: QueryShape) => allFitting(s).filter((type) => Object.hasOwn(KNOWN, type));

describe('WIDGET_TYPE_INFO', () => {
  it('names every type in French, in palette order', () => {
    expect(Object.keys(WIDGET_TYPE_INFO)).toEqual(WIDGET_TYPES);
    expect(WIDGET_TYPES.filter((type) => Object.hasOwn(KNOWN, type))).toEqual(Object.keys(KNOWN));
    expect(WIDGET_TYPE_INFO).toMatchObject(
      Object.fromEntries(Object.entries(KNOWN).map(([type, label]) => [type, { type, label }])),
    );
  });

  it('offers only the types that can show a shape', () => {
    expect(fittingWidgetTypes(shape(1))).toEqual(['kpi', 'table']);
    expect(fittingWidgetTypes(shape(2, 'year'))).toEqual(['kpi', 'bar', 'line', 'area', 'table']);
    expect(fittingWidgetTypes(shape(1, 'code'))).toEqual(['bar', 'pie', 'treemap', 'table']);
    expect(fittingWidgetTypes(shape(1, 'geo'))).toEqual(['bar', 'pie', 'treemap', 'table', 'map']);
    expect(fittingWidgetTypes(shape(1, 'code', 'code'))).toEqual([
      'bar',
      'treemap',
      'sankey',
      'table',
      'pivot',
    ]);
    expect(fittingWidgetTypes(shape(1, 'code', 'code', 'geo'))).toEqual(['sankey', 'table', 'pivot']);
    expect(fittingWidgetTypes(shape(1, 'date', 'code'))).toContain('line');
    expect(fittingWidgetTypes(shape(0))).toEqual(['text']);
  });

  it('offers the map for points (latitude and longitude), with or without a measure', () => {
    expect(fittingWidgetTypes(shape(1, 'code', 'coordinate', 'coordinate'))).toEqual([
      'sankey',
      'table',
      'pivot',
      'map',
    ]);
    expect(fittingWidgetTypes(shape(0, 'code', 'coordinate', 'coordinate'))).toEqual(['table', 'map']);
    // One coordinate alone places nothing.
    expect(fittingWidgetTypes(shape(1, 'code', 'coordinate'))).not.toContain('map');
  });
});

/** The `<type>/index.ts` files of the package: where a widget type is declared. */
async function declaredDefinitions(): Promise<{ folder: string; value: unknown }[]> {
  const src = new URL('../', import.meta.url);
  const found: { folder: string; value: unknown }[] = [];
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (!readdirSync(new URL(`${entry.name}/`, src)).includes('index.ts')) continue;
    const module: Record<string, unknown> = await import(`../${entry.name}/index.ts`);
    for (const value of Object.values(module)) {
      const candidate = value as { type?: unknown; fits?: unknown; load?: unknown } | null;
      if (
        candidate &&
        typeof candidate === 'object' &&
        typeof candidate.type === 'string' &&
        typeof candidate.fits === 'function' &&
        typeof candidate.load === 'function'
      )
        found.push({ folder: entry.name, value });
    }
  }
  return found;
}

describe('what the type chooser shows', () => {
  it('every type declared in a <type>/index.ts is registered', async () => {
    const declared = await declaredDefinitions();
    expect(declared.map((d) => d.folder).sort()).toEqual([...WIDGET_TYPES].sort());
    for (const { folder, value } of declared)
      expect(WIDGET_DEFINITIONS as readonly unknown[], folder).toContain(value);
  });

  it('each type has a plain French name and a one-line explanation, without jargon', () => {
    const jargon = /treemap|sankey|kpi|pivot|markdown|widget|dataviz|\(/i;
    for (const { type, label, description } of WIDGET_DEFINITIONS) {
      expect(label, type).toMatch(/^[A-ZÀ-Ü][a-zà-ÿ’ ]{2,30}$/);
      expect(label, type).not.toMatch(jargon);
      expect(description, type).not.toMatch(/treemap|sankey|kpi|pivot|markdown|widget|dataviz/i);
      // One line in the chooser: a short sentence.
      expect(description.length, type).toBeLessThanOrEqual(100);
    }
    const labels = WIDGET_DEFINITIONS.map((d) => d.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('each type has its own picture, drawn inside the 56 × 40 canvas in DSFR colours', () => {
    const colours = ['major', 'minor', 'light', 'accent', 'grey', 'paper'];
    const seen = new Set<string>();
    for (const { type, picture } of WIDGET_DEFINITIONS) {
      expect(picture.length, type).toBeGreaterThanOrEqual(2);
      // A picture is more than a plain block: at least two colours.
      expect(new Set(picture.map((s) => s.colour)).size, type).toBeGreaterThanOrEqual(2);
      // Each shape once (its path is its React key).
      expect(new Set(picture.map((s) => s.d)).size, type).toBe(picture.length);
      for (const shape of picture) {
        expect(shape.d, type).toMatch(/^M[\d\s.,MmLlHhVvCcSsQqAaZz-]+$/);
        expect(colours, type).toContain(shape.colour);
        if (shape.stroke !== undefined) expect(shape.stroke, type).toBeGreaterThan(0);
        // Absolute commands only place points inside the canvas.
        for (const [, command, args] of shape.d.matchAll(/([MLHVCA])([^A-Za-z]*)/g)) {
          const numbers = (args ?? '')
            .trim()
            .split(/[\s,]+|(?=-)/)
            .filter(Boolean)
            .map(Number);
          const coordinates =
            command === 'A' ? numbers.slice(5) : command === 'H' || command === 'V' ? [] : numbers;
          for (let i = 0; i < coordinates.length; i += 2) {
            expect(coordinates[i], `${type} ${shape.d}`).toBeGreaterThanOrEqual(0);
            expect(coordinates[i], `${type} ${shape.d}`).toBeLessThanOrEqual(56);
            expect(coordinates[i + 1], `${type} ${shape.d}`).toBeGreaterThanOrEqual(0);
            expect(coordinates[i + 1], `${type} ${shape.d}`).toBeLessThanOrEqual(40);
          }
        }
      }
      const key = JSON.stringify(picture);
      expect(seen.has(key), `${type}: same picture as another type`).toBe(false);
      seen.add(key);
    }
  });
});

describe('suggestWidgetType', () => {
  it('suggests a sensible first type that fits', () => {
    expect(suggestWidgetType(shape(1))).toBe('kpi');
    expect(suggestWidgetType(shape(1, 'geo'))).toBe('map');
    expect(suggestWidgetType(shape(1, 'year'))).toBe('line');
    expect(suggestWidgetType(shape(1, 'year', 'code'))).toBe('line');
    expect(suggestWidgetType(shape(1, 'code'))).toBe('bar');
    expect(suggestWidgetType(shape(1, 'geo', 'year'))).toBe('pivot');
    expect(suggestWidgetType(shape(1, 'code', 'code', 'code'))).toBe('pivot');
    expect(suggestWidgetType(shape(0, 'code'))).toBe('table');
    expect(suggestWidgetType(shape(0))).toBe('text');
    expect(suggestWidgetType(shape(1, 'code', 'coordinate', 'coordinate'))).toBe('map');
    expect(suggestWidgetType(shape(0, 'code', 'coordinate', 'coordinate'))).toBe('map');
    expect(suggestWidgetType(shape(2, 'coordinate', 'coordinate'))).toBe('map');
  });
});

describe('shapeOfResult', () => {
  it('counts measures and lists dimensions with their type', () => {
    expect(shapeOfResult(byYear)).toEqual({ measures: 2, dimensions: [{ id: 'annee', type: 'year' }] });
    expect(shapeOfResult(flows).dimensions.map((d) => d.id)).toEqual([
      'programme',
      'type_beneficiaire',
      'region',
    ]);
  });
});

describe('widget definitions', () => {
  it('each has a French sentence, and options whose defaults fit their own schema', () => {
    for (const definition of WIDGET_DEFINITIONS) {
      expect(definition.description, definition.type).toMatch(/^[A-ZÀ-Ü].{20,}\.$/);
      const defaults = defaultOptions(definition.options);
      expect(Value.Check(definition.options, defaults), definition.type).toBe(true);
      expect(checkOptions(definition.options, defaults), definition.type).toEqual([]);
      for (const [key, property] of Object.entries(definition.options.properties)) {
        const p = property as { minimum?: number; maximum?: number; default?: unknown; title?: string };
        if (typeof p.default === 'number' && p.minimum !== undefined && p.maximum !== undefined) {
          expect(p.default, `${definition.type}.${key}`).toBeGreaterThanOrEqual(p.minimum);
          expect(p.default, `${definition.type}.${key}`).toBeLessThanOrEqual(p.maximum);
        }
      }
    }
  });

  it('gives each type its documented defaults and ranges', () => {
    expect(defaultOptions(WIDGET_TYPE_INFO.kpi.options)).toEqual({
      compact: true,
      comparison: true,
      sparkline: true,
      animation: false,
    });
    expect(defaultOptions(WIDGET_TYPE_INFO.bar.options)).toEqual({
      orientation: 'auto',
      mode: 'grouped',
      showValues: false,
      decal: false,
      animation: false,
    });
    expect(defaultOptions(WIDGET_TYPE_INFO.pie.options)).toMatchObject({ maxSlices: 8, showLabels: true });
    expect(defaultOptions(WIDGET_TYPE_INFO.treemap.options)).toMatchObject({ maxItems: 40 });
    expect(defaultOptions(WIDGET_TYPE_INFO.sankey.options)).toMatchObject({ maxNodesPerLevel: 10 });
    expect(defaultOptions(WIDGET_TYPE_INFO.table.options)).toEqual({
      pageSize: 50,
      hiddenColumns: [],
      codes: 'label-code',
      totals: true,
    });
    expect(defaultOptions(WIDGET_TYPE_INFO.map.options)).toEqual({
      mode: 'choropleth',
      classification: 'quantiles',
      classes: 5,
      cluster: true,
    });
    expect(defaultOptions(WIDGET_TYPE_INFO.text.options)).toEqual({ markdown: '', headingLevel: 3 });
    // Out of range or of the wrong type: the default, never a broken chart.
    const pie = WIDGET_TYPE_INFO.pie.options;
    expect(resolveOptions(pie, { maxSlices: 1 }).maxSlices).toBe(8);
    expect(resolveOptions(pie, { maxSlices: 20 }).maxSlices).toBe(20);
    expect(resolveOptions(pie, { maxSlices: 21 }).maxSlices).toBe(8);
    expect(resolveOptions(pie, { maxSlices: 7.5, donut: 'oui' })).toMatchObject({
      maxSlices: 8,
      donut: false,
    });
    expect(
      resolveOptions(WIDGET_TYPE_INFO.map.options, { classes: 3, mode: 'heatmap', measure: '' }),
    ).toEqual({
      mode: 'choropleth',
      classification: 'quantiles',
      classes: 3,
      cluster: true,
    });
    expect(resolveOptions(WIDGET_TYPE_INFO.table.options, { pageSize: 30, inconnue: 1 }).pageSize).toBe(50);
  });
});

describe('shapeQuery', () => {
  const query = { dataset: 'd', measures: ['m'], dimensions: ['annee', 'region'] };
  it('applies the type’s own shaping from its options, and leaves other types’ queries as they are', () => {
    expect(shapeQuery({ type: 'table', options: { pageSize: 25 } }, query)).toEqual({
      ...query,
      limit: 25,
      offset: 0,
      totals: true,
    });
    expect(shapeQuery({ type: 'pivot', options: { columns: ['annee'] } }, query)).toMatchObject({
      dimensions: ['annee', 'region'],
      subtotals: ['annee'],
      totals: true,
    });
    expect(shapeQuery({ type: 'bar', options: {} }, query)).toBe(query);
  });
});

describe('renderings', () => {
  it('are the definitions’ own query shaping and renderer, for every type', () => {
    for (const definition of WIDGET_DEFINITIONS) {
      const rendering = renderingOf(definition.type);
      expect(rendering.type).toBe(definition.type);
      expect(rendering.load).toBe(definition.load);
      expect(rendering.query).toBe(definition.query);
    }
    expect(WIDGET_TYPES.every(isWidgetType)).toBe(true);
    expect(isWidgetType('camembert')).toBe(false);
  });

  it('shape from resolved options as shapeQuery does from stored ones (what an embed receives)', () => {
    const query = { dataset: 'd', measures: ['m'], dimensions: ['annee', 'region'] };
    const stored = [
      { type: 'table', options: { pageSize: 25, inconnue: 1 } },
      { type: 'table', options: { pageSize: 7 } },
      { type: 'pivot', options: { columns: ['annee'] } },
      { type: 'bar', options: {} },
    ] as const;
    for (const widget of stored) {
      const resolved = resolveWidgetOptions(widget);
      expect(shapeResolvedQuery(widget.type, resolved, query)).toEqual(shapeQuery(widget, query));
    }
  });

  it('resolving resolved options changes nothing (the server resolves, the app may again)', () => {
    for (const definition of WIDGET_DEFINITIONS) {
      const once = resolveWidgetOptions({ type: definition.type, options: { inconnue: true, title: 3 } });
      expect(resolveWidgetOptions({ type: definition.type, options: once })).toEqual(once);
      expect(once).toEqual(defaultOptions(definition.options));
    }
  });
});
