/**
 * Measure → aggregate expression. Outputs are cast so both engines return the same JS numbers:
 * DECIMAL sums are exact on both sides then cast to DOUBLE; counts are BIGINT. A ratio is
 * recomputed from its parts in whatever GROUP BY / grouping set it sits in, so subtotals and
 * totals get num/den of their own level, never a sum of ratios.
 */
import type { MeasureDefinition } from '../catalogue/types.ts';
import { CatalogueError } from '../spec/errors.ts';
import { call, cast, type ExprNode, int, isNull } from './nodes.ts';

export type ColumnRef = (column: string) => ExprNode;
export type MeasureLookup = (id: string) => MeasureDefinition | undefined;

const ratio = (num: ExprNode, den: ExprNode): ExprNode => ({
  kind: 'divide',
  left: cast(num, 'double'),
  right: call('nullif', [cast(den, 'double'), int(0)]),
});

/**
 * How values are aggregated: over a group of rows (SQL aggregates), or over a group known to be
 * one row (a pre-aggregation read at its own grain), where SUM, MIN and MAX of the value are the
 * value, COUNT(*) is 1 and a count of values is 1 unless the value is NULL: the same results,
 * with no GROUP BY.
 */
interface Aggregation {
  fold(kind: 'sum' | 'min' | 'max', value: ExprNode): ExprNode;
  countRows(): ExprNode;
  countValues(value: ExprNode, distinct: boolean): ExprNode;
}

const OVER_ROWS: Aggregation = {
  fold: (kind, value) => call(kind, [value]),
  countRows: () => ({ kind: 'countStar' }),
  countValues: (value, distinct) => call('count', [value], distinct),
};

const OVER_ONE_ROW: Aggregation = {
  fold: (_kind, value) => value,
  countRows: () => int(1),
  countValues: (value) => ({ kind: 'case', when: isNull(value), result: int(0), otherwise: int(1) }),
};

/** The aggregate before the output cast (ratio parts use it). */
function rawAggregate(
  measure: MeasureDefinition,
  ref: ColumnRef,
  lookup: MeasureLookup,
  aggregation: Aggregation,
  depth: number,
): ExprNode {
  const agg = measure.aggregate;
  switch (agg.kind) {
    case 'sum':
    case 'min':
    case 'max':
      return aggregation.fold(agg.kind, ref(agg.column));
    case 'avg':
      // SUM/COUNT rather than AVG: PostgreSQL's AVG(numeric) and DuckDB's AVG(DECIMAL) round
      // differently; an exact sum divided as doubles is identical on both.
      return ratio(aggregation.fold('sum', ref(agg.column)), aggregation.countValues(ref(agg.column), false));
    case 'count':
      return aggregation.countRows();
    case 'count_distinct':
      return aggregation.countValues(ref(agg.column), true);
    case 'ratio': {
      if (depth > 0) throw new CatalogueError(`Ratio imbriqué dans la mesure ${measure.id}`);
      const part = (id: string): ExprNode => {
        const m = lookup(id);
        if (!m) throw new CatalogueError(`Mesure ${id} inconnue (ratio ${measure.id})`);
        return rawAggregate(m, ref, lookup, aggregation, depth + 1);
      };
      return ratio(part(agg.numerator), part(agg.denominator));
    }
  }
}

function withOutputCast(measure: MeasureDefinition, raw: ExprNode): ExprNode {
  switch (measure.aggregate.kind) {
    case 'count':
    case 'count_distinct':
      return cast(raw, 'bigint');
    case 'avg':
    case 'ratio':
      return raw;
    default:
      return cast(raw, 'double');
  }
}

export function measureExpr(measure: MeasureDefinition, ref: ColumnRef, lookup: MeasureLookup): ExprNode {
  return withOutputCast(measure, rawAggregate(measure, ref, lookup, OVER_ROWS, 0));
}

/** `measureExpr` over a group known to be one row (no GROUP BY): the same value and type. */
export function rowMeasureExpr(measure: MeasureDefinition, ref: ColumnRef, lookup: MeasureLookup): ExprNode {
  return withOutputCast(measure, rawAggregate(measure, ref, lookup, OVER_ONE_ROW, 0));
}

/** Table columns a measure reads (to carry them through a derived table). */
export function measureColumns(measure: MeasureDefinition, lookup: MeasureLookup): string[] {
  const agg = measure.aggregate;
  switch (agg.kind) {
    case 'count':
      return [];
    case 'ratio':
      return [agg.numerator, agg.denominator].flatMap((id) => {
        const m = lookup(id);
        return m && m.aggregate.kind !== 'ratio' ? measureColumns(m, lookup) : [];
      });
    default:
      return [agg.column];
  }
}
