import type { ValueFormat } from '../catalogue/types.ts';
import type { Cell, QueryResult } from '../spec/types.ts';

const VALUE_FORMATS: readonly string[] = ['eur', 'integer', 'number', 'percent', 'year', 'text'];

/** A dimension of a result: where its code and (optional) label sit in each row. */
export interface ResultDimension {
  readonly id: string;
  /** Column title (`Région`). */
  readonly title: string;
  readonly type: string;
  readonly level?: string;
  readonly codeIndex: number;
  /** Index of the `<id>_label` column, or -1 when the dimension has no labels. */
  readonly labelIndex: number;
}

/** A measure of a result: its column, title and display format. */
export interface ResultMeasure {
  readonly id: string;
  readonly title: string;
  readonly format: ValueFormat;
  readonly index: number;
}

/** A result read once for charts: dimensions, measures, and detail rows only (no subtotals). */
export interface ResultView {
  readonly dimensions: readonly ResultDimension[];
  readonly measures: readonly ResultMeasure[];
  readonly rows: readonly (readonly Cell[])[];
}

/** One distinct value of a dimension, in order of first appearance. */
export interface Category {
  readonly code: string | number | null;
  /** What a person reads: the label, else the code (years without a group separator). */
  readonly label: string;
}

/** Reads the column layout of a result (dimension, `<dim>_label`, measures, `_grouping`). */
export function viewResult(result: QueryResult): ResultView {
  const { columns } = result;
  const dimensions: ResultDimension[] = [];
  const measures: ResultMeasure[] = [];
  columns.forEach((column, index) => {
    if (column.role === 'dimension') {
      dimensions.push({
        id: column.id,
        title: column.label,
        type: column.type,
        ...(column.level ? { level: column.level } : {}),
        codeIndex: index,
        labelIndex: columns.findIndex((c) => c.role === 'label' && c.labelOf === column.id),
      });
    } else if (column.role === 'measure') {
      const format = column.format && VALUE_FORMATS.includes(column.format) ? column.format : 'number';
      measures.push({ id: column.id, title: column.label, format: format as ValueFormat, index });
    }
  });
  // Subtotal rows (when the query asked for them) would count twice in a chart.
  const grouping = columns.findIndex((c) => c.role === 'grouping');
  const rows = grouping === -1 ? result.rows : result.rows.filter((row) => Number(row[grouping] ?? 0) === 0);
  return { dimensions, measures, rows };
}

/** The readable value of a dimension in a row. */
export function labelOf(row: readonly Cell[], dimension: ResultDimension): string {
  const label = dimension.labelIndex >= 0 ? row[dimension.labelIndex] : null;
  if (label !== null && label !== undefined && label !== '') return String(label);
  const code = row[dimension.codeIndex];
  return code === null || code === undefined ? 'Non renseigné' : String(code);
}

/** A cell as a number; null for missing or non-numeric values. */
export function numberAt(row: readonly Cell[], index: number): number | null {
  const value = row[index];
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Distinct values of a dimension in row order. */
export function categoriesOf(rows: readonly (readonly Cell[])[], dimension: ResultDimension): Category[] {
  const seen = new Map<string, Category>();
  for (const row of rows) {
    const code = row[dimension.codeIndex] ?? null;
    const key = String(code);
    if (!seen.has(key)) seen.set(key, { code, label: labelOf(row, dimension) });
  }
  return [...seen.values()];
}

/**
 * Cross-tabulates one measure: `values[s][c]` = the measure for series value `s` and category
 * `c` (null where the result has no such row). Used for grouped/stacked bars and multi-line charts.
 */
export function crossTab(
  rows: readonly (readonly Cell[])[],
  category: ResultDimension,
  series: ResultDimension,
  measure: ResultMeasure,
): { categories: Category[]; series: Category[]; values: (number | null)[][] } {
  const categories = categoriesOf(rows, category);
  const seriesValues = categoriesOf(rows, series);
  const c = new Map(categories.map((v, i) => [String(v.code), i]));
  const s = new Map(seriesValues.map((v, i) => [String(v.code), i]));
  const values = seriesValues.map(() => categories.map((): number | null => null));
  for (const row of rows) {
    const ci = c.get(String(row[category.codeIndex] ?? null)) ?? 0;
    const si = s.get(String(row[series.codeIndex] ?? null)) ?? 0;
    const target = values[si];
    if (target) target[ci] = numberAt(row, measure.index);
  }
  return { categories, series: seriesValues, values };
}

/** Rows sorted by a year/date dimension, ascending (time axes read left to right). */
export function sortedByTime(
  rows: readonly (readonly Cell[])[],
  dimension: ResultDimension,
): (readonly Cell[])[] {
  return [...rows].sort((a, b) => {
    const x = a[dimension.codeIndex];
    const y = b[dimension.codeIndex];
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  });
}

/** Picks measures by id (options), defaulting to all of them; unknown ids are ignored. */
export function pickMeasures(view: ResultView, ids: readonly string[] | undefined): ResultMeasure[] {
  if (!ids || ids.length === 0) return [...view.measures];
  const picked = ids.flatMap((id) => view.measures.filter((m) => m.id === id));
  return picked.length > 0 ? picked : [...view.measures];
}

export function isTimeDimension(dimension: { readonly type: string } | undefined): boolean {
  return dimension?.type === 'year' || dimension?.type === 'date';
}
