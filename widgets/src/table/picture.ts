/** The table in a picture: the page on screen (columns shown, French cells, totals), drawn as a grid. */
import { type Grid, layoutGrid } from '../picture/grid.ts';
import { PICTURE_MAX_ROWS, rowsNote } from '../picture/rows.ts';
import type { PictureVisual } from '../picture/types.ts';
import type { TableView } from './model.ts';

export function tablePicture(view: TableView): PictureVisual {
  const align = view.columns.map((c) => (c.numeric ? ('right' as const) : ('left' as const)));
  const rows = view.rows.slice(0, PICTURE_MAX_ROWS);
  const grid: Grid = {
    columns: view.columns.length,
    rows: [
      { kind: 'header', cells: view.columns.map((c, i) => ({ text: c.label, align: align[i] ?? 'left' })) },
      ...rows.map((row) => ({
        kind: 'body' as const,
        cells: row.cells.map((cell, i) => ({
          text: cell.text,
          ...(cell.secondary ? { secondary: cell.secondary } : {}),
          align: align[i] ?? 'left',
        })),
      })),
      ...(view.totals
        ? [
            {
              kind: 'total' as const,
              cells: view.totals.map((cell, i) => ({ text: cell.text, align: align[i] ?? 'left' })),
            },
          ]
        : []),
    ],
  };
  return {
    legend: null,
    notes: [...rowsNote(rows.length, view.rows.length), view.page.text],
    layout: (width, measure) => layoutGrid(grid, width, measure),
  };
}
