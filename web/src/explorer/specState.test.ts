import { describe, expect, it } from 'vitest';
import { type BuilderAction, type BuilderState, emptyWidget, reduceBuilder, shapeOf } from './specState.ts';
import { dotations, testRules } from './testData.ts';
import { registryRules } from './widgetTypes.ts';

const ctx = { dataset: dotations, rules: testRules };
const start: BuilderState = { widget: emptyWidget(), chosenType: null };

function run(...actions: BuilderAction[]): BuilderState {
  return actions.reduce((state, action) => reduceBuilder(state, action, ctx), start);
}

describe('building a widget step by step', () => {
  it('starts a dataset with its first measure, a KPI and an automatic title', () => {
    const { widget } = run({ kind: 'dataset', dataset: dotations });
    expect(widget.query).toEqual({
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      totals: true,
    });
    expect(widget.type).toBe('kpi');
    expect(widget.title).toBe('Montant accordé');
  });

  it('suggests a map for a geo dimension, then follows the shape while the user has not chosen', () => {
    let state = run({ kind: 'dataset', dataset: dotations }, { kind: 'add-dimension', id: 'departement' });
    expect(state.widget.type).toBe('map');
    expect(state.widget.title).toBe('Montant accordé par département');
    state = reduceBuilder(state, { kind: 'remove-dimension', id: 'departement' }, ctx);
    state = reduceBuilder(state, { kind: 'add-dimension', id: 'annee' }, ctx);
    expect(state.widget.type).toBe('line');
    state = reduceBuilder(state, { kind: 'remove-dimension', id: 'annee' }, ctx);
    state = reduceBuilder(state, { kind: 'add-dimension', id: 'dotation' }, ctx);
    expect(state.widget.type).toBe('bar');
  });

  it('shows the type the user chose whenever it fits, the suggestion otherwise', () => {
    let state = run(
      { kind: 'dataset', dataset: dotations },
      { kind: 'add-dimension', id: 'departement' },
      { kind: 'type', type: 'bar' },
      { kind: 'option', key: 'horizontal', value: true },
    );
    expect(state.widget.type).toBe('bar');
    state = reduceBuilder(state, { kind: 'add-dimension', id: 'annee' }, ctx);
    expect(state.widget.type).toBe('bar');
    expect(state.widget.options).toEqual({ horizontal: true });
    // Bar does not fit a KPI shape: back to the suggestion, options of the old type dropped.
    state = reduceBuilder(state, { kind: 'remove-dimension', id: 'annee' }, ctx);
    state = reduceBuilder(state, { kind: 'remove-dimension', id: 'departement' }, ctx);
    expect(state.widget.type).toBe('kpi');
    expect(state.widget.options).toEqual({});
    // The choice is kept: bars again as soon as they fit.
    expect(state.chosenType).toBe('bar');
    state = reduceBuilder(state, { kind: 'add-dimension', id: 'annee' }, ctx);
    expect(state.widget.type).toBe('bar');
  });

  it('applies a type picked before any data (the dashboard palette) once the query can show it', () => {
    // The widgets registry's rules: the test rules know no flows.
    const registry = { dataset: dotations, rules: registryRules };
    const picked: BuilderState = { widget: { ...emptyWidget(), type: 'sankey' }, chosenType: 'sankey' };
    let state = reduceBuilder(picked, { kind: 'dataset', dataset: dotations }, registry);
    expect(state.widget.type).toBe('kpi');
    state = reduceBuilder(state, { kind: 'add-dimension', id: 'region' }, registry);
    expect(state.widget.type).toBe('map');
    state = reduceBuilder(state, { kind: 'add-dimension', id: 'dotation' }, registry);
    expect(state.widget.type).toBe('sankey');
    // Another pick replaces it.
    state = reduceBuilder(state, { kind: 'type', type: 'table' }, registry);
    state = reduceBuilder(state, { kind: 'remove-dimension', id: 'region' }, registry);
    expect(state.widget.type).toBe('table');
  });

  it('reorders dimensions with ↑/↓ and ignores moves past the ends', () => {
    let state = run(
      { kind: 'dataset', dataset: dotations },
      { kind: 'add-dimension', id: 'departement' },
      { kind: 'add-dimension', id: 'annee' },
      { kind: 'add-dimension', id: 'dotation' },
    );
    state = reduceBuilder(state, { kind: 'move-dimension', id: 'dotation', delta: -1 }, ctx);
    expect(state.widget.query?.dimensions).toEqual(['departement', 'dotation', 'annee']);
    state = reduceBuilder(state, { kind: 'move-dimension', id: 'departement', delta: -1 }, ctx);
    expect(state.widget.query?.dimensions).toEqual(['departement', 'dotation', 'annee']);
    expect(state.widget.title).toBe('Montant accordé par département, dotation et année');
  });

  it('adds a filter with the field type’s default operator, edits and removes it', () => {
    let state = run({ kind: 'dataset', dataset: dotations }, { kind: 'add-filter', field: 'dotation' });
    expect(state.widget.query?.filters).toEqual([{ field: 'dotation', op: 'in', values: [] }]);
    state = reduceBuilder(state, { kind: 'filter-values', index: 0, values: ['DETR', 'DSIL'] }, ctx);
    state = reduceBuilder(state, { kind: 'filter-op', index: 0, op: 'eq' }, ctx);
    expect(state.widget.query?.filters).toEqual([{ field: 'dotation', op: 'eq', values: ['DETR'] }]);
    state = reduceBuilder(state, { kind: 'add-filter', field: 'annee' }, ctx);
    expect(state.widget.query?.filters?.[1]).toEqual({ field: 'annee', op: 'between', values: [] });
    state = reduceBuilder(state, { kind: 'remove-filter', index: 0 }, ctx);
    expect(state.widget.query?.filters).toEqual([{ field: 'annee', op: 'between', values: [] }]);
    state = reduceBuilder(state, { kind: 'remove-filter', index: 0 }, ctx);
    expect(state.widget.query).not.toHaveProperty('filters');
  });

  it('drops the sort when its field leaves the query', () => {
    let state = run(
      { kind: 'dataset', dataset: dotations },
      { kind: 'toggle-measure', id: 'nb_projets' },
      { kind: 'add-dimension', id: 'dotation' },
      { kind: 'sort', sort: { field: 'nb_projets', dir: 'desc' } },
    );
    expect(state.widget.query?.sort).toEqual([{ field: 'nb_projets', dir: 'desc' }]);
    state = reduceBuilder(state, { kind: 'toggle-measure', id: 'nb_projets' }, ctx);
    expect(state.widget.query).not.toHaveProperty('sort');
    expect(state.widget.query?.measures).toEqual(['montant_subvention']);
  });

  it('keeps a title the user wrote, even across a dataset change', () => {
    let state = run(
      { kind: 'dataset', dataset: dotations },
      { kind: 'title', title: 'Mes dotations' },
      { kind: 'add-dimension', id: 'dotation' },
    );
    expect(state.widget.title).toBe('Mes dotations');
    state = reduceBuilder(state, { kind: 'dataset', dataset: dotations }, ctx);
    expect(state.widget.title).toBe('Mes dotations');
  });

  it('sets the limit and totals, and clears the limit', () => {
    let state = run(
      { kind: 'dataset', dataset: dotations },
      { kind: 'limit', limit: 20 },
      { kind: 'totals', totals: false },
    );
    expect(state.widget.query).toMatchObject({ limit: 20, totals: false });
    state = reduceBuilder(state, { kind: 'limit', limit: null }, ctx);
    expect(state.widget.query).not.toHaveProperty('limit');
  });

  it('describes the shape with dimension types and levels', () => {
    const shape = shapeOf(
      { dataset: 'd', measures: ['a', 'b'], dimensions: ['departement', 'annee'] },
      dotations,
    );
    expect(shape).toEqual({
      measures: 2,
      dimensions: [
        { id: 'departement', type: 'geo', level: 'departement' },
        { id: 'annee', type: 'year' },
      ],
    });
  });

  it('takes a hand-written definition as the user’s choice', () => {
    const widget = { ...emptyWidget(), type: 'bar' as const, query: { dataset: 'x', measures: ['m'] } };
    expect(reduceBuilder(start, { kind: 'replace', widget }, ctx)).toEqual({ widget, chosenType: 'bar' });
  });
});
