import { describe, expect, it } from 'vitest';
import { type CrossSelection, scopedQuery } from '../react/scope.ts';
import type { QuerySpec } from '../spec/types.ts';
import { fixtureCatalogue } from '../testing/fixture.ts';
import { shapeQuery } from '../widget/registry.ts';
import type { WidgetDefinition } from '../widget/types.ts';
import { assertSpecWithinWidget, GRANT_DEFAULT_LIMIT, GrantScopeError, grantLimit } from './withinWidget.ts';

const dataset = fixtureCatalogue.get('dotations_investissement');
if (!dataset) throw new Error('fixture dataset missing');
const catalogue = [...fixtureCatalogue.values()];

const widget = (type: WidgetDefinition['type'], query: QuerySpec, options = {}): WidgetDefinition => ({
  id: `w-${type}`,
  type,
  title: `Widget ${type}`,
  query,
  options,
});

const bar = widget('bar', {
  dataset: 'dotations_investissement',
  measures: ['montant_ae', 'montant_cp'],
  dimensions: ['type_beneficiaire'],
  filters: [{ field: 'annee', op: 'in', values: [2023, 2024] }],
});
const map = widget('map', {
  dataset: 'dotations_investissement',
  measures: ['montant_ae'],
  dimensions: ['region'],
});
const table = widget('table', {
  dataset: 'dotations_investissement',
  measures: ['montant_ae'],
  dimensions: ['beneficiaire', 'departement'],
});

/** The refusal, for assertions on its path and reason. */
function refusal(spec: QuerySpec, target: WidgetDefinition): GrantScopeError {
  try {
    assertSpecWithinWidget(spec, target, dataset as NonNullable<typeof dataset>);
  } catch (error) {
    if (error instanceof GrantScopeError) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(spec)}`);
}

const accept = (spec: QuerySpec, target: WidgetDefinition) =>
  expect(() => assertSpecWithinWidget(spec, target, dataset as NonNullable<typeof dataset>)).not.toThrow();

describe('assertSpecWithinWidget', () => {
  it('accepts the widget query itself and what its page sends (shaped, filtered, cross-filtered)', () => {
    accept(bar.query as QuerySpec, bar);
    const scoped = scopedQuery(bar, {
      filters: [
        { id: 'annee', kind: 'annee', value: [2024] },
        { id: 'territoire', kind: 'territoire', value: { level: 'region', code: '53', label: 'Bretagne' } },
      ],
      mapLevel: null,
      selections: [{ widgetId: 'other', field: 'departement', value: '35' }],
      catalogue,
    }).query as QuerySpec;
    expect(scoped.filters).toHaveLength(4);
    accept(shapeQuery(bar, scoped), bar);
  });

  it('accepts fewer measures and dimensions, extra filters, sorting and a table page', () => {
    accept({ ...(bar.query as QuerySpec), measures: ['montant_cp'], dimensions: [] }, bar);
    accept(
      {
        ...(bar.query as QuerySpec),
        filters: [
          ...(bar.query?.filters ?? []),
          { field: 'departement', op: 'in', values: ['35', '29'] },
          { field: 'beneficiaire', op: 'contains', values: ['rennes'] },
        ],
        sort: [{ field: 'montant_ae', dir: 'desc' }],
      },
      bar,
    );
    accept({ ...shapeQuery(table, table.query as QuerySpec), limit: 200, offset: 400 }, table);
  });

  it('accepts a drilled map at every finer level, never a coarser one', () => {
    for (const mapLevel of ['departement', 'epci', 'commune'] as const) {
      const drilled = scopedQuery(map, { filters: [], mapLevel, selections: [], catalogue }).query;
      expect(drilled?.dimensions).toEqual(['departement']);
      accept(drilled as QuerySpec, map);
    }
    const departementMap = widget('map', { ...(map.query as QuerySpec), dimensions: ['departement'] });
    const error = refusal({ ...(map.query as QuerySpec), dimensions: ['region'] }, departementMap);
    expect(error.path).toBe('/dimensions/0');
  });

  it('refuses the drill-down levels for a widget that is not a map', () => {
    const regions = widget('bar', { ...(map.query as QuerySpec) });
    expect(refusal({ ...(map.query as QuerySpec), dimensions: ['departement'] }, regions).path).toBe(
      '/dimensions/0',
    );
  });

  it('refuses another measure, naming it with its JSON path', () => {
    const error = refusal({ ...(bar.query as QuerySpec), measures: ['montant_ae', 'nb_beneficiaires'] }, bar);
    expect(error).toMatchObject({ code: 'GRANT_OUT_OF_RESOURCE', status: 403, path: '/measures/1' });
    expect(error.reason).toContain('« nb_beneficiaires »');
    expect(error.message).toMatch(/^Demande hors du partage/);
  });

  it('refuses another dimension', () => {
    const error = refusal(
      { ...(bar.query as QuerySpec), dimensions: ['type_beneficiaire', 'beneficiaire'] },
      bar,
    );
    expect(error.path).toBe('/dimensions/1');
    expect(error.reason).toContain('« beneficiaire »');
  });

  it('refuses a widget filter dropped, changed or widened', () => {
    const base = bar.query as QuerySpec;
    const variants: QuerySpec[] = [
      { ...base, filters: [] },
      { ...base, filters: undefined as unknown as [] },
      { ...base, filters: [{ field: 'annee', op: 'in', values: [2023, 2024, 2025] }] },
      { ...base, filters: [{ field: 'annee', op: 'in', values: [2023] }] },
      { ...base, filters: [{ field: 'annee', op: 'not_in', values: [2023, 2024] }] },
      { ...base, filters: [{ field: 'annee', op: 'in', values: ['2023', '2024'] }] },
      { ...base, filters: [{ field: 'annee', op: 'in' }] },
    ];
    for (const spec of variants) {
      const error = refusal(spec, bar);
      expect(error.path).toBe('/filters');
      expect(error.reason).toContain('annee in [2023,2024]');
    }
  });

  it('refuses another dataset, and a widget without a query', () => {
    expect(refusal({ ...(bar.query as QuerySpec), dataset: 'dotations_open' }, bar).path).toBe('/dataset');
    const text: WidgetDefinition = { id: 't', type: 'text', title: 'Texte', query: null, options: {} };
    expect(refusal(bar.query as QuerySpec, text).path).toBe('');
  });

  it('bounds the page: the widget limit, a table page, or the default', () => {
    expect(grantLimit(bar)).toBe(GRANT_DEFAULT_LIMIT);
    expect(grantLimit(table)).toBe(200);
    expect(grantLimit(widget('pivot', table.query as QuerySpec))).toBe(50_000);
    accept({ ...(bar.query as QuerySpec), limit: GRANT_DEFAULT_LIMIT }, bar);
    expect(refusal({ ...(bar.query as QuerySpec), limit: GRANT_DEFAULT_LIMIT + 1 }, bar).path).toBe('/limit');
    expect(refusal({ ...(table.query as QuerySpec), limit: 201 }, table).path).toBe('/limit');
  });

  it('ignores selections on other widgets the dataset cannot take (no filter added)', () => {
    const selection: CrossSelection = { widgetId: 'x', field: 'inconnu', value: 'a' };
    const scoped = scopedQuery(bar, { filters: [], mapLevel: null, selections: [selection], catalogue });
    accept(shapeQuery(bar, scoped.query as QuerySpec), bar);
  });
});
