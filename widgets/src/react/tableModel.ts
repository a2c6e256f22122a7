import { type FormattableValue, formatValue, isNumericFormat, type ValueFormat } from '../format/index.ts';

export interface DataTableColumn {
  readonly id: string;
  /** Header text (French). */
  readonly label: string;
  /** How to display the values; numeric formats are right-aligned. */
  readonly format?: ValueFormat;
}

export interface TableCell {
  readonly text: string;
  readonly numeric: boolean;
}

export interface TableModel {
  readonly headers: readonly TableCell[];
  readonly body: readonly (readonly TableCell[])[];
  /** Totals row, when totals were given; the first cell holds the totals label. */
  readonly totals: readonly TableCell[] | null;
}

export interface TableModelInput {
  readonly columns: readonly DataTableColumn[];
  /** Rows as arrays aligned with `columns`. */
  readonly rows: readonly (readonly FormattableValue[])[];
  /** Totals by column id; columns without a total stay empty. */
  readonly totals?: Readonly<Record<string, number | null | undefined>> | null;
  /** Default `Total`. */
  readonly totalsLabel?: string;
}

/** Rows and totals → display strings and alignment. Pure; the component only lays them out. */
export function toTableModel(input: TableModelInput): TableModel {
  const { columns, rows, totals } = input;
  const numeric = columns.map((column) => isNumericFormat(column.format));
  const headers = columns.map((column, i) => ({ text: column.label, numeric: numeric[i] ?? false }));
  const body = rows.map((row) =>
    columns.map((column, i) => ({ text: formatValue(row[i], column.format), numeric: numeric[i] ?? false })),
  );
  const totalsRow = totals
    ? columns.map((column, i) => {
        if (i === 0 && !(column.id in totals)) return { text: input.totalsLabel ?? 'Total', numeric: false };
        const value = totals[column.id];
        return {
          text: value === undefined ? '' : formatValue(value, column.format),
          numeric: numeric[i] ?? false,
        };
      })
    : null;
  return { headers, body, totals: totalsRow };
}
