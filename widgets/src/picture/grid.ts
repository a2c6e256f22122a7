/**
 * A table drawn on a picture (the table and pivot widgets): header rows (a cell may span
 * columns), body rows (groups bold and tinted, labels indented), a total row. Columns take the
 * width their texts need. A table wider than the picture is drawn in a smaller font; still too
 * wide, its columns are split into bands drawn one under the other, each repeating the row
 * labels (`keyColumns`) and never splitting a spanning header — numbers are never cut.
 */
import { DSFR_GREY } from '../react/palette.ts';
import { fitText } from './canvas.ts';
import type { LaidOutVisual, MeasureText, TextStyle } from './types.ts';

export interface GridCell {
  readonly text: string;
  /** Smaller, grey, after the text (a code beside its label). */
  readonly secondary?: string;
  readonly align?: 'left' | 'right';
  /** Columns covered (header cells). Default 1. */
  readonly span?: number;
  /** Left indent in levels (pivot row groups). */
  readonly indent?: number;
}

export interface GridRow {
  readonly kind: 'header' | 'body' | 'group' | 'total';
  readonly cells: readonly GridCell[];
}

export interface Grid {
  readonly columns: number;
  readonly rows: readonly GridRow[];
  /** Leading columns repeated in every band when the grid is split (row labels). Default 1. */
  readonly keyColumns?: number;
}

/** Font sizes tried for one band, then for bands; the last one cuts texts if it must. */
const ONE_BAND_SIZES = [13, 12, 11];
const BAND_SIZES = [12, 11, 10];
const SMALLEST = 9;
const BAND_GAP = 16;
const PAD = 8;
const INDENT = 16;
const BACKGROUNDS: Record<GridRow['kind'], string | null> = {
  header: '#eeeeee',
  body: null,
  group: '#f5f5fe',
  total: '#eeeeee',
};

const styleOf = (row: GridRow, size: number): TextStyle => ({
  size,
  bold: row.kind !== 'body',
});
const secondaryStyle = (size: number): TextStyle => ({ size: size - 2, colour: DSFR_GREY.mention });

function cellWidth(cell: GridCell, row: GridRow, size: number, measure: MeasureText): number {
  const secondary = cell.secondary ? 6 + measure(cell.secondary, secondaryStyle(size)) : 0;
  return measure(cell.text, styleOf(row, size)) + secondary + (cell.indent ?? 0) * INDENT + 2 * PAD;
}

