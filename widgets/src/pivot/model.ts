/**
 * Query result (from `pivotQuery`) → the pivot's row tree and column headers. Every number
 * comes from the engine: detail cells from `_grouping = 0` rows, group subtotals and column
 * totals from the subtotal rows, the grand total from `totals`. Pure and tested.
 */
import type { ValueFormat } from '../catalogue/types.ts';
import { formatValue } from '../format/index.ts';
import type { Cell, QueryResult } from '../spec/types.ts';

export type MeasureValues = readonly (number | null)[];

export interface PivotDimension {
  readonly id: string;
  readonly label: string;
}

export interface PivotMeasure {
  readonly id: string;
  readonly label: string;
  readonly format: ValueFormat | undefined;
}

/** Key in `cells` of the « Total » column (every column dimension rolled up). */
export const ROW_TOTAL_KEY = 'total';

export interface PivotColumn {
  /** Key of the column in `cells` (`''` when no dimension is laid out as columns). */
  readonly key: string;
  /** Header text, one per column dimension. */
  readonly labels: readonly string[];
}

export interface PivotNode {
  /** Unique path of codes, e.g. `["53","35"]`. */
  readonly id: string;
  /** 1 for the first row level. */
  readonly depth: number;
  readonly dimension: string;
  readonly code: Cell;
  /** Display text: the label when the dimension has one, else the formatted code. */
  readonly label: string;
  /** The code under the label, when both exist. */
  readonly secondary: string | null;
  /**
   * Values by column key, measures in order; a group's come from its subtotal rows; the row's
   * total across the columns under `ROW_TOTAL_KEY` when there are column dimensions.
   */
  readonly cells: Map<string, MeasureValues>;
  readonly children: PivotNode[];
}

export interface PivotModel {
  readonly rowDimensions: readonly PivotDimension[];
  readonly columnDimensions: readonly PivotDimension[];
  readonly measures: readonly PivotMeasure[];
  readonly columns: readonly PivotColumn[];
  readonly roots: readonly PivotNode[];
  /** The « Total » row by column key (column totals, or the grand total without column dims). */
  readonly totals: Map<string, MeasureValues> | null;
  /** Grand total over everything, by measure (from `result.totals`). */
  readonly grandTotal: MeasureValues | null;
  /** Smallest and largest detail value of each measure (heat colouring). */
  readonly ranges: readonly { readonly min: number; readonly max: number }[];
  readonly truncated: boolean;
}

interface Slot {
  readonly id: string;
  readonly label: string;
  readonly index: number;
  readonly labelIndex: number | null;
  readonly year: boolean;
}

const keyOf = (values: readonly Cell[]): string => JSON.stringify(values);

function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'fr', { numeric: true });
}

function display(slot: Slot, row: readonly Cell[]): { label: string; secondary: string | null } {
  const code = row[slot.index] ?? null;
  const codeText = formatValue(code, slot.year ? 'year' : undefined);
  const label = slot.labelIndex === null ? null : (row[slot.labelIndex] ?? null);
  if (label === null || label === '' || label === code) return { label: codeText, secondary: null };
  return { label: String(label), secondary: codeText };
}

