/**
 * Raw engine rows → the result the API returns. Pure: the server runs `compiled.sql` with
 * `compiled.params`, gets rows as arrays in select order, and calls `shapeResult`. It converts
 * driver types (DuckDB `bigint`, postgres.js numeric strings) to JS numbers, drops the extra
 * truncation-probe row, moves the grand total into `totals`, names the « Autres » bucket and
 * removes internal columns.
 *
 * The work is written once, as `shapeSteps`: a generator that pauses every `SHAPE_STEP_ROWS`
 * rows, so a server can give its event loop back between steps and stop past a deadline
 * (issue 15: shaping must not freeze other requests). `shapeResult` runs it in one go.
 */
import type { Cell, ResultColumn } from '../spec/types.ts';
import type { RawSlot } from './build.ts';

/** Code of the topN « Autres » bucket in result rows (any dimension type). */
export const OTHERS_CODE = '__autres__';
export const OTHERS_LABEL = 'Autres';

export interface ResultLayout {
  readonly slots: readonly RawSlot[];
  readonly grandTotalMask: number | null;
  /** True when `_grouping` is part of the returned columns (subtotals were asked). */
  readonly exposeGrouping: boolean;
  readonly totals: boolean;
  readonly limit: number;
  readonly dimensionCount: number;
}

export interface ShapedResult {
  readonly columns: readonly ResultColumn[];
  readonly rows: Cell[][];
  readonly totals: Record<string, number | null>;
  readonly truncated: boolean;
  readonly rowCount: number;
}

