/**
 * The SQL node tree: a closed union of small, readonly node kinds (kysely-style). Nothing here
 * holds SQL text: identifiers are catalogue names quoted by the dialect, values are `param`
 * nodes rendered as `$n`, and the only literals are small integers chosen by the compiler.
 * Adding a kind will not compile until render.ts handles it (`Record<NodeKind, …>`).
 */

export type SqlParam = string | number | boolean | null;

export type SqlType = 'double' | 'bigint' | 'integer' | 'text' | 'date';

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export interface ColumnNode {
  readonly kind: 'column';
  /** Table or CTE alias qualifying the column, when there is one. */
  readonly table?: string;
  readonly name: string;
}

/** A bound value. The same node rendered twice reuses the same `$n`. */
export interface ParamNode {
  readonly kind: 'param';
  readonly value: SqlParam;
}

/** An integer chosen by the compiler itself (0, 1 in CASE / grouping tests), never user input. */
export interface IntegerNode {
  readonly kind: 'integer';
  readonly value: number;
}

export interface CompareNode {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: ExprNode;
  readonly right: ExprNode;
}

export interface AndNode {
  readonly kind: 'and';
  readonly items: readonly ExprNode[];
}

export interface OrNode {
  readonly kind: 'or';
  readonly items: readonly ExprNode[];
}

export interface InListNode {
  readonly kind: 'inList';
  readonly expr: ExprNode;
  readonly list: readonly ExprNode[];
  readonly negated: boolean;
}

export interface InSubqueryNode {
  readonly kind: 'inSubquery';
  readonly expr: ExprNode;
  readonly query: SelectNode;
}

export interface ExistsNode {
  readonly kind: 'exists';
  readonly query: SelectNode;
}

export interface BetweenNode {
  readonly kind: 'between';
  readonly expr: ExprNode;
  readonly low: ExprNode;
  readonly high: ExprNode;
}

export interface IsNullNode {
  readonly kind: 'isNull';
  readonly expr: ExprNode;
  readonly negated: boolean;
}

/** `a IS NOT DISTINCT FROM b`: null-safe equality (matching subtotal rows to page rows). */
export interface SameNode {
  readonly kind: 'same';
  readonly left: ExprNode;
  readonly right: ExprNode;
}

/** `expr LIKE pattern ESCAPE '\'`; the pattern is always a bound, pre-escaped parameter. */
export interface LikeNode {
  readonly kind: 'like';
  readonly expr: ExprNode;
  readonly pattern: ExprNode;
}

/**
 * `expr` contains the literal text `needle` (byte-wise). Each dialect renders it its fastest
 * way and binds only the parameter it uses: DuckDB `contains(expr, needle)` (a LIKE with ESCAPE
 * is not turned into its substring search and runs 2–3× slower), PostgreSQL
 * `expr LIKE pattern ESCAPE '\'` (`pattern` = `%` + LIKE-escaped needle + `%`, which a
 * trigram index can serve).
 */
export interface TextContainsNode {
  readonly kind: 'textContains';
  readonly expr: ExprNode;
  readonly needle: ParamNode;
  readonly pattern: ParamNode;
}

/**
 * A list column (a line's tags) holds at least one of `values`: the `in` of a multi-valued
 * dimension (« has any of »). DuckDB `list_has_any`, PostgreSQL `&&` (array overlap); NULL on a
 * NULL list, like any comparison with NULL.
 */
export interface ListHasAnyNode {
  readonly kind: 'listHasAny';
  readonly expr: ExprNode;
  readonly values: readonly ParamNode[];
}

export interface CastNode {
  readonly kind: 'cast';
  readonly expr: ExprNode;
  readonly to: SqlType;
}

export type FunctionName = 'sum' | 'min' | 'max' | 'count' | 'nullif' | 'grouping';

export interface CallNode {
  readonly kind: 'call';
  readonly fn: FunctionName;
  readonly args: readonly ExprNode[];
  readonly distinct?: boolean;
}

/** `COUNT(*)`. */
export interface CountStarNode {
  readonly kind: 'countStar';
}

export interface DivideNode {
  readonly kind: 'divide';
  readonly left: ExprNode;
  readonly right: ExprNode;
}

export interface CaseNode {
  readonly kind: 'case';
  readonly when: ExprNode;
  readonly result: ExprNode;
  /** Omitted: NULL. */
  readonly otherwise?: ExprNode;
}

/** Case- and accent-insensitive form of a text, identical on every dialect. */
export interface FoldNode {
  readonly kind: 'fold';
  readonly expr: ExprNode;
}

/** A text compared or sorted byte-wise (code point order) on every dialect. */
export interface BinaryCollateNode {
  readonly kind: 'binaryCollate';
  readonly expr: ExprNode;
}

