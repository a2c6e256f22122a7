/**
 * Routing of specs to pre-aggregations (catalogue/rollups.ts). Pure, except
 * `loadRollupRoutes` which reads the rollups' sizes once at start.
 *
 * A spec goes to a rollup only when the rollup answers it exactly: every field it touches
 * (dimensions, filters, locked filters, sort, subtotals, the caller's scope field) is one of
 * the rollup's dimensions, and every measure maps (no avg, count_distinct only on a grouping
 * column). The plan is carried over to the rollup's dataset definition (same ids, labels,
 * formats; `planOnDataset`), so columns, rows, totals and provenance are those of the base table.
 */
import type { Catalogue, DatasetDefinition, QueryPlan, QueryResult } from '@dataetat/widgets';
import { type RollupDefinition, rollupDataset } from '../catalogue/rollups.ts';
import { quoteIdentifier, type Warehouse } from '../warehouse/types.ts';

export interface RollupTarget {
  readonly definition: RollupDefinition;
  /** The rollup as a dataset: same id as its base, its own table and measure expressions. */
  readonly dataset: DatasetDefinition;
  /** Rows of the rollup table when known (smaller is preferred), else Infinity. */
  readonly rows: number;
  /** Ids of the base `count` measures: SUM(row_count) is NULL, not 0, over no rows. */
  readonly countMeasures: ReadonlySet<string>;
}

/** Rollup targets by dataset id, smallest first. */
export type RollupRoutes = ReadonlyMap<string, readonly RollupTarget[]>;

/**
 * Targets for the given rollups; `rows` (table → row count) orders them and, when given,
 * restricts them to the tables that exist (a rollup never built is never routed to).
 */
export function prepareRollups(
  catalogue: Catalogue,
  definitions: readonly RollupDefinition[],
  rows?: ReadonlyMap<string, number>,
): RollupRoutes {
  const routes = new Map<string, RollupTarget[]>();
  for (const definition of definitions) {
    const base = catalogue.get(definition.dataset);
    if (!base) continue;
    if (rows && !rows.has(definition.table)) continue;
    const dataset = rollupDataset(base, definition);
    const target: RollupTarget = {
      definition,
      dataset,
      rows: rows?.get(definition.table) ?? Number.POSITIVE_INFINITY,
      countMeasures: new Set(base.measures.filter((m) => m.aggregate.kind === 'count').map((m) => m.id)),
    };
    routes.set(base.id, [...(routes.get(base.id) ?? []), target]);
  }
  // Smallest first; at equal size the narrower table (an entity table before région × bénéficiaire,
  // which has as many rows when every beneficiary is paid in one région) reads fewer columns.
  const narrower = (a: RollupTarget, b: RollupTarget) =>
    a.rows - b.rows || a.dataset.dimensions.length - b.dataset.dimensions.length;
  for (const targets of routes.values()) targets.sort(narrower);
  return routes;
}

/**
 * Targets for the rollups present in the warehouse, ordered by their actual row counts. A
 * rollup missing (never built: its dataset's last load failed before it existed) is skipped.
 */
export async function loadRollupRoutes(
  warehouse: Warehouse,
  catalogue: Catalogue,
  definitions: readonly RollupDefinition[],
): Promise<RollupRoutes> {
  const rows = new Map<string, number>();
  for (const { table } of definitions) {
    if (!(await warehouse.tableExists(table))) continue;
    const result = await warehouse.query(`SELECT count(*) FROM ${quoteIdentifier(table)}`);
    rows.set(table, Number(result.rows[0]?.[0]));
  }
  return prepareRollups(catalogue, definitions, rows);
}

/** Dimension ids a plan touches: its dimensions and every filter, locked and scope ones included. */
function fieldsOf(plan: QueryPlan): Set<string> {
  const fields = new Set(plan.dimensions.map((d) => d.id));
  for (const f of plan.filters) fields.add(f.dimension.id);
  return fields;
}

function answers(target: RollupTarget, plan: QueryPlan, fields: ReadonlySet<string>): boolean {
  const { dimensions, measures } = target.dataset;
  const measureIds = new Set(measures.map((m) => m.id));
  const dimensionIds = new Set(dimensions.map((d) => d.id));
  if (!plan.measures.every((m) => measureIds.has(m.id))) return false;
  // Sort keys and subtotals point into the plan's dimensions and measures: covered above.
  for (const field of fields) if (!dimensionIds.has(field)) return false;
  return true;
}

/** The smallest rollup answering a (base-table) plan exactly, or null (base table). */
export function routeToRollup(plan: QueryPlan, routes: RollupRoutes): RollupTarget | null {
  const targets = routes.get(plan.dataset.id);
  if (!targets) return null;
  const fields = fieldsOf(plan);
  return targets.find((target) => answers(target, plan, fields)) ?? null;
}

/**
 * Over no rows at all (a grand total of an empty filter), COUNT(*) gives 0 but the rollup's
 * SUM(row_count) gives NULL: put the 0 back so the result is exactly the base table's.
 */
export function zeroEmptyCounts<T extends Pick<QueryResult, 'columns' | 'rows' | 'totals'>>(
  result: T,
  countMeasures: ReadonlySet<string>,
): T {
  const indexes = result.columns.flatMap((c, i) =>
    c.role === 'measure' && countMeasures.has(c.id) ? [i] : [],
  );
  if (indexes.length === 0) return result;
  const hasNull = (row: readonly unknown[]) => indexes.some((i) => row[i] === null);
  const rows = result.rows.some(hasNull)
    ? result.rows.map((row) =>
        hasNull(row) ? row.map((v, i) => (v === null && indexes.includes(i) ? 0 : v)) : row,
      )
    : result.rows;
  let totals = result.totals;
  for (const id of countMeasures) {
    if (id in totals && totals[id] === null) totals = { ...totals, [id]: 0 };
  }
  return { ...result, rows, totals };
}
