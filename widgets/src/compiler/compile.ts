/**
 * The pipeline (STYLE.md « Compiler = typed pipeline »):
 * unknown spec → shape check (TypeBox) → plan (catalogue, security) → node tree → dialect SQL.
 * Pure and synchronous: no I/O, nothing cached between calls but the compiled schema validator.
 */
import type { Catalogue } from '../catalogue/types.ts';
import type { QuerySpec, ResultColumn, SecurityContext } from '../spec/types.ts';
import { validateSpecShape } from '../spec/validate.ts';
import { buildQuery, GROUPING_COLUMN, type RawSlot } from './build.ts';
import { createCompiler, type Dialect } from './dialects/index.ts';
import type { SqlParam } from './nodes.ts';
import { buildPlan, type CompileOptions, type QueryPlan } from './plan.ts';
import type { ResultLayout } from './shape.ts';

export interface CompileQueryOptions extends CompileOptions {
  readonly dialect: Dialect;
}

export interface CompiledQuery {
  readonly dialect: Dialect;
  /** One statement; values only as `$n` parameters. */
  readonly sql: string;
  readonly params: SqlParam[];
  /** Columns of the shaped result (internal columns removed). */
  readonly columns: readonly ResultColumn[];
  /** Effective limit (after the cap) and offset. */
  readonly limit: number;
  readonly offset: number;
  /** True when the spec asked for more rows than `maxLimit`. */
  readonly limitCapped: boolean;
  /** How raw rows map to the result; read by shapeResult. */
  readonly layout: ResultLayout;
}

function columnOf(slot: RawSlot): ResultColumn | null {
  switch (slot.role) {
    case 'dimension': {
      const d = slot.dimension;
      return {
        id: d.id,
        role: 'dimension',
        type: d.type,
        ...(d.level ? { level: d.level } : {}),
        ...(d.axis ? { axis: d.axis } : {}),
        label: d.label,
      };
    }
    case 'label':
      return {
        id: `${slot.dimension.id}_label`,
        role: 'label',
        type: 'text',
        labelOf: slot.dimension.id,
        label: `${slot.dimension.label} (libellé)`,
      };
    case 'measure':
      return {
        id: slot.measure.id,
        role: 'measure',
        type: 'number',
        format: slot.measure.format,
        label: slot.measure.label,
      };
    case 'grouping':
      return { id: GROUPING_COLUMN, role: 'grouping', type: 'number', label: 'Niveau de regroupement' };
    case 'others':
      return null;
  }
}

/** A spec checked and resolved against the catalogue, before any SQL. */
export interface PlannedQuery {
  readonly spec: QuerySpec;
  readonly plan: QueryPlan;
}

/** Shape check, then plan: every name looked up, every rule checked (SpecError otherwise). */
export function planQuery(
  spec: unknown,
  catalogue: Catalogue,
  ctx: SecurityContext,
  options: CompileOptions,
): PlannedQuery {
  const valid = validateSpecShape(spec);
  return { spec: valid, plan: buildPlan(valid, catalogue, ctx, options) };
}

/** Plan → SQL of one dialect, with the layout `shapeResult` needs. */
export function renderQuery(plan: QueryPlan, dialect: Dialect): CompiledQuery {
  const built = buildQuery(plan);
  const { sql, params } = createCompiler(dialect).compile(built.query);
  const exposeGrouping =
    (plan.subtotalLevels.length > 0 || plan.acrossCount > 0) && plan.dimensions.length > 0;
  const columns = built.slots
    .filter((s) => s.role !== 'grouping' || exposeGrouping)
    .map(columnOf)
    .filter((c): c is ResultColumn => c !== null);
  return {
    dialect,
    sql,
    params,
    columns,
    limit: plan.limit,
    offset: plan.offset,
    limitCapped: plan.limitCapped,
    layout: {
      slots: built.slots,
      grandTotalMask: built.grandTotalMask,
      exposeGrouping,
      totals: plan.totals,
      limit: plan.limit,
      dimensionCount: plan.dimensions.length,
    },
  };
}

export function compileQuery(
  spec: unknown,
  catalogue: Catalogue,
  ctx: SecurityContext,
  options: CompileQueryOptions,
): CompiledQuery {
  return renderQuery(planQuery(spec, catalogue, ctx, options).plan, options.dialect);
}
