/**
 * Resolved plan → SQL node tree. Three shapes (see widgets/README.md for the SQL):
 *  - plain:    SELECT … GROUP BY … ORDER BY … LIMIT limit+1 (the extra row detects truncation);
 *  - grouped:  totals / subtotals. One statement: `agg` computes every grouping set at once
 *              (GROUPING SETS, `_grouping` = GROUPING(dims…)); `page` is the limited, sorted
 *              detail; the result is page UNION ALL the subtotal rows of the groups shown on
 *              the page UNION ALL the grand total, so the limit never cuts a total;
 *  - topN:     a `top` CTE ranks the first dimension by the first measure; other values are
 *              dropped, or with `others` folded into one bucket flagged by `_autres`.
 */
import type { DimensionDefinition, MeasureDefinition } from '../catalogue/types.ts';
import { isTextDimension, TABLE_ALIAS, whereExpr } from './filters.ts';
import { measureColumns, measureExpr, rowMeasureExpr } from './measures.ts';
import {
  and,
  type CteNode,
  call,
  cast,
  cmp,
  col,
  type ExprNode,
  type FromNode,
  int,
  isNull,
  item,
  type OrderItemNode,
  or,
  orderItem,
  param,
  type SelectItemNode,
  type SelectNode,
  type TableNode,
} from './nodes.ts';
import type { QueryPlan, SortKey } from './plan.ts';

/** What each column of a raw result row is, in select order (shape.ts reads rows with it). */
export type RawSlot =
  | { readonly role: 'dimension'; readonly dimension: DimensionDefinition }
  | { readonly role: 'label'; readonly dimension: DimensionDefinition }
  | { readonly role: 'measure'; readonly measure: MeasureDefinition }
  /** 1 on the « Autres » bucket of a topN with others, 0 otherwise, null when rolled up. */
  | { readonly role: 'others' }
  | { readonly role: 'grouping' };

export const GROUPING_COLUMN = '_grouping';
export const OTHERS_COLUMN = '_autres';

export interface BuiltQuery {
  readonly query: SelectNode;
  readonly slots: readonly RawSlot[];
  /** `_grouping` value of the grand-total row, or null when there is none in the rows. */
  readonly grandTotalMask: number | null;
}

/** Where grouped rows read from: the table itself, or the topN « Autres » bucketing CTE. */
interface Source {
  readonly ctes: readonly CteNode[];
  readonly from: FromNode;
  readonly where: ExprNode | undefined;
  readonly code: (i: number) => ExprNode;
  readonly label: (i: number) => ExprNode;
  readonly others: ExprNode | undefined;
  /** A measure's expression over a group of this source. */
  readonly measure: (m: MeasureDefinition) => ExprNode;
}

const table = (name: string, alias: string): TableNode => ({ kind: 'table', name, alias });
const tableColumn = (name: string): ExprNode => col(name, TABLE_ALIAS);

function labelColumnOf(dim: DimensionDefinition): string {
  // Callers only ask for labels of dimensions that have one.
  return dim.labelColumn ?? dim.column;
}

/** Alias of the unnested tags (one row per tag of a line) when a query groups by them. */
const UNNEST_ALIAS = 'tg';

/**
 * The dataset's table, joined to its unnested tags when the query groups by a multi-valued
 * dimension: a line then counts under each of its tags (and once, with no tag, when it has
 * none), so totals over tags may exceed the lines' own total. Filters still read the lists.
 */
function baseFrom(plan: QueryPlan): FromNode {
  const base = table(plan.dataset.table, TABLE_ALIAS);
  const listed = plan.dimensions.filter((d) => d.type === 'tags');
  if (listed.length === 0) return base;
  const lists = listed.flatMap((d) =>
    [d.column, d.labelColumn].filter((c): c is string => c !== undefined).map((c) => col(c, TABLE_ALIAS)),
  );
  return { kind: 'unnestJoin', left: base, lists, alias: UNNEST_ALIAS };
}

/** A grouped dimension's code (or label) column: a tag for a list dimension, else the line's. */
function dimensionColumn(dim: DimensionDefinition, name: string): ExprNode {
  return dim.type === 'tags' ? col(name, UNNEST_ALIAS) : tableColumn(name);
}

