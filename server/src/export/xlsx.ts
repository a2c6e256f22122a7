/**
 * XLSX through exceljs's streaming writer: rows are zipped as they come, so a million-row export
 * never sits in memory. Numbers stay numbers with locale-neutral formats (French Excel shows
 * `1 234,50 €`), bold frozen header, subtotal rows bold on a light background, a totals row, and
 * a « Source » sheet with the provenance.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { Cell, ResultColumn, ValueFormat } from '@dataetat/widgets';
import ExcelJS from 'exceljs';
import { columnFormat, subtotalCells, totalsCells, xmlSafe } from './cells.ts';
import { provenanceLines } from './provenance.ts';
import type { ExportRow, ExportSource } from './rows.ts';

export const XLSX_NUMBER_FORMATS: Record<ValueFormat, string | undefined> = {
  eur: '#,##0.00\\ "€"',
  percent: '0.0%',
  integer: '#,##0',
  number: '#,##0.00',
  year: '0',
  text: undefined,
};

/** DSFR blue-france 950 (subtotals) and 925 (header, totals), as ARGB. */
const SUBTOTAL_FILL = 'FFECECFE';
const HEADER_FILL = 'FFE3E3FD';

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

function cellValue(cell: Cell): ExcelJS.CellValue {
  return typeof cell === 'string' ? xmlSafe(cell) : cell;
}

/** Width in characters from the header and the first page, within readable bounds. */
function columnWidth(column: ResultColumn, index: number, sample: readonly ExportRow[]): number {
  const format = columnFormat(column);
  let longest = column.label.length;
  for (const row of sample.slice(0, 2000)) {
    const cell = row.cells[index];
    if (cell === null || cell === undefined) continue;
    // Formatted numbers take about a third more room (separators, decimals, symbol).
    const length =
      typeof cell === 'number' ? Math.ceil(String(Math.round(cell)).length * 1.35) + 5 : cell.length;
    if (length > longest) longest = length;
  }
  const min = format === 'text' ? 8 : 10;
  return Math.min(Math.max(longest + 2, min), 60);
}

function styleRow(row: ExcelJS.Row, columns: readonly ResultColumn[], background: string | null): void {
  columns.forEach((column, i) => {
    const numFmt = XLSX_NUMBER_FORMATS[columnFormat(column)];
    row.getCell(i + 1).style = {
      ...(numFmt && { numFmt }),
      font: { bold: true },
      ...(background && { fill: fill(background) }),
    };
  });
}

/** Resolves when `out` wants more bytes again, or is gone (a departed client). */
function drained(out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
}

async function writeWorkbook(source: ExportSource, out: PassThrough, exportedAt: Date): Promise<void> {
  const { columns } = source;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Data-État';
  workbook.created = exportedAt;
  const sheet = workbook.addWorksheet('Données', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, i) => {
    const numFmt = XLSX_NUMBER_FORMATS[columnFormat(column)];
    return {
      key: column.id,
      width: columnWidth(column, i, source.sample),
      ...(numFmt && { style: { numFmt } }),
    };
  });
  const header = sheet.addRow(columns.map((c) => xmlSafe(c.label)));
  columns.forEach((_c, i) => {
    header.getCell(i + 1).style = {
      font: { bold: true },
      fill: fill(HEADER_FILL),
      alignment: { vertical: 'middle', wrapText: true },
    };
  });
  header.commit();

  for await (const batch of source.batches()) {
    for (const row of batch) {
      const written = sheet.addRow(subtotalCells(columns, row).map(cellValue));
      if (row.level !== 0) styleRow(written, columns, SUBTOTAL_FILL);
      written.commit();
    }
    // Backpressure: a slow reader holds the writer here, so the file is never buffered whole.
    if (out.writableNeedDrain) await drained(out);
  }
  if (source.totals) {
    const totals = sheet.addRow(totalsCells(columns, source.totals).map(cellValue));
    styleRow(totals, columns, HEADER_FILL);
    totals.commit();
  }
  sheet.commit();

  const about = workbook.addWorksheet('Source');
  about.columns = [
    { key: 'heading', width: 28 },
    { key: 'value', width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  for (const [heading, value] of provenanceLines(source, exportedAt)) {
    const line = about.addRow([heading, xmlSafe(value)]);
    line.getCell(1).style = { font: { bold: true }, alignment: { vertical: 'top' } };
    line.commit();
  }
  about.commit();
  await workbook.commit();
}

/** The workbook as a byte stream; a failure mid-way destroys it (the client sees a cut download). */
export function xlsxStream(source: ExportSource, exportedAt: Date): Readable {
  const out = new PassThrough();
  writeWorkbook(source, out, exportedAt).catch((error: unknown) => out.destroy(error as Error));
  return out;
}
