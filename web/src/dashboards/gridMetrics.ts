/** Grid metrics shared by the viewer (CSS grid) and the editor (react-grid-layout). */
import type { WidgetType } from '@dataetat/widgets/react';

export const ROW_HEIGHT = 60;
export const GRID_GAP = 16;

/** Height in pixels of a widget spanning `rows` grid rows. */
export const cellHeight = (rows: number) => rows * ROW_HEIGHT + (rows - 1) * GRID_GAP;

/**
 * Height left to the visual once the frame's title, padding and provenance are drawn; maps
 * also show their « Territoire affiché » picker.
 */
export function visualHeight(type: WidgetType, rows: number): number {
  const chrome = 150 + (type === 'map' ? 80 : 0);
  return Math.max(type === 'kpi' ? 80 : 180, cellHeight(rows) - chrome);
}

/** Default size of a new widget of this type, in columns × rows. */
export function defaultSize(type: WidgetType): { w: number; h: number } {
  switch (type) {
    case 'kpi':
      return { w: 4, h: 4 };
    case 'text':
      return { w: 4, h: 4 };
    case 'map':
    case 'table':
    case 'pivot':
      return { w: 6, h: 9 };
    default:
      return { w: 6, h: 7 };
  }
}