function plainSource(plan: QueryPlan, where: ExprNode | undefined, ctes: readonly CteNode[] = []): Source {
  return {
    ctes,
    from: baseFrom(plan),
    where,
    code: (i) => {
      const dim = plan.dimensions[i] as DimensionDefinition;
      return dimensionColumn(dim, dim.column);
    },
    label: (i) => {
      const dim = plan.dimensions[i] as DimensionDefinition;
      return dimensionColumn(dim, labelColumnOf(dim));
    },
    others: undefined,
    measure: (m) => measureExpr(m, tableColumn, plan.measureOf),
  };
}

function topSource(plan: QueryPlan, where: ExprNode | undefined, n: number, others: boolean): Source {
  const first = plan.dimensions[0] as DimensionDefinition;
  const firstMeasure = plan.measures[0] as MeasureDefinition;
  const code0 = dimensionColumn(first, first.column);
  // NULL codes are never ranked: they are « non renseigné », folded into « Autres » (or dropped).
  const top: SelectNode = {
    kind: 'select',
    items: [item(code0, 'k')],
    from: baseFrom(plan),
    where: and([...(where ? [where] : []), isNull(code0, true)]),
    groupingSets: [[code0]],
    orderBy: [
      orderItem(measureExpr(firstMeasure, tableColumn, plan.measureOf), 'desc'),
      orderItem(sortable(first, code0), 'asc'),
    ],
    limit: param(n),
  };
  const topCte: CteNode = { kind: 'cte', name: 'top', query: top };
  if (!others) {
    const inTop: ExprNode = {
      kind: 'inSubquery',
      expr: code0,
      query: { kind: 'select', items: [item(col('k', 'top'), 'k')], from: table('top', 'top') },
    };
    return plainSource(plan, and([...(where ? [where] : []), inTop]), [topCte]);
  }

  const topKey = col('k', 'top');
  const inTop = isNull(topKey, true);
  const items: SelectItemNode[] = [
    item({ kind: 'case', when: isNull(topKey), result: int(1), otherwise: int(0) }, OTHERS_COLUMN),
  ];
  plan.dimensions.forEach((dim, i) => {
    const code = dimensionColumn(dim, dim.column);
    const label = dim.labelColumn ? dimensionColumn(dim, dim.labelColumn) : undefined;
    items.push(item(i === 0 ? { kind: 'case', when: inTop, result: code } : code, `_d${i}`));
    if (label) items.push(item(i === 0 ? { kind: 'case', when: inTop, result: label } : label, `_l${i}`));
  });
  const columns = [...new Set(plan.measures.flatMap((m) => measureColumns(m, plan.measureOf)))];
  columns.forEach((c, j) => {
    items.push(item(tableColumn(c), `_c${j}`));
  });
  const src: SelectNode = {
    kind: 'select',
    items,
    from: {
      kind: 'leftJoin',
      left: baseFrom(plan),
      right: table('top', 'top'),
      on: cmp('=', code0, topKey),
    },
    ...(where ? { where } : {}),
  };
  const column = (name: string) => col(`_c${columns.indexOf(name)}`, 's');
  return {
    ctes: [topCte, { kind: 'cte', name: 'src', query: src }],
    from: table('src', 's'),
    where: undefined,
    code: (i) => col(`_d${i}`, 's'),
    label: (i) => col(`_l${i}`, 's'),
    others: col(OTHERS_COLUMN, 's'),
    measure: (m) => measureExpr(m, column, plan.measureOf),
  };
}

/** Text sorts byte-wise on both engines; years and dates sort natively. */
function sortable(dim: DimensionDefinition, expr: ExprNode): ExprNode {
  return isTextDimension(dim) ? { kind: 'binaryCollate', expr } : expr;
}

function outputId(slot: RawSlot): string {
  switch (slot.role) {
    case 'dimension':
      return slot.dimension.id;
    case 'label':
      return `${slot.dimension.id}_label`;
    case 'measure':
      return slot.measure.id;
    case 'others':
      return OTHERS_COLUMN;
    case 'grouping':
      return GROUPING_COLUMN;
  }
}

/**
 * Whether each row of the plan's table is already one group of the plan: the table is unique on
 * exactly the dimensions grouped by (a pre-aggregation asked for its own grain, as a values list
 * asks its entity table), none of them a list that would be unnested into several rows.
 */
