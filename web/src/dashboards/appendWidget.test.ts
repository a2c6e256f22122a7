import type { DashboardDefinition } from '@dataetat/widgets';
import { WIDGET_TYPE_INFO, WIDGET_TYPES, type WidgetDefinition } from '@dataetat/widgets/react';
import { describe, expect, it } from 'vitest';
import { emptyDefinition } from '../api/dashboards.ts';
import { appendWidget } from './appendWidget.ts';

const built: WidgetDefinition = {
  id: 'explorateur',
  type: 'bar',
  title: 'Montant accordé par département',
  query: {
    dataset: 'dotations_investissement',
    measures: ['montant_sub'],
    dimensions: ['departement'],
    filters: [{ field: 'dotation', op: 'in', values: ['DETR'] }],
    sort: [{ field: 'montant_sub', dir: 'desc' }],
    limit: 20,
  },
  options: { orientation: 'horizontal', stacked: false },
};

/** Two widgets side by side, the right one taller: the bottom is the taller one's. */
const arranged: DashboardDefinition = {
  ...emptyDefinition('Fonds vert'),
  widgets: [
    { ...built, id: 'k1', type: 'kpi', title: 'Total' },
    { ...built, id: 'b1', title: 'Par département' },
  ],
  layout: [
    { i: 'k1', x: 0, y: 0, w: 4, h: 4 },
    { i: 'b1', x: 4, y: 0, w: 8, h: 9 },
  ],
};

describe('appendWidget', () => {
  it('places the first widget of an empty dashboard at the top, in its default size', () => {
    const { definition, id, cell } = appendWidget(emptyDefinition('Vide'), built, () => 0.5);
    expect(cell).toEqual({ i: id, x: 0, y: 0, w: 6, h: 7 });
    expect(definition.layout).toEqual([cell]);
  });

  it('puts the widget under everything, leaving the existing cells and widgets untouched', () => {
    const { definition, cell } = appendWidget(arranged, built, () => 0.5);
    expect(cell).toMatchObject({ x: 0, y: 9, w: 6, h: 7 });
    expect(definition.layout.slice(0, 2)).toEqual(arranged.layout);
    expect(definition.widgets.slice(0, 2)).toEqual(arranged.widgets);
    // The rest of the definition (title, filters) is the dashboard's own.
    expect({ ...definition, widgets: [], layout: [] }).toEqual({ ...arranged, widgets: [], layout: [] });
  });

  it('keeps the definition as built: type, title, query and options; only the id changes', () => {
    const { definition, id } = appendWidget(arranged, built, () => 0.5);
    const added = definition.widgets.at(-1);
    expect(added).toEqual({ ...built, id });
    expect(id).toMatch(/^w[0-9a-z]{6}$/);
    expect(arranged.widgets).toHaveLength(2);
  });

  it('never reuses an id the dashboard already has', () => {
    const first = appendWidget(arranged, built, () => 0.5);
    const values = [0.5, 0.25];
    const second = appendWidget(first.definition, built, () => values.shift() ?? 0.75);
    expect(second.id).not.toBe(first.id);
    expect(new Set(second.definition.widgets.map((w) => w.id)).size).toBe(4);
  });

  it('gives every type at least its minSize', () => {
    for (const type of WIDGET_TYPES) {
      const { cell } = appendWidget(arranged, { ...built, type }, () => 0.5);
      const min = WIDGET_TYPE_INFO[type].minSize;
      expect(cell.w, type).toBeGreaterThanOrEqual(min.w);
      expect(cell.h, type).toBeGreaterThanOrEqual(min.h);
      expect(cell.x + cell.w, type).toBeLessThanOrEqual(12);
    }
  });
});
