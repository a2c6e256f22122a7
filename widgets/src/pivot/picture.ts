/**
 * The pivot in a picture: its header (column values over measures), the rows as unfolded on
 * screen (groups bold, levels indented), the total row and the grand total, as a grid that
 * holds in the picture's width.
 */
import { formatValue } from '../format/index.ts';
import { type Grid, type GridCell, type GridRow, layoutGrid } from '../picture/grid.ts';
import { PICTURE_MAX_ROWS, rowsNote } from '../picture/rows.ts';
import type { PictureVisual } from '../picture/types.ts';
import { type MeasureValues, type PivotModel, ROW_TOTAL_KEY, type VisibleRow } from './model.ts';

function values(model: PivotModel, cells: ReadonlyMap<string, MeasureValues> | null): GridCell[] {
  return model.columns.flatMap((column) =>
    model.measures.map((measure, m) => ({
      text: formatValue(cells?.get(column.key)?.[m] ?? null, measure.format),
      align: 'right' as const,
    })),
  );
}

export function pivotPicture(model: PivotModel, visible: readonly VisibleRow[]): PictureVisual {
  const hasColumnDims = model.columnDimensions.length > 0;
  const corner = model.rowDimensions.map((d) => d.label).join(' › ');
  const header: GridRow[] = hasColumnDims
    ? [
        {
          kind: 'header',
          cells: [
            { text: corner },
            ...model.columns.map((column) => ({
              text: column.labels.join(' · '),
              span: model.measures.length,
              align: 'right' as const,
            })),
          ],
        },
        {
          kind: 'header',
          cells: [
            { text: model.measures.length === 1 ? (model.measures[0]?.label ?? '') : '' },
            ...model.columns.flatMap(() =>
              model.measures.map((m) => ({ text: m.label, align: 'right' as const })),
            ),
          ],
        },
      ]
    : [
        {
          kind: 'header',
          cells: [
            { text: corner },
            ...model.measures.map((m) => ({ text: m.label, align: 'right' as const })),
          ],
        },
      ];
  const shown = visible.slice(0, PICTURE_MAX_ROWS);
  const body: GridRow[] = shown.map(({ node, expandable }) => ({
    kind: expandable ? 'group' : 'body',
    cells: [
      { text: node.label, ...(node.secondary ? { secondary: node.secondary } : {}), indent: node.depth - 1 },
      ...values(model, node.cells),
    ],
  }));
  const grid: Grid = {
    columns: 1 + model.columns.length * model.measures.length,
    rows: [
      ...header,
      ...body,
      ...(model.totals
        ? [{ kind: 'total' as const, cells: [{ text: 'Total' }, ...values(model, model.totals)] }]
        : []),
    ],
  };
  // Said apart only when no « Total » column already ends the total row with it.
  const grandTotal =
    hasColumnDims && model.grandTotal && !model.totals?.has(ROW_TOTAL_KEY)
      ? [
          `Total général : ${model.measures
            .map((m, i) => `${m.label} ${formatValue(model.grandTotal?.[i] ?? null, m.format)}`)
            .join(' ; ')}`,
        ]
      : [];
  return {
    legend: null,
    notes: [
      ...grandTotal,
      ...rowsNote(shown.length, visible.length),
      ...(model.truncated ? ['Tableau incomplet : trop de cellules pour un seul affichage.'] : []),
    ],
    layout: (width, measure) => layoutGrid(grid, width, measure),
  };
}