export function toPivotModel(
  result: QueryResult,
  options: { readonly columns?: readonly string[] } = {},
): PivotModel {
  const slots: Slot[] = [];
  result.columns.forEach((column, index) => {
    if (column.role !== 'dimension') return;
    const labelIndex = result.columns.findIndex((c) => c.role === 'label' && c.labelOf === column.id);
    slots.push({
      id: column.id,
      label: column.label,
      index,
      labelIndex: labelIndex >= 0 ? labelIndex : null,
      year: column.type === 'year',
    });
  });
  const measureIndexes: number[] = [];
  const measures: PivotMeasure[] = [];
  result.columns.forEach((column, index) => {
    if (column.role !== 'measure') return;
    measureIndexes.push(index);
    measures.push({ id: column.id, label: column.label, format: column.format as ValueFormat | undefined });
  });
  const groupingIndex = result.columns.findIndex((c) => c.role === 'grouping');
  const wanted = options.columns ?? [];
  const columnSlots = slots.filter((s) => wanted.includes(s.id));
  const rowSlots = slots.filter((s) => !wanted.includes(s.id));
  const k = slots.length;

  const roots: PivotNode[] = [];
  const nodes = new Map<string, PivotNode>();
  const columnsByKey = new Map<string, { values: Cell[]; labels: string[] }>();
  const totals = new Map<string, MeasureValues>();
  const ranges = measures.map(() => ({ min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY }));
  let rowTotals = false;

  const nodeFor = (row: readonly Cell[], depth: number): PivotNode => {
    const path = rowSlots.slice(0, depth).map((s) => row[s.index] ?? null);
    const id = keyOf(path);
    const existing = nodes.get(id);
    if (existing) return existing;
    const parent = depth > 1 ? nodeFor(row, depth - 1) : null;
    const slot = rowSlots[depth - 1] as Slot;
    const node: PivotNode = {
      id,
      depth,
      dimension: slot.id,
      code: row[slot.index] ?? null,
      ...display(slot, row),
      cells: new Map(),
      children: [],
    };
    nodes.set(id, node);
    (parent ? parent.children : roots).push(node);
    return node;
  };

  for (const row of result.rows) {
    const grouping = groupingIndex < 0 ? 0 : Number(row[groupingIndex] ?? 0);
    // GROUPING(d1…dk): bit (k − 1 − i) is set when dimension i is rolled up.
    const rolled = (slot: Slot) => (grouping >> (k - 1 - slots.indexOf(slot))) & 1;
    const acrossAll = columnSlots.length > 0 && columnSlots.every((s) => rolled(s) === 1);
    // Partial column groups are not shown; all of them rolled up is a row's « Total » cell.
    if (columnSlots.some(rolled) && !acrossAll) continue;
    const depth = rowSlots.findIndex((s) => rolled(s) === 1);
    const rowDepth = depth < 0 ? rowSlots.length : depth;
    // Row levels must roll up from the last one (a prefix stays).
    if (rowSlots.slice(rowDepth).some((s) => rolled(s) === 0)) continue;

    const columnValues = columnSlots.map((s) => row[s.index] ?? null);
    const columnKey = acrossAll ? ROW_TOTAL_KEY : columnSlots.length > 0 ? keyOf(columnValues) : '';
    if (acrossAll) {
      const values = measureIndexes.map((i) => (typeof row[i] === 'number' ? (row[i] as number) : null));
      if (rowDepth > 0) nodeFor(row, rowDepth).cells.set(ROW_TOTAL_KEY, values);
      rowTotals = true;
      continue;
    }
    if (!columnsByKey.has(columnKey)) {
      columnsByKey.set(columnKey, {
        values: columnValues,
        labels: columnSlots.map((s) => display(s, row).label),
      });
    }
    const values = measureIndexes.map((i) => {
      const v = row[i];
      return typeof v === 'number' ? v : null;
    });
    if (rowDepth === 0) {
      totals.set(columnKey, values);
      continue;
    }
    nodeFor(row, rowDepth).cells.set(columnKey, values);
    if (grouping === 0) {
      values.forEach((v, m) => {
        const range = ranges[m];
        if (v === null || !range) return;
        if (v < range.min) range.min = v;
        if (v > range.max) range.max = v;
      });
    }
  }

  const grandTotal = measures.some((m) => result.totals[m.id] !== undefined)
    ? measures.map((m) => result.totals[m.id] ?? null)
    : null;
  // Without column dimensions the total row is the grand total itself.
  if (columnSlots.length === 0 && grandTotal) totals.set('', grandTotal);
  if (columnSlots.length === 0 && !columnsByKey.has('')) columnsByKey.set('', { values: [], labels: [] });

  const columns = [...columnsByKey.entries()]
    .sort(([, a], [, b]) => {
      for (let i = 0; i < a.values.length; i++) {
        const order = compareCells(a.values[i] ?? null, b.values[i] ?? null);
        if (order !== 0) return order;
      }
      return 0;
    })
    .map(([key, c]): PivotColumn => ({ key, labels: c.labels }));
  // The « Total » column last, its foot cell the grand total.
  if (rowTotals) {
    columns.push({ key: ROW_TOTAL_KEY, labels: ['Total'] });
    if (grandTotal) totals.set(ROW_TOTAL_KEY, grandTotal);
  }

  return {
    rowDimensions: rowSlots.map((s) => ({ id: s.id, label: s.label })),
    columnDimensions: columnSlots.map((s) => ({ id: s.id, label: s.label })),
    measures,
    columns,
    roots,
    totals: totals.size > 0 ? totals : null,
    grandTotal,
    ranges: ranges.map((r) => (r.min <= r.max ? r : { min: 0, max: 0 })),
    truncated: result.meta.truncated,
  };
}

export interface VisibleRow {
  readonly node: PivotNode;
  readonly expandable: boolean;
  readonly expanded: boolean;
}

/** The rows on screen, depth first, without the children of collapsed groups. */
export function visibleRows(roots: readonly PivotNode[], collapsed: ReadonlySet<string>): VisibleRow[] {
  const out: VisibleRow[] = [];
  const visit = (node: PivotNode) => {
    const expandable = node.children.length > 0;
    const expanded = expandable && !collapsed.has(node.id);
    out.push({ node, expandable, expanded });
    if (expanded) for (const child of node.children) visit(child);
  };
  for (const root of roots) visit(root);
  return out;
}

/** Groups at `depth` or deeper, closed at first (`expandDepth` option). */
export function initiallyCollapsed(roots: readonly PivotNode[], expandDepth: number): Set<string> {
  const collapsed = new Set<string>();
  const visit = (node: PivotNode) => {
    if (node.children.length === 0) return;
    if (node.depth >= expandDepth) collapsed.add(node.id);
    for (const child of node.children) visit(child);
  };
  for (const root of roots) visit(root);
  return collapsed;
}
