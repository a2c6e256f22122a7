/**
 * Planned filter → boolean expression over the warehouse table. Values become parameters;
 * text comparisons are byte-wise on every engine. `contains` ignores case and accents: on a
 * dimension with a `searchColumn` (folded at load time by `searchText`) the search is folded
 * here, in JS, and looked up as a plain substring (`textContains`) — in the dimension's entity
 * table first when it has one (`inEntitySearch`); otherwise both sides are folded with the same
 * SQL expression. Either way DuckDB and PostgreSQL match the same rows.
 */
import type { DimensionDefinition } from '../catalogue/types.ts';
import {
  and,
  cast,
  cmp,
  col,
  type ExprNode,
  int,
  isNull,
  item,
  or,
  type ParamNode,
  param,
  type SelectNode,
} from './nodes.ts';
import type { PlannedFilter } from './plan.ts';
import { foldForSearch } from './search-text.ts';

export const TABLE_ALIAS = 't';

export function isTextDimension(dim: DimensionDefinition): boolean {
  return dim.type === 'text' || dim.type === 'code' || dim.type === 'geo' || dim.type === 'tags';
}

/** `\`, `%` and `_` are literal in a user's search; the LIKE uses ESCAPE '\'. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function valueNode(dim: DimensionDefinition, value: string | number): ExprNode {
  const p = param(value);
  return dim.type === 'date' ? cast(p, 'date') : p;
}

function comparable(dim: DimensionDefinition, expr: ExprNode): ExprNode {
  return isTextDimension(dim) ? { kind: 'binaryCollate', expr } : expr;
}

const folded = (expr: ExprNode): ExprNode => ({ kind: 'fold', expr: cast(expr, 'text') });

const ENTITY_ALIAS = 'e';

/**
 * `code IN (SELECT code FROM <entity table> WHERE <search>)`: the search runs on the distinct
 * values (~500 000 beneficiaries) instead of every line (10M), and the lines are kept by a
 * semi-join on the code they are read by anyway. Every other filter (scope, locked filters)
 * still applies to the lines, unchanged.
 */
function inEntitySearch(dim: DimensionDefinition, entityTable: string, search: ExprNode): ExprNode {
  const code = col(dim.column, ENTITY_ALIAS);
  const query: SelectNode = {
    kind: 'select',
    items: [item(code, dim.column)],
    from: { kind: 'table', name: entityTable, alias: ENTITY_ALIAS },
    where: search,
  };
  return { kind: 'inSubquery', expr: col(dim.column, TABLE_ALIAS), query };
}

/**
 * A multi-valued dimension (tags: a list per line) is filtered on the whole list: `in` keeps
 * the lines holding any of the values, `not_in` those holding none (and untagged lines), so a
 * filter means the same whether or not the query also groups by the tags.
 */
function listFilterExpr(f: PlannedFilter): ExprNode {
  const ref = col(f.dimension.column, TABLE_ALIAS);
  const hasAny: ExprNode = { kind: 'listHasAny', expr: ref, values: f.values.map((v) => param(v)) };
  switch (f.op) {
    case 'eq':
    case 'in':
      return hasAny;
    case 'neq':
    case 'not_in':
      return or([
        isNull(ref),
        cmp('=', { kind: 'case', when: hasAny, result: int(1), otherwise: int(0) }, int(0)),
      ]);
    case 'is_null':
      return isNull(ref);
    case 'not_null':
      return isNull(ref, true);
    default:
      // plan.ts refuses every other operator on a tags dimension.
      throw new Error(`opérateur ${f.op} sur une liste`);
  }
}

function filterExpr(f: PlannedFilter): ExprNode {
  const dim = f.dimension;
  if (dim.type === 'tags') return listFilterExpr(f);
  const ref = col(dim.column, TABLE_ALIAS);
  const values = f.values.map((v) => valueNode(dim, v));
  const first = values[0] as ExprNode;
  switch (f.op) {
    case 'eq':
      return cmp('=', ref, first);
    // Negations keep rows where the field is empty: « tout sauf 35 » includes the unknowns.
    case 'neq':
      return or([cmp('<>', ref, first), isNull(ref)]);
    case 'in':
      return { kind: 'inList', expr: ref, list: values, negated: false };
    case 'not_in':
      return or([{ kind: 'inList', expr: ref, list: values, negated: true }, isNull(ref)]);
    case 'between':
      return { kind: 'between', expr: comparable(dim, ref), low: first, high: values[1] as ExprNode };
    case 'gt':
      return cmp('>', comparable(dim, ref), first);
    case 'gte':
      return cmp('>=', comparable(dim, ref), first);
    case 'lt':
      return cmp('<', comparable(dim, ref), first);
    case 'lte':
      return cmp('<=', comparable(dim, ref), first);
    case 'contains': {
      const search = String(f.values[0]);
      // Folded once at load time: a substring search on a plain column, no per-row folding.
      const searchColumn = dim.searchColumn;
      if (searchColumn) {
        const needle = foldForSearch(search);
        const contains = (table: string): ExprNode => ({
          kind: 'textContains',
          expr: col(searchColumn, table),
          needle: param(needle),
          pattern: param(`%${escapeLike(needle)}%`),
        });
        return dim.entityTable
          ? inEntitySearch(dim, dim.entityTable, contains(ENTITY_ALIAS))
          : contains(TABLE_ALIAS);
      }
      const pattern: ParamNode = param(`%${escapeLike(search)}%`);
      const like = (expr: ExprNode): ExprNode => ({
        kind: 'like',
        expr: folded(expr),
        pattern: folded(pattern),
      });
      // A labelled code (commune, programme…) is found by its code or by its name.
      return dim.labelColumn ? or([like(ref), like(col(dim.labelColumn, TABLE_ALIAS))]) : like(ref);
    }
    case 'starts_with':
      return {
        kind: 'like',
        expr: cast(ref, 'text'),
        pattern: cast(param(`${escapeLike(String(f.values[0]))}%`), 'text'),
      };
    case 'is_null':
      return isNull(ref);
    case 'not_null':
      return isNull(ref, true);
    case 'last_n_years':
      // Resolved into `gte` by plan.ts; kept for exhaustiveness.
      return cmp('>=', ref, first);
  }
}

/** All filters ANDed, or undefined when there are none. */
export function whereExpr(filters: readonly PlannedFilter[]): ExprNode | undefined {
  return filters.length === 0 ? undefined : and(filters.map(filterExpr));
}