function rowsAreGroups(plan: QueryPlan): boolean {
  const key = plan.dataset.rowsUniqueBy;
  const dims = plan.dimensions;
  if (!key || dims.length === 0 || dims.length !== key.length) return false;
  return dims.every((d) => d.type !== 'tags' && key.includes(d.id)) && new Set(dims).size === dims.length;
}

export function buildQuery(plan: QueryPlan): BuiltQuery {
  const where = whereExpr(plan.filters);
  const dims = plan.dimensions;
  const grouped = dims.length > 0 && (plan.totals || plan.subtotalLevels.length > 0 || plan.acrossCount > 0);
  // Its own grain asked of a pre-aggregation: every row is a group, so no GROUP BY (a values
  // search on an entity table would hash tens of thousands of rows into the groups they are).
  const perRow = !plan.topN && !grouped && rowsAreGroups(plan);
  const source: Source = plan.topN
    ? topSource(plan, where, plan.topN.n, plan.topN.others)
    : perRow
      ? { ...plainSource(plan, where), measure: (m) => rowMeasureExpr(m, tableColumn, plan.measureOf) }
      : plainSource(plan, where);

  // Select list of the aggregation, and the raw slots in the same order.
  const slots: RawSlot[] = [];
  const items: SelectItemNode[] = [];
  const keysOf: ExprNode[][] = [];
  dims.forEach((dim, i) => {
    const code = source.code(i);
    const keys = [code];
    slots.push({ role: 'dimension', dimension: dim });
    // Dates leave as ISO text: drivers would otherwise return engine-specific date objects.
    items.push(item(dim.type === 'date' ? { kind: 'dateText', expr: code } : code, dim.id));
    if (dim.labelColumn) {
      const label = source.label(i);
      keys.push(label);
      slots.push({ role: 'label', dimension: dim });
      items.push(item(label, `${dim.id}_label`));
    }
    if (i === 0 && source.others) {
      keys.push(source.others);
      slots.push({ role: 'others' });
      items.push(item(source.others, OTHERS_COLUMN));
    }
    keysOf.push(keys);
  });
  for (const m of plan.measures) {
    slots.push({ role: 'measure', measure: m });
    items.push(item(source.measure(m), m.id));
  }
  if (grouped) {
    slots.push({ role: 'grouping' });
    items.push(
      item(
        cast(
          call(
            'grouping',
            dims.map((_d, i) => source.code(i)),
          ),
          'integer',
        ),
        GROUPING_COLUMN,
      ),
    );
  }

  const limit = param(plan.limit + 1);
  const offset = plan.offset > 0 ? param(plan.offset) : undefined;
  const paging = offset ? { limit, offset } : { limit };

  if (!grouped) {
    const orderBy = dims.length === 0 ? [] : plainOrder(plan, source);
    const query: SelectNode = {
      kind: 'select',
      ...(source.ctes.length > 0 ? { with: source.ctes } : {}),
      items,
      from: source.from,
      ...(source.where ? { where: source.where } : {}),
      ...(dims.length > 0 && !perRow ? { groupingSets: [keysOf.flat()] } : {}),
      ...(orderBy.length > 0 ? { orderBy } : {}),
      ...paging,
    };
    return { query, slots, grandTotalMask: null };
  }

  const k = dims.length;
  const grandMask = 2 ** k - 1;
  const levelMask = (prefix: number): number => 2 ** (k - prefix) - 1;
  const sets: ExprNode[][] = [keysOf.flat()];
  for (const level of plan.subtotalLevels) sets.push(keysOf.slice(0, level).flat());
  // Totals across the leading dimensions: the detail and every subtotal level again, those
  // dimensions rolled up (a cross-tab's « Total » column, one cell per row group).
  const across = plan.acrossCount;
  const acrossMask = levelMask(0) - levelMask(across);
  const acrossLevels = across > 0 ? [k, ...plan.subtotalLevels].filter((level) => level > across) : [];
  for (const level of acrossLevels) sets.push(keysOf.slice(across, level).flat());
  if (plan.totals) sets.push([]);

  const agg: SelectNode = {
    kind: 'select',
    items,
    from: source.from,
    ...(source.where ? { where: source.where } : {}),
    groupingSets: sets,
  };
  const ids = slots.map(outputId);
  const columnsOf = (alias: string): SelectItemNode[] => ids.map((id) => item(col(id, alias), id));
  const grouping = (alias: string): ExprNode => col(GROUPING_COLUMN, alias);

  const page: SelectNode = {
    kind: 'select',
    items: columnsOf('a'),
    from: table('agg', 'a'),
    where: cmp('=', grouping('a'), int(0)),
    orderBy: columnOrder(plan, 'a'),
    ...paging,
  };
  // A subtotal row is kept when a detail row of the page belongs to its group.
  const matchKeys = (from: number, to: number): ExprNode[] =>
    dims.slice(from, to).flatMap((dim, offset) => {
      const same = (id: string): ExprNode => ({ kind: 'same', left: col(id, 'p'), right: col(id, 'a') });
      return from + offset === 0 && source.others ? [same(dim.id), same(OTHERS_COLUMN)] : [same(dim.id)];
    });
  const keepCovered = (mask: number, from: number, to: number): ExprNode =>
    and([
      cmp('=', grouping('a'), int(mask)),
      {
        kind: 'exists',
        query: {
          kind: 'select',
          items: [item(int(1), 'x')],
          from: table('page', 'p'),
          where: and(matchKeys(from, to)),
        },
      },
    ]);
  const keep: ExprNode[] = [
    ...plan.subtotalLevels.map((level) => keepCovered(levelMask(level), 0, level)),
    ...acrossLevels.map((level) => keepCovered(levelMask(level) | acrossMask, across, level)),
  ];
  if (plan.totals) keep.push(cmp('=', grouping('a'), int(grandMask)));
  const rollups: SelectNode = {
    kind: 'select',
    items: columnsOf('a'),
    from: table('agg', 'a'),
    where: and([cmp('<>', grouping('a'), int(0)), or(keep)]),
  };
  const query: SelectNode = {
    kind: 'select',
    with: [
      ...source.ctes,
      { kind: 'cte', name: 'agg', query: agg },
      { kind: 'cte', name: 'page', query: page },
    ],
    items: columnsOf('u'),
    from: {
      kind: 'subquery',
      alias: 'u',
      query: {
        kind: 'unionAll',
        queries: [{ kind: 'select', items: columnsOf('p'), from: table('page', 'p') }, rollups],
      },
    },
    // Detail rows first (in the requested order), then subtotals finest first, grand total last.
    orderBy: [orderItem(grouping('u'), 'asc'), ...columnOrder(plan, 'u')],
  };
  return { query, slots, grandTotalMask: plan.totals ? grandMask : null };
}

