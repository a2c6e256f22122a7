/**
 * The pivot on paper: every row unfolded on screen is printed (up to a bound), and the table's
 * width in ems is estimated so the print style sheet sizes its font to the page
 * (`--pivot-print-ems`, read by web/src/dashboards/view.css): no column is cut.
 */
import { formatValue } from '../format/index.ts';
import type { PivotModel, VisibleRow } from './model.ts';

/** Rows printed at most: past that, a printed note says where the rest is. */
export const PIVOT_PRINT_MAX_ROWS = 500;

/** Average advance of a character in ems (Marianne's figures; grouping spaces are narrower). */
const CHAR_EM = 0.55;
/** Horizontal padding of a printed cell, both sides, in ems. */
const CELL_PADDING_EM = 1;
/** A row label longer than this wraps on paper. */
const LABEL_CHARS = 28;

const longestWord = (text: string) => Math.max(0, ...text.split(/\s+/).map((word) => word.length));

/** The printed table's width in ems: its row labels, then each column's widest figure or header word. */
export function pivotPrintEms(model: PivotModel, rows: readonly VisibleRow[]): number {
  const labels = rows.slice(0, PIVOT_PRINT_MAX_ROWS).map(({ node }) => {
    const chars =
      Math.min(node.label.length, LABEL_CHARS) + (node.secondary ? node.secondary.length * 0.8 + 1 : 0);
    // The group toggle's arrow and the level's indent (1.25 em each).
    return chars * CHAR_EM + node.depth * 1.25;
  });
  const corner = longestWord(model.rowDimensions.map((d) => d.label).join(' › ')) * CHAR_EM;
  const labelEms = Math.max(corner, ...labels) + CELL_PADDING_EM;
  const valueEms = model.measures.map((measure, m) => {
    const range = model.ranges[m];
    const figures = range
      ? Math.max(formatValue(range.min, measure.format).length, formatValue(range.max, measure.format).length)
      : 1;
    // Totals are larger than any cell: one more figure.
    return Math.max(figures + 1, longestWord(measure.label)) * CHAR_EM + CELL_PADDING_EM;
  });
  const columnEms = model.columns.map((column) => {
    const header = longestWord(column.labels.join(' · ')) * CHAR_EM + CELL_PADDING_EM;
    const values = valueEms.reduce((a, b) => a + b, 0);
    return Math.max(header, values);
  });
  return Math.round((labelEms + columnEms.reduce((a, b) => a + b, 0)) * 10) / 10;
}
