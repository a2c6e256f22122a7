/**
 * No false refusal: whatever a reader of a shared reference dashboard does (global filters,
 * drill-down, cross-filtering, table paging and sorting), the query its page sends stays within
 * its widget (`assertSpecWithinWidget`), and crafted widenings of the same queries are refused.
 */
import {
  assertSpecWithinWidget,
  type DashboardDefinition,
  type DashboardFilterValue,
  GrantScopeError,
  type QuerySpec,
  TERRITOIRE_LEVELS,
} from '@dataetat/widgets';
import { type CrossSelection, scopedQuery, shapeQuery, type WidgetDefinition } from '@dataetat/widgets/react';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../server/src/catalogue/index.ts';
import { validateReferenceDashboards } from './src/validate.ts';

const dashboards = validateReferenceDashboards().files.flatMap((f) => (f.ok ? [f.dashboard] : []));
const datasets = [...catalogue.values()];

/** Deterministic draws (mulberry32), so a failure replays. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Draw = () => number;
const pick = <T>(draw: Draw, items: readonly T[]): T => items[Math.floor(draw() * items.length)] as T;
const some = <T>(draw: Draw, items: readonly T[]): T[] => items.filter(() => draw() < 0.5);

function filterValues(draw: Draw, dashboard: DashboardDefinition): DashboardFilterValue[] {
  return some(draw, dashboard.filters).map((filter): DashboardFilterValue => {
    switch (filter.kind) {
      case 'annee':
        return { id: filter.id, kind: 'annee', value: some(draw, [2019, 2020, 2021, 2022, 2023, 2024]) };
      case 'territoire': {
        const level = pick(draw, TERRITOIRE_LEVELS);
        return {
          id: filter.id,
          kind: 'territoire',
          value: { level, code: pick(draw, ['53', '35', '2A']), label: 'x' },
        };
      }
      default:
        return { id: filter.id, kind: filter.kind, value: some(draw, ['0380', '119', 'fonds_vert', "l'a"]) };
    }
  });
}

/** A click in another widget: one of its dimensions, some value (or the empty cell). */
function selections(draw: Draw, dashboard: DashboardDefinition): CrossSelection[] {
  return some(draw, dashboard.widgets).flatMap((w) => {
    const dimension = w.query?.dimensions?.length ? pick(draw, w.query.dimensions) : null;
    if (!dimension) return [];
    return [{ widgetId: w.id, field: dimension, value: pick(draw, ['35', 2023, null, 'DETR']) }];
  });
}

/** What a table or pivot renderer asks on top (page size, page, sort on a shown column). */
function paging(draw: Draw, query: QuerySpec): QuerySpec {
  if (draw() < 0.5) return query;
  const columns = [...query.measures, ...(query.dimensions ?? [])];
  return {
    ...query,
    ...(query.limit !== undefined && query.limit <= 200 ? { limit: pick(draw, [25, 50, 100, 200]) } : {}),
    ...(query.offset !== undefined ? { offset: Math.floor(draw() * 10) * 25 } : {}),
    ...(columns.length > 0
      ? { sort: [{ field: pick(draw, columns), dir: pick(draw, ['asc', 'desc'] as const) }] }
      : {}),
  };
}

function datasetOf(widget: WidgetDefinition) {
  const dataset = catalogue.get(widget.query?.dataset ?? '');
  if (!dataset) throw new Error(`dataset of ${widget.id}`);
  return dataset;
}

function refused(spec: QuerySpec, widget: WidgetDefinition): GrantScopeError | null {
  try {
    assertSpecWithinWidget(spec, widget, datasetOf(widget));
    return null;
  } catch (error) {
    if (error instanceof GrantScopeError) return error;
    throw error;
  }
}

const withQuery = (d: DashboardDefinition) => d.widgets.filter((w) => w.query !== null);

