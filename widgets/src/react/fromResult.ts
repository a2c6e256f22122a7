import type { ValueFormat } from '../catalogue/types.ts';
import type { QueryResult } from '../spec/types.ts';
import type { DataTableColumn } from './tableModel.ts';

const VALUE_FORMATS: readonly string[] = ['eur', 'integer', 'number', 'percent', 'year', 'text'];

function asFormat(format: string | undefined, fallback: ValueFormat): ValueFormat {
  return format && VALUE_FORMATS.includes(format) ? (format as ValueFormat) : fallback;
}

/**
 * The columns a person reads: each dimension shown by its label column when it has one
 * (under the dimension's own title), then the measures. Grouping flags are dropped.
 */
export function readableColumns(result: QueryResult): { index: number; column: DataTableColumn }[] {
  const { columns } = result;
  const labelled = new Set(columns.filter((c) => c.role === 'label' && c.labelOf).map((c) => c.labelOf));
  const picked: { index: number; column: DataTableColumn }[] = [];
  columns.forEach((c, index) => {
    if (c.role === 'grouping' || (c.role === 'dimension' && labelled.has(c.id))) return;
    if (c.role === 'label') {
      const dimension = columns.find((d) => d.id === c.labelOf);
      picked.push({ index, column: { id: c.id, label: dimension?.label ?? c.label, format: 'text' } });
      return;
    }
    const fallback = c.type === 'year' ? 'year' : c.role === 'measure' ? 'number' : 'text';
    picked.push({ index, column: { id: c.id, label: c.label, format: asFormat(c.format, fallback) } });
  });
  return picked;
}

/** Query result → props of `DataTable` (totals keyed by measure id). */
export function tableFromResult(
  result: QueryResult,
  /** Rows kept at most (the first ones); totals always cover the whole result. */
  maxRows = Number.POSITIVE_INFINITY,
): {
  columns: DataTableColumn[];
  rows: (string | number | null)[][];
  totals: QueryResult['totals'] | null;
} {
  const picked = readableColumns(result);
  return {
    columns: picked.map((p) => p.column),
    rows: result.rows.slice(0, maxRows).map((row) => picked.map((p) => row[p.index] ?? null)),
    totals: Object.keys(result.totals).length > 0 ? result.totals : null,
  };
}
