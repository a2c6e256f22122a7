/**
 * A pivot's export in its cross-tab layout, as the agent sees it on screen: row dimensions down
 * the side, one column per (column value × measure), the « Total » column, a subtotal row after
 * each group and the totals row at the foot — not the engine's long list. The spec says it is a
 * cross-tab: the pivot asks `totalsAcross` on its column dimensions (widgets/src/pivot/query.ts).
 * The grid is the widget's own model (`toPivotModel`), so the file and the screen cannot differ.
 */
import {
  type Cell,
  type PivotModel,
  type PivotNode,
  type QueryResult,
  type ResultColumn,
  toPivotModel,
} from '@dataetat/widgets';
import { nextTurn } from '../query/budget.ts';
import { EXPORT_SLICE_ROWS, type ExportRow, type ExportSource } from './rows.ts';

/** Detail rows a cross-tab export holds at once (the pivot widget shows as many). */
export const CROSS_TAB_MAX_ROWS = 50_000;

/** Whether `spec` is a pivot laid out with column dimensions. */
export function isCrossTab(spec: unknown): boolean {
  const across = (spec as { totalsAcross?: unknown } | null)?.totalsAcross;
  return Array.isArray(across) && across.length > 0;
}

/** Reads the whole (capped) long list, then lays it out as the pivot does. */
export async function crossTabSource(source: ExportSource): Promise<ExportSource> {
  const rows: Cell[][] = [];
  for await (const batch of source.batches()) {
    for (const row of batch) rows.push([...row.cells, row.level]);
  }
  const result = {
    columns: [...source.columns, { id: '_grouping', label: '_grouping', type: 'number', role: 'grouping' }],
    rows,
    totals: source.totals ?? {},
    meta: { truncated: source.progress.truncated },
  } as unknown as QueryResult;
  await nextTurn();
  const model = toPivotModel(result, { columns: source.spec.totalsAcross ?? [] });
  await nextTurn();

  const columns = gridColumns(source.columns, model);
  const labelled = model.rowDimensions.map((d) =>
    source.columns.some((c) => c.role === 'label' && c.labelOf === d.id),
  );
  const gridRows = flatten(model, labelled);
  const totals: Record<string, number | null> = {};
  for (const column of model.columns) {
    model.measures.forEach((measure, m) => {
      totals[cellId(measure.id, column.key)] = model.totals?.get(column.key)?.[m] ?? null;
    });
  }
  const detailRows = gridRows.filter((r) => r.level === 0).length;
  return {
    ...source,
    columns,
    totals: source.totals ? totals : null,
    sample: gridRows.slice(0, EXPORT_SLICE_ROWS),
    progress: { detailRows, truncated: source.progress.truncated },
    async *batches() {
      for (let i = 0; i < gridRows.length; i += EXPORT_SLICE_ROWS) {
        yield gridRows.slice(i, i + EXPORT_SLICE_ROWS);
        await nextTurn();
      }
    },
  };
}

const cellId = (measure: string, columnKey: string) => `${measure}@${columnKey}`;

/** The row dimensions' code and label columns, then (column value × measure) cells. */
function gridColumns(source: readonly ResultColumn[], model: PivotModel): ResultColumn[] {
  const rowIds = new Set(model.rowDimensions.map((d) => d.id));
  const side = source.filter(
    (c) =>
      (c.role === 'dimension' && rowIds.has(c.id)) ||
      (c.role === 'label' && c.labelOf !== undefined && rowIds.has(c.labelOf)),
  );
  const cells = model.columns.flatMap((column) =>
    model.measures.map(
      (measure): ResultColumn => ({
        id: cellId(measure.id, column.key),
        label: `${column.labels.join(' · ')} — ${measure.label}`,
        type: 'number',
        role: 'measure',
        ...(measure.format ? { format: measure.format } : {}),
      }),
    ),
  );
  return [...side, ...cells];
}

/**
 * Depth first, each group's row after its children (« Sous-total » in its first rolled-up
 * dimension, as the long export writes them). `level` is the group's `_grouping` mask over the
 * row dimensions.
 */
function flatten(model: PivotModel, labelled: readonly boolean[]): ExportRow[] {
  const depthCount = model.rowDimensions.length;
  const out: ExportRow[] = [];
  const visit = (node: PivotNode, path: readonly PivotNode[]) => {
    const line = [...path, node];
    for (const child of node.children) visit(child, line);
    const side: Cell[] = [];
    model.rowDimensions.forEach((_d, i) => {
      const at = line[i];
      side.push(at ? at.code : null);
      // The node's display text: its label, or its code when the label is missing.
      if (labelled[i]) side.push(at ? at.label : null);
    });
    const values: Cell[] = model.columns.flatMap((column) =>
      model.measures.map((_m, m) => node.cells.get(column.key)?.[m] ?? null),
    );
    out.push({ cells: [...side, ...values], level: 2 ** (depthCount - node.depth) - 1 });
  };
  for (const root of model.roots) visit(root, []);
  return out;
}