describe('assertSpecWithinWidget on the reference dashboards', () => {
  it('has dashboards with widgets of every kind to check', () => {
    expect(dashboards.length).toBeGreaterThanOrEqual(3);
    const types = new Set(dashboards.flatMap((d) => withQuery(d).map((w) => w.type)));
    expect([...types]).toEqual(expect.arrayContaining(['kpi', 'bar', 'map', 'table', 'pivot']));
  });

  it('accepts every query their pages send (2 000 random scopes per dashboard)', () => {
    const draw = random(42);
    let checked = 0;
    for (const dashboard of dashboards) {
      for (let run = 0; run < 2_000; run += 1) {
        const scope = {
          filters: filterValues(draw, dashboard),
          mapLevel: draw() < 0.5 ? null : pick(draw, TERRITOIRE_LEVELS),
          selections: selections(draw, dashboard),
          catalogue: datasets,
        };
        const widget = pick(draw, withQuery(dashboard));
        const scoped = scopedQuery(widget, scope).query as QuerySpec;
        const sent = paging(draw, shapeQuery(widget, scoped));
        const error = refused(sent, widget);
        expect(error, `${dashboard.title} / ${widget.id}: ${JSON.stringify(sent)}`).toBeNull();
        checked += 1;
      }
    }
    expect(checked).toBe(dashboards.length * 2_000);
  });

  it('refuses another measure, another dimension, a dropped widget filter or another dataset', () => {
    for (const dashboard of dashboards) {
      for (const widget of withQuery(dashboard)) {
        const dataset = datasetOf(widget);
        const own = shapeQuery(widget, widget.query as QuerySpec);
        const otherMeasure = dataset.measures.find((m) => !own.measures.includes(m.id));
        if (otherMeasure) {
          const spec = { ...own, measures: [...own.measures, otherMeasure.id] };
          expect(refused(spec, widget)?.path, widget.id).toBe(`/measures/${own.measures.length}`);
        }
        const shown = new Set([...(own.dimensions ?? [])]);
        // A dimension the widget does not show (for a map, not a finer territory either).
        const otherDimension = dataset.dimensions.find((d) => !shown.has(d.id) && d.type !== 'geo');
        if (otherDimension) {
          const spec = { ...own, dimensions: [...(own.dimensions ?? []), otherDimension.id] };
          expect(refused(spec, widget)?.path, widget.id).toBe(`/dimensions/${shown.size}`);
        }
        const other = datasets.find((d) => d.id !== own.dataset);
        expect(refused({ ...own, dataset: other?.id ?? 'x' }, widget)?.path).toBe('/dataset');
        if ((own.filters ?? []).length > 0) {
          expect(refused({ ...own, filters: own.filters?.slice(1) ?? [] }, widget)?.path).toBe('/filters');
        }
        // Widening a widget filter (one more value) is a dropped filter too.
        const [first] = own.filters ?? [];
        if (first?.values) {
          const widened = { ...first, values: [...first.values, 'autre'] };
          expect(
            refused({ ...own, filters: [widened, ...(own.filters?.slice(1) ?? [])] }, widget)?.path,
          ).toBe('/filters');
        }
      }
    }
  });

  it('refuses a map drilled to a coarser level, or a non-map widget drilled', () => {
    for (const dashboard of dashboards) {
      for (const widget of withQuery(dashboard)) {
        const dataset = datasetOf(widget);
        const own = widget.query as QuerySpec;
        const geo = (own.dimensions ?? [])
          .map((id) => dataset.dimensions.find((d) => d.id === id))
          .find((d) => d?.type === 'geo' && d.level !== undefined);
        if (!geo) continue;
        const level = TERRITOIRE_LEVELS.indexOf(geo.level as (typeof TERRITOIRE_LEVELS)[number]);
        const coarser = dataset.dimensions.find(
          (d) =>
            d.type === 'geo' &&
            TERRITOIRE_LEVELS.indexOf(d.level as (typeof TERRITOIRE_LEVELS)[number]) < level &&
            TERRITOIRE_LEVELS.includes(d.level as (typeof TERRITOIRE_LEVELS)[number]),
        );
        const finer = dataset.dimensions.find(
          (d) =>
            d.type === 'geo' &&
            TERRITOIRE_LEVELS.indexOf(d.level as (typeof TERRITOIRE_LEVELS)[number]) > level,
        );
        const swap = (to: string) => ({
          ...own,
          dimensions: (own.dimensions ?? []).map((d) => (d === geo.id ? to : d)),
        });
        if (coarser) expect(refused(swap(coarser.id), widget), widget.id).not.toBeNull();
        if (finer) {
          const error = refused(swap(finer.id), widget);
          if (widget.type === 'map') expect(error, widget.id).toBeNull();
          else expect(error, widget.id).not.toBeNull();
        }
      }
    }
  });
});