/** A DATE as ISO `YYYY-MM-DD` text, whatever the session's date style. */
export interface DateTextNode {
  readonly kind: 'dateText';
  readonly expr: ExprNode;
}

export type ExprNode =
  | ColumnNode
  | ParamNode
  | IntegerNode
  | CompareNode
  | AndNode
  | OrNode
  | InListNode
  | InSubqueryNode
  | ExistsNode
  | BetweenNode
  | IsNullNode
  | SameNode
  | LikeNode
  | TextContainsNode
  | ListHasAnyNode
  | CastNode
  | CallNode
  | CountStarNode
  | DivideNode
  | CaseNode
  | FoldNode
  | BinaryCollateNode
  | DateTextNode;

export interface SelectItemNode {
  readonly kind: 'selectItem';
  readonly expr: ExprNode;
  readonly alias: string;
}

export interface TableNode {
  readonly kind: 'table';
  readonly name: string;
  readonly alias: string;
}

export interface SubqueryNode {
  readonly kind: 'subquery';
  readonly query: SelectNode | UnionAllNode;
  readonly alias: string;
}

export interface LeftJoinNode {
  readonly kind: 'leftJoin';
  readonly left: FromNode;
  readonly right: FromNode;
  readonly on: ExprNode;
}

/**
 * `left LEFT JOIN LATERAL (SELECT unnest(a) AS a, unnest(b) AS b) AS alias ON TRUE`: one row per
 * element of parallel list columns (a line's tag codes and labels, unnested in step on both
 * engines), the line kept once with NULLs when its lists are NULL. Grouping by a multi-valued
 * dimension reads the elements through `alias`.
 */
export interface UnnestJoinNode {
  readonly kind: 'unnestJoin';
  readonly left: FromNode;
  readonly lists: readonly ColumnNode[];
  readonly alias: string;
}

export type FromNode = TableNode | SubqueryNode | LeftJoinNode | UnnestJoinNode;

export interface OrderItemNode {
  readonly kind: 'orderItem';
  readonly expr: ExprNode;
  readonly dir: 'asc' | 'desc';
  /** Always explicit: engines disagree on the default. */
  readonly nulls: 'first' | 'last';
}

export interface CteNode {
  readonly kind: 'cte';
  readonly name: string;
  readonly query: SelectNode;
}

export interface SelectNode {
  readonly kind: 'select';
  readonly with?: readonly CteNode[];
  readonly items: readonly SelectItemNode[];
  readonly from: FromNode;
  readonly where?: ExprNode;
  /** One set: plain GROUP BY; several: GROUPING SETS. */
  readonly groupingSets?: readonly (readonly ExprNode[])[];
  readonly orderBy?: readonly OrderItemNode[];
  readonly limit?: ExprNode;
  readonly offset?: ExprNode;
}

export interface UnionAllNode {
  readonly kind: 'unionAll';
  readonly queries: readonly SelectNode[];
}

export type SqlNode =
  | ExprNode
  | SelectItemNode
  | TableNode
  | SubqueryNode
  | LeftJoinNode
  | UnnestJoinNode
  | OrderItemNode
  | CteNode
  | SelectNode
  | UnionAllNode;

export type NodeKind = SqlNode['kind'];

// Small factories keep the builders readable.
export const col = (name: string, table?: string): ColumnNode =>
  table === undefined ? { kind: 'column', name } : { kind: 'column', table, name };
export const param = (value: SqlParam): ParamNode => ({ kind: 'param', value });
export const int = (value: number): IntegerNode => ({ kind: 'integer', value });
export const cmp = (op: CompareOp, left: ExprNode, right: ExprNode): CompareNode => ({
  kind: 'compare',
  op,
  left,
  right,
});
export const and = (items: readonly ExprNode[]): ExprNode =>
  items.length === 1 && items[0] ? items[0] : { kind: 'and', items };
export const or = (items: readonly ExprNode[]): ExprNode =>
  items.length === 1 && items[0] ? items[0] : { kind: 'or', items };
export const isNull = (expr: ExprNode, negated = false): IsNullNode => ({ kind: 'isNull', expr, negated });
export const cast = (expr: ExprNode, to: SqlType): CastNode => ({ kind: 'cast', expr, to });
export const call = (fn: FunctionName, args: readonly ExprNode[], distinct = false): CallNode =>
  distinct ? { kind: 'call', fn, args, distinct } : { kind: 'call', fn, args };
export const item = (expr: ExprNode, alias: string): SelectItemNode => ({ kind: 'selectItem', expr, alias });
export const orderItem = (expr: ExprNode, dir: 'asc' | 'desc'): OrderItemNode => ({
  kind: 'orderItem',
  expr,
  dir,
  nulls: 'last',
});