/** ORDER BY over the aggregation's own expressions (plain shape). */
function plainOrder(plan: QueryPlan, source: Source): OrderItemNode[] {
  const order: OrderItemNode[] = source.others ? [orderItem(source.others, 'asc')] : [];
  for (const key of plan.sort) order.push(orderItem(plainSortExpr(plan, source, key), key.dir));
  return order;
}

function plainSortExpr(plan: QueryPlan, source: Source, key: SortKey): ExprNode {
  if (key.kind === 'measure') return source.measure(plan.measures[key.index] as MeasureDefinition);
  const dim = plan.dimensions[key.index] as DimensionDefinition;
  return key.kind === 'label'
    ? { kind: 'binaryCollate', expr: source.label(key.index) }
    : sortable(dim, source.code(key.index));
}

/** ORDER BY over the output columns of a CTE / subquery (grouped shape). */
function columnOrder(plan: QueryPlan, alias: string): OrderItemNode[] {
  const order: OrderItemNode[] = plan.topN?.others ? [orderItem(col(OTHERS_COLUMN, alias), 'asc')] : [];
  for (const key of plan.sort) {
    if (key.kind === 'measure') {
      order.push(orderItem(col((plan.measures[key.index] as MeasureDefinition).id, alias), key.dir));
      continue;
    }
    const dim = plan.dimensions[key.index] as DimensionDefinition;
    const expr =
      key.kind === 'label'
        ? { kind: 'binaryCollate' as const, expr: col(`${dim.id}_label`, alias) }
        : dim.type === 'date'
          ? { kind: 'binaryCollate' as const, expr: col(dim.id, alias) }
          : sortable(dim, col(dim.id, alias));
    order.push(orderItem(expr, key.dir));
  }
  return order;
}
