/**
 * Routing of specs to pre-aggregations (catalogue/rollups.ts). Pure, except
 * `loadRollupRoutes` which reads the rollups' sizes once at start.
 *
 * A spec goes to a rollup only when the rollup answers it exactly: every field it touches
 * (dimensions, filters, locked filters, sort, subtotals, the caller's scope field) is one of
 * the rollup's dimensions, and every measure maps (no avg, count_distinct only on a grouping
 * column). The spec is compiled unchanged against the rollup's dataset definition (same ids,
 * labels, formats), so columns, rows, totals and provenance are those of the base table.
 */
import type {
  Catalogue,
  DatasetDefinition,
  QueryResult,
  QuerySpec,
  SecurityContext,
} from '@dataetat/widgets';
import { type RollupDefinition, rollupDataset } from '../catalogue/rollups.ts';
import { quoteIdentifier, type Warehouse } from '../warehouse/types.ts';

export interface RollupTarget {
  readonly definition: RollupDefinition;
  /** The rollup as a dataset: same id as its base, its own table and measure expressions. */
  readonly dataset: DatasetDefinition;
  /** The catalogue with the base dataset replaced by the rollup (what the compiler gets). */
  readonly catalogue: Catalogue;
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
      catalogue: new Map(catalogue).set(base.id, dataset),
      rows: rows?.get(definition.table) ?? Number.POSITIVE_INFINITY,
      countMeasures: new Set(base.measures.filter((m) => m.aggregate.kind === 'count').map((m) => m.id)),
    };
    routes.set(base.id, [...(routes.get(base.id) ?? []), target]);
  }
  for (const targets of routes.values()) targets.sort((a, b) => a.rows - b.rows);
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

/** Dimension ids a (valid) spec needs, security filters included. */
function fieldsOf(spec: QuerySpec, context: SecurityContext, base: DatasetDefinition): Set<string> {
  const fields = new Set<string>(spec.dimensions ?? []);
  for (const f of spec.filters ?? []) fields.add(f.field);
  for (const f of context.lockedFilters ?? []) fields.add(f.field);
  for (const s of spec.sort ?? []) fields.add(s.field);
  for (const s of spec.subtotals ?? []) fields.add(s);
  if (context.scope !== 'NAT' && base.scopeField != null) fields.add(base.scopeField);
  return fields;
}

function answers(target: RollupTarget, spec: QuerySpec, fields: ReadonlySet<string>): boolean {
  const { dimensions, measures } = target.dataset;
  const measureIds = new Set(measures.map((m) => m.id));
  const dimensionIds = new Set(dimensions.map((d) => d.id));
  if (!spec.measures.every((id) => measureIds.has(id))) return false;
  // Sort fields may be measures; every other field is a dimension.
  for (const field of fields) {
    if (!dimensionIds.has(field) && !measureIds.has(field)) return false;
  }
  return true;
}

/**
 * The smallest rollup answering `spec` exactly, or null (base table). `spec` must already be
 * valid against the base catalogue (QueryService compiles it first).
 */
export function routeToRollup(
  spec: QuerySpec,
  context: SecurityContext,
  catalogue: Catalogue,
  routes: RollupRoutes,
): RollupTarget | null {
  const targets = routes.get(spec.dataset);
  const base = catalogue.get(spec.dataset);
  if (!targets || !base) return null;
  const fields = fieldsOf(spec, context, base);
  return targets.find((target) => answers(target, spec, fields)) ?? null;
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
