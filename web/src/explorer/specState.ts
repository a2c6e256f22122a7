/**
 * The builder's state machine: every user action on the widget being built is a pure transition
 * of its WidgetDefinition, so the explorer page and the dashboard editor's side panel behave the
 * same and the rules (type follows the shape, sort follows the fields, auto title) are tested
 * without a browser.
 */
import type {
  FilterSpec,
  QueryShape,
  QuerySpec,
  SortSpec,
  WidgetDefinition,
  WidgetType,
} from '@dataetat/widgets/react';
import type { DatasetSummary } from '../api/types.ts';
import { adaptValues, defaultOperator, type FilterOperator, valueEditorFor } from './operators.ts';

export type FilterValue = NonNullable<FilterSpec['values']>[number];

/** Which widget types fit a query shape and which one to suggest (the widgets registry). */
export interface TypeRules {
  fits(type: WidgetType, shape: QueryShape): boolean;
  suggest(shape: QueryShape): WidgetType;
}

export interface BuilderState {
  readonly widget: WidgetDefinition;
  /**
   * The type the user picked (in the chooser, the dashboard's « Ajouter » palette, a hand-written
   * definition), or null: shown whenever the query can show it, the suggestion otherwise. Kept
   * when it does not fit yet, so « Flux » picked before any dimension appears once there are two.
   */
  readonly chosenType: WidgetType | null;
}

export type BuilderAction =
  | { readonly kind: 'dataset'; readonly dataset: DatasetSummary }
  | { readonly kind: 'toggle-measure'; readonly id: string }
  | { readonly kind: 'add-dimension'; readonly id: string }
  | { readonly kind: 'remove-dimension'; readonly id: string }
  | { readonly kind: 'move-dimension'; readonly id: string; readonly delta: -1 | 1 }
  | { readonly kind: 'add-filter'; readonly field: string }
  | { readonly kind: 'filter-op'; readonly index: number; readonly op: FilterOperator }
  | { readonly kind: 'filter-values'; readonly index: number; readonly values: readonly FilterValue[] }
  | { readonly kind: 'remove-filter'; readonly index: number }
  | { readonly kind: 'sort'; readonly sort: SortSpec | null }
  | { readonly kind: 'limit'; readonly limit: number | null }
  | { readonly kind: 'totals'; readonly totals: boolean }
  | { readonly kind: 'type'; readonly type: WidgetType }
  | { readonly kind: 'option'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'title'; readonly title: string }
  | { readonly kind: 'replace'; readonly widget: WidgetDefinition };

/** What the reducer needs to know besides the state. */
export interface BuilderContext {
  /** The dataset of the current query, when known (field types, labels). */
  readonly dataset: DatasetSummary | undefined;
  readonly rules: TypeRules;
}

/** A new, empty widget: the explorer's starting point. */
export function emptyWidget(id = 'explorateur'): WidgetDefinition {
  return { id, type: 'table', title: '', query: null, options: {} };
}

/** The shape of a query, for the type rules: how many measures, which dimensions. */
export function shapeOf(query: QuerySpec | null, dataset: DatasetSummary | undefined): QueryShape {
  const dims = query?.dimensions ?? [];
  return {
    measures: query?.measures.length ?? 0,
    dimensions: dims.map((id) => {
      const dim = dataset?.dimensions.find((d) => d.id === id);
      return { id, type: dim?.type ?? 'text', ...(dim?.level ? { level: dim.level } : {}) };
    }),
  };
}

/** « Montant accordé par département et année » — the default title, from the fields' labels. */
export function autoTitle(query: QuerySpec | null, dataset: DatasetSummary | undefined): string {
  if (!query || !dataset) return '';
  const label = (id: string) =>
    dataset.measures.find((m) => m.id === id)?.label ??
    dataset.dimensions.find((d) => d.id === id)?.label ??
    id;
  const measures = query.measures.map(label);
  if (measures.length === 0) return '';
  const dims = (query.dimensions ?? []).map((id) => label(id).toLowerCase());
  const what = joinFr(measures);
  return dims.length > 0 ? `${what} par ${joinFr(dims)}` : what;
}

function joinFr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}

function withQuery(state: BuilderState, ctx: BuilderContext, patch: Partial<QuerySpec>): BuilderState {
  const query = state.widget.query;
  if (!query) return state;
  return settle(state, ctx, { ...query, ...patch });
}

/**
 * After a change of the query: drop what refers to removed fields (sort, subtotals), keep the
 * title automatic while the user has not written one, and keep the type fitting the shape.
 */
