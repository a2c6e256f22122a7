/**
 * The default SQL compiler: walks the node tree and writes SQL text plus positional parameters
 * (`$1, $2…`, understood by DuckDB node-api and postgres.js alike). Dialects subclass it and
 * override a few hooks (identifier quoting, type names, binary collation). Values only enter
 * through `param` nodes; identifiers only through `quoteIdentifier`.
 */
import { CatalogueError } from '../spec/errors.ts';
import type {
  ExprNode,
  FromNode,
  NodeKind,
  OrderItemNode,
  ParamNode,
  SelectNode,
  SqlNode,
  SqlParam,
  SqlType,
  UnionAllNode,
} from './nodes.ts';

export interface RenderedSql {
  readonly sql: string;
  readonly params: SqlParam[];
}

/**
 * Accent folding by `translate`: both engines have it and give identical results, whereas
 * DuckDB's `strip_accents` has no built-in PostgreSQL twin (`unaccent` is an extension).
 * Upper-case accented letters are listed too, so the result does not depend on how the
 * engine's `lower()` treats non-ASCII letters (libc locale on PostgreSQL).
 */
export const FOLD_FROM = 'àáâãäåÀÁÂÃÄÅçÇèéêëÈÉÊËìíîïÌÍÎÏñÑòóôõöøÒÓÔÕÖØùúûüÙÚÛÜýÿÝŸŒÆ';
export const FOLD_TO = 'aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyyyœæ';

/** Quoted identifiers per dialect class: catalogue names are few and repeat in every query. */
const quotedCache = new WeakMap<object, Map<string, string>>();

type Visitor = {
  readonly [K in NodeKind]: (compiler: DefaultCompiler, node: Extract<SqlNode, { kind: K }>) => string;
};

export class DefaultCompiler {
  private params: SqlParam[] = [];
  private readonly indexes = new Map<ParamNode, number>();

  compile(query: SelectNode): RenderedSql {
    this.params = [];
    this.indexes.clear();
    const sql = this.node(query);
    return { sql, params: this.params };
  }

  // ---- dialect hooks -------------------------------------------------------------------

  quoteIdentifier(name: string): string {
    if (name.length === 0 || name.includes('\u0000')) throw new CatalogueError(`Identifiant SQL invalide.`);
    return `"${name.replace(/"/g, '""')}"`;
  }

  typeName(type: SqlType): string {
    const names: Record<SqlType, string> = {
      double: 'DOUBLE',
      bigint: 'BIGINT',
      integer: 'INTEGER',
      text: 'VARCHAR',
      date: 'DATE',
    };
    return names[type];
  }

  /** Byte-wise text ordering; DuckDB already compares strings that way. */
  binaryCollate(sql: string): string {
    return sql;
  }

  /**
   * `expr` contains a literal text. DuckDB: its substring search, binding the bare needle (a
   * LIKE with ESCAPE is not optimised into it). The parameters are rendered lazily: only the
   * one used is bound.
   */
  textContains(expr: string, needle: () => string, _pattern: () => string): string {
    return `contains(${expr}, ${needle()})`;
  }

  /** `list` holds one of `values`; DuckDB: `list_has_any` on a typed list of the parameters. */
  listHasAny(list: string, values: readonly string[]): string {
    return `list_has_any(${list}, [${values.map((v) => `CAST(${v} AS VARCHAR)`).join(', ')}])`;
  }

  /** ISO date text; DuckDB's cast is always ISO. */
  dateText(sql: string): string {
    return `CAST(${sql} AS ${this.typeName('text')})`;
  }

  /** quoteIdentifier, memoised per dialect (identifiers come only from the catalogue). */
  protected identifier(name: string): string {
    let cache = quotedCache.get(this.constructor);
    if (!cache) {
      cache = new Map();
      quotedCache.set(this.constructor, cache);
    }
    let quoted = cache.get(name);
    if (quoted === undefined) {
      quoted = this.quoteIdentifier(name);
      if (cache.size < 10_000) cache.set(name, quoted);
    }
    return quoted;
  }

  // ---- tree walk -----------------------------------------------------------------------

  protected node(node: SqlNode): string {
    const visit = DefaultCompiler.visitor[node.kind] as (c: DefaultCompiler, n: SqlNode) => string;
    return visit(this, node);
  }

