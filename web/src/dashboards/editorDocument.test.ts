import { describe, expect, it } from 'vitest';
import { emptyDefinition } from '../api/dashboards.ts';
import {
  addWidget,
  duplicateWidget,
  type EditorDocument,
  newWidgetId,
  removeWidget,
  renameDashboard,
  setLayout,
} from './editorDocument.ts';

const start: EditorDocument = { title: 'Essai', description: '', definition: emptyDefinition('Essai') };
const kpi = {
  id: 'k1',
  type: 'kpi' as const,
  title: 'Total',
  query: { dataset: 'd', measures: ['m'] },
  options: {},
};
const bar = {
  id: 'b1',
  type: 'bar' as const,
  title: 'Barres',
  query: { dataset: 'd', measures: ['m'], dimensions: ['x'] },
  options: {},
};

describe('editor document', () => {
  it('adds widgets side by side in the first free spots', () => {
    const doc = addWidget(addWidget(start, kpi), bar);
    expect(doc.definition.layout).toEqual([
      { i: 'k1', x: 0, y: 0, w: 4, h: 4 },
      { i: 'b1', x: 4, y: 0, w: 6, h: 7 },
    ]);
  });

  it('duplicates a widget with a new id and the same size, and removes one compacting the rest', () => {
    let doc = addWidget(addWidget(start, bar), kpi);
    doc = duplicateWidget(doc, 'b1', 'b2');
    expect(doc.definition.widgets.map((w) => [w.id, w.title])).toEqual([
      ['b1', 'Barres'],
      ['k1', 'Total'],
      ['b2', 'Barres (copie)'],
    ]);
    expect(doc.definition.layout.find((it) => it.i === 'b2')).toEqual({ i: 'b2', x: 6, y: 4, w: 6, h: 7 });
    doc = removeWidget(doc, 'b1');
    expect(doc.definition.widgets.map((w) => w.id)).toEqual(['k1', 'b2']);
    // The kpi still holds columns 6–8 of the first rows: the copy stays under it.
    expect(doc.definition.layout.find((it) => it.i === 'b2')).toMatchObject({ x: 6, y: 4 });
  });

  it('keeps the same document when the grid reports the same positions (no empty undo step)', () => {
    const doc = addWidget(start, kpi);
    expect(setLayout(doc, [{ i: 'k1', x: 0, y: 0, w: 4, h: 4 }])).toBe(doc);
    expect(setLayout(doc, [{ i: 'k1', x: 2, y: 0, w: 4, h: 4 }]).definition.layout[0]?.x).toBe(2);
  });

  it('renames the dashboard and its definition together', () => {
    const doc = renameDashboard(start, 'Fonds vert');
    expect([doc.title, doc.definition.title]).toEqual(['Fonds vert', 'Fonds vert']);
  });

  it('makes URL-safe ids that are not taken', () => {
    const values = [0, 0, 0.5];
    const doc = addWidget(start, { ...kpi, id: 'w000000' });
    const id = newWidgetId(doc.definition, () => values.shift() ?? 0.7);
    expect(id).toMatch(/^w[0-9a-z]{6}$/);
    expect(id).not.toBe('w000000');
  });
});
