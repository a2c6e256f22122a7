/**
 * Query result → what the table shows: one column per dimension (its code and label merged)
 * and per measure, French-formatted cells, the totals row, the row's selection and the page
 * position (« Lignes 101 à 150 »). Pure: the renderer only lays it out.
 */
import type { ValueFormat } from '../catalogue/types.ts';
import { formatInteger, formatValue, isNumericFormat } from '../format/index.ts';
import type { Cell, QueryResult, SortSpec } from '../spec/types.ts';
import type { WidgetSelection } from '../widget/types.ts';
import type { CodeDisplay } from './spec.ts';

export interface TableColumnView {
  /** Dimension or measure id (what a sort asks for). */
  readonly id: string;
  readonly label: string;
  readonly kind: 'dimension' | 'measure';
  readonly numeric: boolean;
  /** Current sort of this column, if it is the first sort key. */
  readonly sort: 'asc' | 'desc' | null;
}

export interface TableCellView {
  readonly text: string;
  /** The code under a label, in a secondary style. */
  readonly secondary?: string;
}

export interface TableRowView {
  readonly key: string;
  readonly cells: readonly TableCellView[];
  /** What a click on the row selects (the first dimension's value), null without dimensions. */
  readonly selection: WidgetSelection | null;
}

export interface TablePageView {
  readonly offset: number;
  readonly limit: number;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  /** « Lignes 101 à 150 », « Lignes 1 à 37 sur 37 » on the last page, « Aucune ligne ». */
  readonly text: string;
}

export interface TableView {
  readonly columns: readonly TableColumnView[];
  readonly rows: readonly TableRowView[];
  /** Totals under the visible columns; null when there are none to show. */
  readonly totals: readonly TableCellView[] | null;
  readonly page: TablePageView;
}

export interface TableViewInput {
  readonly result: QueryResult;
  /** Paging and sort the result was asked with. */
  readonly offset: number;
  readonly limit: number;
  readonly sort: readonly SortSpec[] | undefined;
  readonly hidden: ReadonlySet<string>;
  readonly codes: CodeDisplay;
  readonly totals: boolean;
}

interface SourceColumn {
  readonly id: string;
  readonly label: string;
  readonly kind: 'dimension' | 'measure';
  readonly format: ValueFormat | undefined;
  readonly index: number;
  readonly labelIndex: number | null;
}

/** Result columns → table columns (a label column joins its dimension; `_grouping` is dropped). */
export function tableColumns(result: QueryResult): SourceColumn[] {
  const columns: SourceColumn[] = [];
  result.columns.forEach((column, index) => {
    if (column.role === 'dimension') {
      const labelIndex = result.columns.findIndex((c) => c.role === 'label' && c.labelOf === column.id);
      columns.push({
        id: column.id,
        label: column.label,
        kind: 'dimension',
        format: column.type === 'year' ? 'year' : undefined,
        index,
        labelIndex: labelIndex >= 0 ? labelIndex : null,
      });
    } else if (column.role === 'measure') {
      columns.push({
        id: column.id,
        label: column.label,
        kind: 'measure',
        format: column.format as ValueFormat | undefined,
        index,
        labelIndex: null,
      });
    }
  });
  return columns;
}

function dimensionCell(
  code: Cell,
  label: Cell,
  format: ValueFormat | undefined,
  codes: CodeDisplay,
): TableCellView {
  const codeText = formatValue(code, format);
  if (label === null || label === '' || codes === 'code' || label === code) return { text: codeText };
  if (codes === 'code-label') return { text: `${codeText} — ${label}` };
  return { text: String(label), secondary: codeText };
}

export function pageText(offset: number, shown: number, hasNext: boolean): string {
  if (shown === 0)
    return offset === 0 ? 'Aucune ligne' : `Aucune ligne après la ligne ${formatInteger(offset)}`;
  const range = `Lignes ${formatInteger(offset + 1)} à ${formatInteger(offset + shown)}`;
  return hasNext ? range : `${range} sur ${formatInteger(offset + shown)}`;
}

export function toTableView(input: TableViewInput): TableView {
  const { result } = input;
  const all = tableColumns(result);
  const visible = all.filter((c) => !input.hidden.has(c.id));
  const firstSort = input.sort?.[0];
  const groupingIndex = result.columns.findIndex((c) => c.role === 'grouping');
  const firstDimension = all.find((c) => c.kind === 'dimension') ?? null;

  // Subtotal rows belong to pivots; a table shows the detail rows of its page.
  const detail = result.rows.filter((row) => groupingIndex < 0 || row[groupingIndex] === 0);
  const rows = detail.map((row, r): TableRowView => {
    const cells = visible.map((c) =>
      c.kind === 'dimension'
        ? dimensionCell(
            row[c.index] ?? null,
            c.labelIndex === null ? null : (row[c.labelIndex] ?? null),
            c.format,
            input.codes,
          )
        : { text: formatValue(row[c.index], c.format) },
    );
    let selection: WidgetSelection | null = null;
    if (firstDimension) {
      const value = row[firstDimension.index] ?? null;
      const label = firstDimension.labelIndex === null ? null : (row[firstDimension.labelIndex] ?? null);
      selection =
        label === null
          ? { field: firstDimension.id, value }
          : { field: firstDimension.id, value, label: String(label) };
    }
    return { key: `${input.offset + r}`, cells, selection };
  });

  const hasTotals =
    input.totals && visible.some((c) => c.kind === 'measure' && result.totals[c.id] !== undefined);
  const totals = hasTotals
    ? visible.map((c, i): TableCellView => {
        if (c.kind === 'measure') {
          const value = result.totals[c.id];
          return { text: value === undefined ? '' : formatValue(value, c.format) };
        }
        return { text: i === 0 ? 'Total' : '' };
      })
    : null;

  const hasNext = result.meta.truncated;
  return {
    columns: visible.map((c) => ({
      id: c.id,
      label: c.label,
      kind: c.kind,
      numeric: isNumericFormat(c.format),
      sort: firstSort?.field === c.id ? firstSort.dir : null,
    })),
    rows,
    totals,
    page: {
      offset: input.offset,
      limit: input.limit,
      hasPrevious: input.offset > 0,
      hasNext,
      text: pageText(input.offset, detail.length, hasNext),
    },
  };
}

/** The sort a click on a column header asks: toggles the current one, else measures largest first. */
export function nextSort(column: Pick<TableColumnView, 'id' | 'kind' | 'sort'>): SortSpec {
  if (column.sort) return { field: column.id, dir: column.sort === 'asc' ? 'desc' : 'asc' };
  return { field: column.id, dir: column.kind === 'measure' ? 'desc' : 'asc' };
}