  /** One visitor for all instances (built once): a missing node kind does not compile. */
  private static readonly visitor: Visitor = {
    column: (c, n) => (n.table === undefined ? '' : `${c.identifier(n.table)}.`) + c.identifier(n.name),
    param: (c, n) => c.param(n),
    integer: (_c, n) => {
      if (!Number.isSafeInteger(n.value)) throw new CatalogueError('Entier SQL invalide.');
      return String(n.value);
    },
    compare: (c, n) => `${c.operand(n.left)} ${n.op} ${c.operand(n.right)}`,
    and: (c, n) => n.items.map((i) => c.condition(i)).join(' AND '),
    or: (c, n) => n.items.map((i) => c.condition(i)).join(' OR '),
    inList: (c, n) =>
      `${c.operand(n.expr)} ${n.negated ? 'NOT IN' : 'IN'} (${n.list.map((i) => c.node(i)).join(', ')})`,
    inSubquery: (c, n) => `${c.operand(n.expr)} IN (${c.node(n.query)})`,
    exists: (c, n) => `EXISTS (${c.node(n.query)})`,
    between: (c, n) => `${c.operand(n.expr)} BETWEEN ${c.operand(n.low)} AND ${c.operand(n.high)}`,
    isNull: (c, n) => `${c.operand(n.expr)} IS ${n.negated ? 'NOT NULL' : 'NULL'}`,
    same: (c, n) => `${c.operand(n.left)} IS NOT DISTINCT FROM ${c.operand(n.right)}`,
    like: (c, n) => `${c.operand(n.expr)} LIKE ${c.operand(n.pattern)} ESCAPE '\\'`,
    textContains: (c, n) =>
      c.textContains(
        c.operand(n.expr),
        () => c.param(n.needle),
        () => c.param(n.pattern),
      ),
    listHasAny: (c, n) =>
      c.listHasAny(
        c.operand(n.expr),
        n.values.map((v) => c.param(v)),
      ),
    cast: (c, n) => `CAST(${c.node(n.expr)} AS ${c.typeName(n.to)})`,
    call: (c, n) =>
      `${n.fn.toUpperCase()}(${n.distinct ? 'DISTINCT ' : ''}${n.args.map((a) => c.node(a)).join(', ')})`,
    countStar: () => 'COUNT(*)',
    divide: (c, n) => `${c.operand(n.left)} / ${c.operand(n.right)}`,
    case: (c, n) =>
      `CASE WHEN ${c.node(n.when)} THEN ${c.node(n.result)}` +
      (n.otherwise === undefined ? '' : ` ELSE ${c.node(n.otherwise)}`) +
      ' END',
    fold: (c, n) => `translate(lower(${c.node(n.expr)}), '${FOLD_FROM}', '${FOLD_TO}')`,
    binaryCollate: (c, n) => c.binaryCollate(c.operand(n.expr)),
    dateText: (c, n) => c.dateText(c.node(n.expr)),
    selectItem: (c, n) => `${c.node(n.expr)} AS ${c.identifier(n.alias)}`,
    table: (c, n) => `${c.identifier(n.name)} AS ${c.identifier(n.alias)}`,
    subquery: (c, n) => `(${c.node(n.query)}) AS ${c.identifier(n.alias)}`,
    leftJoin: (c, n) => `${c.from(n.left)} LEFT JOIN ${c.from(n.right)} ON ${c.node(n.on)}`,
    unnestJoin: (c, n) =>
      `${c.from(n.left)} LEFT JOIN LATERAL (SELECT ${n.lists
        .map((l) => `unnest(${c.node(l)}) AS ${c.identifier(l.name)}`)
        .join(', ')}) AS ${c.identifier(n.alias)} ON TRUE`,
    orderItem: (c, n) => c.orderItem(n),
    cte: (c, n) => `${c.identifier(n.name)} AS (${c.node(n.query)})`,
    select: (c, n) => c.select(n),
    unionAll: (c, n) => c.unionAll(n),
  };

  private param(node: ParamNode): string {
    let index = this.indexes.get(node);
    if (index === undefined) {
      this.params.push(node.value);
      index = this.params.length;
      this.indexes.set(node, index);
    }
    return `$${index}`;
  }

  /** AND / OR nested in one another are parenthesised: precedence never depends on the reader. */
  private condition(node: ExprNode): string {
    const sql = this.node(node);
    return node.kind === 'and' || node.kind === 'or' ? `(${sql})` : sql;
  }

  /** Compound operands of a comparison, LIKE, BETWEEN or division are parenthesised. */
  private operand(node: ExprNode): string {
    const sql = this.node(node);
    return node.kind === 'and' || node.kind === 'or' || node.kind === 'compare' || node.kind === 'divide'
      ? `(${sql})`
      : sql;
  }

  private from(node: FromNode): string {
    return this.node(node);
  }

  private orderItem(n: OrderItemNode): string {
    return `${this.node(n.expr)} ${n.dir.toUpperCase()} NULLS ${n.nulls.toUpperCase()}`;
  }

  private select(n: SelectNode): string {
    const parts: string[] = [];
    if (n.with && n.with.length > 0) parts.push(`WITH ${n.with.map((c) => this.node(c)).join(', ')}`);
    parts.push(`SELECT ${n.items.map((i) => this.node(i)).join(', ')}`);
    parts.push(`FROM ${this.from(n.from)}`);
    if (n.where) parts.push(`WHERE ${this.node(n.where)}`);
    const sets = n.groupingSets;
    if (sets && sets.length === 1 && sets[0] && sets[0].length > 0) {
      parts.push(`GROUP BY ${sets[0].map((e) => this.node(e)).join(', ')}`);
    } else if (sets && sets.length > 1) {
      const rendered = sets.map((s) => `(${s.map((e) => this.node(e)).join(', ')})`);
      parts.push(`GROUP BY GROUPING SETS (${rendered.join(', ')})`);
    }
    if (n.orderBy && n.orderBy.length > 0)
      parts.push(`ORDER BY ${n.orderBy.map((o) => this.node(o)).join(', ')}`);
    if (n.limit) parts.push(`LIMIT ${this.node(n.limit)}`);
    if (n.offset) parts.push(`OFFSET ${this.node(n.offset)}`);
    return parts.join(' ');
  }

  private unionAll(n: UnionAllNode): string {
    return n.queries.map((q) => `(${this.node(q)})`).join(' UNION ALL ');
  }
}
