/**
 * CSV for French spreadsheets: UTF-8 with a BOM (Excel then reads the accents), `;` separator,
 * numbers with a decimal comma and no thousands separator (French Excel reads them as numbers),
 * rates as percentages (`72,52%`, which French Excel and LibreOffice read as 0,7252 shown as a
 * percentage), codes and labels in separate columns, RFC 4180 quoting, CRLF line ends.
 */
import type { Cell, ValueFormat } from '@dataetat/widgets';
import { columnFormat, inertText, subtotalCells, totalsCells } from './cells.ts';
import type { ExportSource } from './rows.ts';

export const CSV_BOM = '\ufeff';
const SEPARATOR = ';';

const numberText = new Intl.NumberFormat('fr-FR', { useGrouping: false, maximumFractionDigits: 10 });

// 8 decimals of a percentage keep a rate's precision without the float noise of ×100.
const percentText = new Intl.NumberFormat('fr-FR', { useGrouping: false, maximumFractionDigits: 8 });

export function csvNumber(value: number, format?: ValueFormat): string {
  if (!Number.isFinite(value)) return '';
  return format === 'percent' ? `${percentText.format(value * 100)}%` : numberText.format(value);
}

export function csvField(cell: Cell, format?: ValueFormat): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return csvNumber(cell, format);
  const text = inertText(cell);
  return /[";\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line; `formats[i]` is column i's display format (percentages, see above). */
export function csvLine(cells: readonly Cell[], formats: readonly ValueFormat[] = []): string {
  return `${cells.map((cell, i) => csvField(cell, formats[i])).join(SEPARATOR)}\r\n`;
}

/** The whole file as chunks of bytes: header, one chunk per page of rows, the totals row. */
export async function* csvChunks(source: ExportSource): AsyncGenerator<Buffer> {
  const { columns } = source;
  const formats = columns.map(columnFormat);
  yield Buffer.from(CSV_BOM + csvLine(columns.map((c) => c.label)), 'utf8');
  for await (const batch of source.batches()) {
    let text = '';
    for (const row of batch) text += csvLine(subtotalCells(columns, row), formats);
    if (text) yield Buffer.from(text, 'utf8');
  }
  if (source.totals) yield Buffer.from(csvLine(totalsCells(columns, source.totals), formats), 'utf8');
}