export interface ShapeInput {
  readonly columns: readonly ResultColumn[];
  readonly layout: ResultLayout;
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? null : n;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

interface RawRow {
  readonly cells: Cell[];
  readonly grouping: number;
  readonly others: boolean;
  /** Dimension codes (with the others flag) to match subtotal rows with detail rows. */
  readonly keys: readonly Cell[];
}

function readRow(raw: readonly unknown[], layout: ResultLayout): RawRow {
  const cells: Cell[] = [];
  const keys: Cell[] = [];
  let grouping = 0;
  let others = false;
  layout.slots.forEach((slot, i) => {
    const value = raw[i];
    switch (slot.role) {
      case 'dimension': {
        const numeric = slot.dimension.type === 'year' || slot.dimension.type === 'coordinate';
        const cell = numeric ? toNumber(value) : toText(value);
        cells.push(cell);
        keys.push(cell);
        break;
      }
      case 'label':
        cells.push(toText(value));
        break;
      case 'measure':
        cells.push(toNumber(value));
        break;
      case 'others':
        others = toNumber(value) === 1;
        keys.push(others ? 1 : 0);
        break;
      case 'grouping':
        grouping = toNumber(value) ?? 0;
        if (layout.exposeGrouping) cells.push(grouping);
        break;
    }
  });
  if (others) {
    // The bucket's code/label cells are NULL in SQL; name them here, whatever the column type.
    cells[0] = OTHERS_CODE;
    if (layout.slots[1]?.role === 'label') cells[1] = OTHERS_LABEL;
  }
  return { cells, grouping, others, keys };
}

/** Positions in `RawRow.keys` of the dimensions a grouping mask does not roll up. */
function keyPositions(mask: number, layout: ResultLayout): number[] {
  const k = layout.dimensionCount;
  const hasOthers = layout.slots.some((s) => s.role === 'others');
  const positions: number[] = [];
  let keyIndex = 0;
  for (let i = 0; i < k; i++) {
    // The others flag (if any) follows the first dimension's code.
    const width = i === 0 && hasOthers ? 2 : 1;
    if (!((mask >> (k - 1 - i)) & 1)) for (let w = 0; w < width; w++) positions.push(keyIndex + w);
    keyIndex += width;
  }
  return positions;
}

/**
 * The key of `row`'s group: its codes at `positions`, typed and length-prefixed so two different
 * tuples never give the same string. A subtotal row and the detail rows of its group share it.
 */
function groupKey(row: RawRow, positions: readonly number[]): string {
  let key = '';
  for (const p of positions) {
    const cell = row.keys[p] ?? null;
    key += cell === null ? 'z' : typeof cell === 'number' ? `n${cell};` : `s${cell.length}:${cell}`;
  }
  return key;
}

/** Rows handled between two pauses of `shapeSteps` (a few milliseconds of work). */
export const SHAPE_STEP_ROWS = 2_000;

/**
 * Subtotal rows whose group still has a detail row in `kept`. One set of group keys per grouping
 * mask (a handful), so linear in rows: matching every subtotal against every detail row took a
 * minute on 48 000 rows.
 */
function* coveredRollups(
  rollups: readonly RawRow[],
  kept: readonly RawRow[],
  layout: ResultLayout,
): Generator<void, RawRow[]> {
  const groups = new Map<number, { positions: number[]; keys: Set<string> }>();
  const covered: RawRow[] = [];
  for (let i = 0; i < rollups.length; i++) {
    const sub = rollups[i] as RawRow;
    let group = groups.get(sub.grouping);
    if (!group) {
      const positions = keyPositions(sub.grouping, layout);
      group = { positions, keys: new Set() };
      for (let j = 0; j < kept.length; j++) {
        group.keys.add(groupKey(kept[j] as RawRow, positions));
        if (j % SHAPE_STEP_ROWS === SHAPE_STEP_ROWS - 1) yield;
      }
      groups.set(sub.grouping, group);
    }
    if (group.keys.has(groupKey(sub, group.positions))) covered.push(sub);
    if (i % SHAPE_STEP_ROWS === SHAPE_STEP_ROWS - 1) yield;
  }
  return covered;
}

/** Shaping, pausing (`yield`) every few thousand rows; its return value is the result. */
export function* shapeSteps(
  compiled: ShapeInput,
  rawRows: readonly (readonly unknown[])[],
): Generator<void, ShapedResult> {
  const { layout } = compiled;
  const detail: RawRow[] = [];
  const rollups: RawRow[] = [];
  let grand: RawRow | undefined;
  for (let i = 0; i < rawRows.length; i++) {
    const row = readRow(rawRows[i] as readonly unknown[], layout);
    if (row.grouping === 0) detail.push(row);
    else if (layout.grandTotalMask !== null && row.grouping === layout.grandTotalMask) grand = row;
    else rollups.push(row);
    if (i % SHAPE_STEP_ROWS === SHAPE_STEP_ROWS - 1) yield;
  }

  const truncated = detail.length > layout.limit;
  const kept = truncated ? detail.slice(0, layout.limit) : detail;
  // The probe row may have pulled in a subtotal group that is no longer shown.
  const keptRollups = truncated ? yield* coveredRollups(rollups, kept, layout) : rollups;

  const totals: Record<string, number | null> = {};
  if (layout.totals) {
    const source = layout.dimensionCount === 0 ? kept[0] : grand;
    layout.slots.forEach((slot, i) => {
      if (slot.role !== 'measure') return;
      totals[slot.measure.id] = source ? toNumber(source.cells[cellIndex(layout, i)]) : null;
    });
  }

  const rows: Cell[][] = [];
  for (const r of kept) rows.push(r.cells);
  for (const r of keptRollups) rows.push(r.cells);
  return { columns: compiled.columns, rows, totals, truncated, rowCount: rows.length };
}

export function shapeResult(compiled: ShapeInput, rawRows: readonly (readonly unknown[])[]): ShapedResult {
  const steps = shapeSteps(compiled, rawRows);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Position in `cells` of raw slot `slotIndex` (internal slots are not cells). */
function cellIndex(layout: ResultLayout, slotIndex: number): number {
  let index = 0;
  for (let i = 0; i < slotIndex; i++) {
    const role = layout.slots[i]?.role;
    if (role === 'others' || (role === 'grouping' && !layout.exposeGrouping)) continue;
    index++;
  }
  return index;
}