function settle(state: BuilderState, ctx: BuilderContext, next: QuerySpec): BuilderState {
  const fields = new Set([...next.measures, ...(next.dimensions ?? [])]);
  const query: QuerySpec = compact({
    ...next,
    sort: next.sort?.filter((s) => fields.has(s.field)),
    subtotals: next.subtotals?.filter((f) => next.dimensions?.includes(f)),
  });
  const previous = state.widget;
  const titleWasAuto = previous.title === '' || previous.title === autoTitle(previous.query, ctx.dataset);
  const title = titleWasAuto ? autoTitle(query, ctx.dataset) : previous.title;
  const shape = shapeOf(query, ctx.dataset);
  const wanted = state.chosenType;
  const type = wanted !== null && ctx.rules.fits(wanted, shape) ? wanted : ctx.rules.suggest(shape);
  const options = type === previous.type ? previous.options : {};
  return { widget: { ...previous, title, query, type, options }, chosenType: wanted };
}

/** Optional keys left empty are removed, so the JSON and the URL stay short. */
function compact(query: QuerySpec): QuerySpec {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0 && key !== 'measures') continue;
    out[key] = value;
  }
  return out as unknown as QuerySpec;
}

function move<T>(items: readonly T[], index: number, delta: number): readonly T[] {
  const target = index + delta;
  if (index < 0 || target < 0 || target >= items.length) return items;
  const copy = [...items];
  [copy[index], copy[target]] = [copy[target] as T, copy[index] as T];
  return copy;
}

function fieldType(ctx: BuilderContext, field: string): string {
  return ctx.dataset?.dimensions.find((d) => d.id === field)?.type ?? 'text';
}

function updateFilter(
  state: BuilderState,
  ctx: BuilderContext,
  index: number,
  update: (f: FilterSpec) => FilterSpec,
): BuilderState {
  const filters = state.widget.query?.filters ?? [];
  if (!filters[index]) return state;
  return withQuery(state, ctx, { filters: filters.map((f, i) => (i === index ? update(f) : f)) });
}

export function reduceBuilder(state: BuilderState, action: BuilderAction, ctx: BuilderContext): BuilderState {
  const query = state.widget.query;
  switch (action.kind) {
    case 'dataset': {
      const first = action.dataset.measures[0];
      const next: QuerySpec = {
        dataset: action.dataset.id,
        measures: first ? [first.id] : [],
        dimensions: [],
        totals: true,
      };
      const title = state.widget.title === autoTitle(query, ctx.dataset) ? '' : state.widget.title;
      const fresh = { ...state, widget: { ...state.widget, query: null, title } };
      return settle(fresh, { ...ctx, dataset: action.dataset }, next);
    }
    case 'toggle-measure': {
      if (!query) return state;
      const has = query.measures.includes(action.id);
      return withQuery(state, ctx, {
        measures: has ? query.measures.filter((m) => m !== action.id) : [...query.measures, action.id],
      });
    }
    case 'add-dimension': {
      const dims = query?.dimensions ?? [];
      if (dims.includes(action.id)) return state;
      return withQuery(state, ctx, { dimensions: [...dims, action.id] });
    }
    case 'remove-dimension':
      return withQuery(state, ctx, { dimensions: (query?.dimensions ?? []).filter((d) => d !== action.id) });
    case 'move-dimension': {
      const dims = query?.dimensions ?? [];
      return withQuery(state, ctx, { dimensions: move(dims, dims.indexOf(action.id), action.delta) });
    }
    case 'add-filter': {
      const op = defaultOperator(fieldType(ctx, action.field));
      return withQuery(state, ctx, {
        filters: [...(query?.filters ?? []), { field: action.field, op, values: [] }],
      });
    }
    case 'filter-op':
      return updateFilter(state, ctx, action.index, (f) => {
        const type = fieldType(ctx, f.field);
        const values = adaptValues(
          f.values ?? [],
          valueEditorFor(f.op, type),
          valueEditorFor(action.op, type),
        );
        return { field: f.field, op: action.op, values };
      });
    case 'filter-values':
      return updateFilter(state, ctx, action.index, (f) => ({ ...f, values: action.values }));
    case 'remove-filter':
      return withQuery(state, ctx, { filters: (query?.filters ?? []).filter((_, i) => i !== action.index) });
    case 'sort':
      return withQuery(state, ctx, { sort: action.sort ? [action.sort] : undefined });
    case 'limit':
      return withQuery(state, ctx, { limit: action.limit ?? undefined });
    case 'totals':
      return withQuery(state, ctx, { totals: action.totals });
    case 'type': {
      if (action.type === state.widget.type) return { ...state, chosenType: action.type };
      return { widget: { ...state.widget, type: action.type, options: {} }, chosenType: action.type };
    }
    case 'option': {
      const options: Record<string, unknown> = { ...state.widget.options };
      if (action.value === undefined) delete options[action.key];
      else options[action.key] = action.value;
      return { ...state, widget: { ...state.widget, options } };
    }
    case 'title':
      return { ...state, widget: { ...state.widget, title: action.title } };
    case 'replace':
      // A definition written by hand (JSON, link) is taken as the user's choice of type.
      return { widget: action.widget, chosenType: action.widget.type };
  }
}
