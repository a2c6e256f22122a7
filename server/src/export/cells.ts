/**
 * What an export writes in each cell, shared by CSV and XLSX: column kinds and formats, the text
 * of subtotal and totals rows, and the defence against spreadsheet formula injection.
 */
import type { Cell, ResultColumn, ValueFormat } from '@dataetat/widgets';
import type { ExportRow } from './rows.ts';

export const TOTAL_LABEL = 'Total';
export const SUBTOTAL_LABEL = 'Sous-total';

/** Display format of a column: the measure's, `year` for year dimensions, text otherwise. */
export function columnFormat(column: ResultColumn): ValueFormat {
  if (column.role === 'measure') return (column.format as ValueFormat | undefined) ?? 'number';
  return column.type === 'year' ? 'year' : 'text';
}

/**
 * A subtotal row has NULL in the dimensions it rolls up: the first of them says « Sous-total »
 * so the row reads on its own, in a spreadsheet as in a CSV.
 */
export function subtotalCells(columns: readonly ResultColumn[], row: ExportRow): Cell[] {
  const cells = [...row.cells];
  if (row.level === 0) return cells;
  const dims = columns.flatMap((c, i) => (c.role === 'dimension' ? [i] : []));
  const rolled = Math.log2(row.level + 1);
  const first = dims[dims.length - rolled];
  if (first !== undefined) cells[first] = SUBTOTAL_LABEL;
  return cells;
}

/** The totals row: « Total » in the first column, the grand total under each measure. */
export function totalsCells(
  columns: readonly ResultColumn[],
  totals: Readonly<Record<string, number | null>>,
): Cell[] {
  return columns.map((c, i) => {
    if (c.role === 'measure') return totals[c.id] ?? null;
    return i === 0 ? TOTAL_LABEL : null;
  });
}

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe (OWASP « CSV injection »): the value stays readable and inert.
 */
export function inertText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Characters XML 1.0 cannot carry (an XLSX is XML): dropped rather than corrupt the file. */
export function xmlSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is removed
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}
