/**
 * The document the editor changes (title, description, definition) and its edits, pure so
 * undo/redo can hold whole documents and the tests can check each edit.
 */
import type { DashboardDefinition } from '@dataetat/widgets';
import type { WidgetDefinition } from '@dataetat/widgets/react';
import { defaultSize } from './gridMetrics.ts';
import { compact, type GridItem, placeNewItem } from './layoutMoves.ts';

export interface EditorDocument {
  readonly title: string;
  readonly description: string;
  readonly definition: DashboardDefinition;
}

/** A new widget id, URL-safe (ids appear in cross-filter links), unique in the dashboard. */
export function newWidgetId(definition: DashboardDefinition, random: () => number = Math.random): string {
  for (;;) {
    const id = `w${Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0')}`;
    if (!definition.widgets.some((w) => w.id === id)) return id;
  }
}

const withDefinition = (doc: EditorDocument, patch: Partial<DashboardDefinition>): EditorDocument => ({
  ...doc,
  definition: { ...doc.definition, ...patch },
});

export function renameDashboard(doc: EditorDocument, title: string): EditorDocument {
  return { ...withDefinition(doc, { title }), title };
}

export function describeDashboard(doc: EditorDocument, description: string): EditorDocument {
  return { ...withDefinition(doc, { description }), description };
}

/** Adds a widget in the first free spot of its default size. */
export function addWidget(doc: EditorDocument, widget: WidgetDefinition): EditorDocument {
  const { w, h } = defaultSize(widget.type);
  const item = placeNewItem(doc.definition.layout, widget.id, w, h);
  return withDefinition(doc, {
    widgets: [...doc.definition.widgets, widget],
    layout: [...doc.definition.layout, item],
  });
}

export function updateWidget(doc: EditorDocument, widget: WidgetDefinition): EditorDocument {
  return withDefinition(doc, {
    widgets: doc.definition.widgets.map((w) => (w.id === widget.id ? widget : w)),
  });
}

/** A copy of a widget, same size, placed in the first free spot. */
export function duplicateWidget(doc: EditorDocument, id: string, newId: string): EditorDocument {
  const widget = doc.definition.widgets.find((w) => w.id === id);
  const item = doc.definition.layout.find((it) => it.i === id);
  if (!widget || !item) return doc;
  const copy: WidgetDefinition = { ...widget, id: newId, title: `${widget.title} (copie)` };
  const placed = placeNewItem(doc.definition.layout, newId, item.w, item.h);
  return withDefinition(doc, {
    widgets: [...doc.definition.widgets, copy],
    layout: [...doc.definition.layout, placed],
  });
}

export function removeWidget(doc: EditorDocument, id: string): EditorDocument {
  return withDefinition(doc, {
    widgets: doc.definition.widgets.filter((w) => w.id !== id),
    layout: compact(doc.definition.layout.filter((it) => it.i !== id)),
  });
}

const sameItem = (a: GridItem, b: GridItem | undefined) =>
  !!b && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

/** A new layout from the grid (mouse) or the keyboard; unchanged positions keep the document. */
export function setLayout(doc: EditorDocument, layout: readonly GridItem[]): EditorDocument {
  const current = doc.definition.layout;
  const next = current.map((item) => {
    const moved = layout.find((it) => it.i === item.i);
    return moved ? { i: item.i, x: moved.x, y: moved.y, w: moved.w, h: moved.h } : item;
  });
  if (next.every((item, i) => sameItem(item, current[i]))) return doc;
  return withDefinition(doc, { layout: next });
}
