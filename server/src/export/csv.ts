/**
 * CSV for French spreadsheets: UTF-8 with a BOM (Excel then reads the accents), `;` separator,
 * numbers with a decimal comma and no thousands separator (French Excel reads them as numbers),
 * codes and labels in separate columns, RFC 4180 quoting, CRLF line ends.
 */
import type { Cell } from '@dataetat/widgets';
import { inertText, subtotalCells, totalsCells } from './cells.ts';
import type { ExportSource } from './rows.ts';

export const CSV_BOM = '\ufeff';
const SEPARATOR = ';';

const numberText = new Intl.NumberFormat('fr-FR', { useGrouping: false, maximumFractionDigits: 10 });

export function csvNumber(value: number): string {
  return Number.isFinite(value) ? numberText.format(value) : '';
}

export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return csvNumber(cell);
  const text = inertText(cell);
  return /[";\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(SEPARATOR)}\r\n`;
}

/** The whole file as chunks of bytes: header, one chunk per page of rows, the totals row. */
export async function* csvChunks(source: ExportSource): AsyncGenerator<Buffer> {
  const { columns } = source;
  yield Buffer.from(CSV_BOM + csvLine(columns.map((c) => c.label)), 'utf8');
  for await (const batch of source.batches()) {
    let text = '';
    for (const row of batch) text += csvLine(subtotalCells(columns, row));
    if (text) yield Buffer.from(text, 'utf8');
  }
  if (source.totals) yield Buffer.from(csvLine(totalsCells(columns, source.totals)), 'utf8');
}