/** Width each column needs at `size`: its widest single cell, then wide enough for spanning ones. */
function naturalWidths(grid: Grid, size: number, measure: MeasureText): number[] {
  const widths = new Array<number>(grid.columns).fill(2 * PAD);
  const spanning: { start: number; span: number; width: number }[] = [];
  for (const row of grid.rows) {
    let column = 0;
    for (const cell of row.cells) {
      const span = cell.span ?? 1;
      const width = cellWidth(cell, row, size, measure);
      if (span === 1) widths[column] = Math.max(widths[column] ?? 0, width);
      else spanning.push({ start: column, span, width });
      column += span;
    }
  }
  for (const { start, span, width } of spanning) {
    const covered = widths.slice(start, start + span).reduce((a, b) => a + b, 0);
    if (covered < width)
      for (let i = start; i < start + span; i++) widths[i] = (widths[i] ?? 0) + (width - covered) / span;
  }
  return widths;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Column groups after the key columns that no header cell spans across. */
function columnGroups(grid: Grid, key: number): number[][] {
  const joined = new Set<number>();
  for (const row of grid.rows) {
    let column = 0;
    for (const cell of row.cells) {
      const span = cell.span ?? 1;
      for (let c = column + 1; c < column + span; c++) joined.add(c);
      column += span;
    }
  }
  const groups: number[][] = [];
  for (let c = key; c < grid.columns; c++) {
    const last = groups.at(-1);
    if (last && joined.has(c)) last.push(c);
    else groups.push([c]);
  }
  return groups;
}

/** Groups packed into bands of at most `room` wide, in order. */
function pack(groups: readonly number[][], widths: readonly number[], room: number): number[][] {
  const bands: number[][] = [];
  let used = 0;
  for (const group of groups) {
    const width = sum(group.map((c) => widths[c] ?? 0));
    const band = bands.at(-1);
    if (band && used + width <= room) {
      band.push(...group);
      used += width;
    } else {
      bands.push([...group]);
      used = width;
    }
  }
  return bands;
}

/** The rows restricted to `columns` (cells starting in them). */
function sliceRows(grid: Grid, columns: ReadonlySet<number>): GridRow[] {
  return grid.rows.map((row) => {
    let column = 0;
    const cells: GridCell[] = [];
    for (const cell of row.cells) {
      if (columns.has(column)) cells.push(cell);
      column += cell.span ?? 1;
    }
    return { kind: row.kind, cells };
  });
}

export interface GridBand {
  readonly rows: readonly GridRow[];
  /** Width of each of the band's columns (CSS pixels). */
  readonly widths: readonly number[];
}

/** Where the grid's cells go in `width`: the font size and the bands (one when it fits). */
export function planGrid(
  grid: Grid,
  width: number,
  measure: MeasureText,
): { readonly size: number; readonly bands: readonly GridBand[] } {
  const key = Math.min(grid.keyColumns ?? 1, grid.columns);
  let size = SMALLEST;
  let bands: GridBand[] | null = null;
  for (const candidate of ONE_BAND_SIZES) {
    const widths = naturalWidths(grid, candidate, measure);
    if (sum(widths) <= width) {
      // Narrower than the picture: spread across it.
      const total = sum(widths);
      bands = [{ rows: grid.rows, widths: widths.map((w) => (w * width) / total) }];
      size = candidate;
      break;
    }
  }
  const groups = columnGroups(grid, key);
  const split = (candidate: number, cut: boolean): GridBand[] | null => {
    const widths = naturalWidths(grid, candidate, measure);
    const keyWidth = sum(widths.slice(0, key));
    const room = width - keyWidth;
    if (!cut && (room <= 0 || groups.some((g) => sum(g.map((c) => widths[c] ?? 0)) > room))) return null;
    return pack(groups, widths, Math.max(room, 1)).map((band) => {
      const columns = [...Array.from({ length: key }, (_, i) => i), ...band];
      const natural = columns.map((c) => widths[c] ?? 0);
      // Only at the smallest size may a band still be too wide: narrowed, its texts cut.
      const scale = Math.min(1, width / sum(natural));
      return { rows: sliceRows(grid, new Set(columns)), widths: natural.map((w) => w * scale) };
    });
  };
  for (const candidate of BAND_SIZES) {
    if (bands) break;
    bands = split(candidate, false);
    size = candidate;
  }
  if (!bands) {
    size = SMALLEST;
    bands = split(SMALLEST, true) ?? [];
  }
  return { size, bands };
}

/** The grid laid out in `width` (see `planGrid`), bands one under the other. */
export function layoutGrid(grid: Grid, width: number, measure: MeasureText): LaidOutVisual {
  const { size, bands: laid } = planGrid(grid, width, measure);
  const rowHeight = Math.round(size * 1.9);
  const height = sum(laid.map((band) => band.rows.length * rowHeight)) + (laid.length - 1) * BAND_GAP;
  return {
    height,
    draw(canvas, x, y) {
      let top = y;
      for (const band of laid) {
        drawBand(canvas, band, size, rowHeight, x, top);
        top += band.rows.length * rowHeight + BAND_GAP;
      }
    },
  };
}

function drawBand(
  canvas: Parameters<LaidOutVisual['draw']>[0],
  band: GridBand,
  size: number,
  rowHeight: number,
  x: number,
  y: number,
): void {
  const context = canvas.context;
  const width = sum(band.widths);
  band.rows.forEach((row, r) => {
    const top = y + r * rowHeight;
    const background = BACKGROUNDS[row.kind];
    if (background) {
      context.fillStyle = background;
      context.fillRect(x, top, width, rowHeight);
    }
    context.fillStyle = DSFR_GREY.rule;
    context.fillRect(x, top + rowHeight - 1, width, 1);
    const baseline = top + rowHeight / 2 + size * 0.36;
    let column = 0;
    let left = x;
    for (const cell of row.cells) {
      const span = cell.span ?? 1;
      const cellSpan = sum(band.widths.slice(column, column + span));
      drawCell(canvas, cell, row, size, left, baseline, cellSpan);
      left += cellSpan;
      column += span;
    }
  });
}

function drawCell(
  canvas: Parameters<LaidOutVisual['draw']>[0],
  cell: GridCell,
  row: GridRow,
  size: number,
  left: number,
  baseline: number,
  width: number,
): void {
  const style = styleOf(row, size);
  const indent = (cell.indent ?? 0) * INDENT;
  const room = width - 2 * PAD - indent;
  const text = fitText(cell.text, room, style, canvas.measure);
  if (cell.align === 'right') {
    canvas.text(text, left + width - PAD, baseline, { ...style, align: 'right' });
    return;
  }
  canvas.text(text, left + PAD + indent, baseline, style);
  const rest = room - canvas.measure(text, style) - 6;
  if (cell.secondary && rest >= Math.min(24, canvas.measure(cell.secondary, secondaryStyle(size)))) {
    const secondary = secondaryStyle(size);
    canvas.text(
      fitText(cell.secondary, rest, secondary, canvas.measure),
      left + PAD + indent + canvas.measure(text, style) + 6,
      baseline,
      secondary,
    );
  }
}
