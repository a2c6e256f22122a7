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

/** The aggregate before the output cast (ratio parts use it). */
function rawAggregate(
  measure: MeasureDefinition,
  ref: ColumnRef,
  lookup: MeasureLookup,
  depth: number,
): ExprNode {
  const agg = measure.aggregate;
  switch (agg.kind) {
    case 'sum':
    case 'min':
    case 'max':
      return call(agg.kind, [ref(agg.column)]);
    case 'avg':
      // SUM/COUNT rather than AVG: PostgreSQL's AVG(numeric) and DuckDB's AVG(DECIMAL) round
      // differently; an exact sum divided as doubles is identical on both.
      return ratio(call('sum', [ref(agg.column)]), call('count', [ref(agg.column)]));
    case 'count':
      return { kind: 'countStar' };
    case 'count_distinct':
      return call('count', [ref(agg.column)], true);
    case 'ratio': {
      if (depth > 0) throw new CatalogueError(`Ratio imbriqué dans la mesure ${measure.id}`);
      const part = (id: string): ExprNode => {
        const m = lookup(id);
        if (!m) throw new CatalogueError(`Mesure ${id} inconnue (ratio ${measure.id})`);
        return rawAggregate(m, ref, lookup, depth + 1);
      };
      return ratio(part(agg.numerator), part(agg.denominator));
    }
  }
}

export function measureExpr(measure: MeasureDefinition, ref: ColumnRef, lookup: MeasureLookup): ExprNode {
  const raw = rawAggregate(measure, ref, lookup, 0);
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

/**
 * A measure over a group of exactly one row, without aggregating (a pre-aggregation's row read as
 * its own group): the same value and type as `measureExpr` over that row alone — SUM, MIN and MAX
 * of one value are the value, COUNT(*) is 1, COUNT(DISTINCT x) and a non-null count are 1 unless
 * x is NULL.
 */
export function rowMeasureExpr(measure: MeasureDefinition, ref: ColumnRef, lookup: MeasureLookup): ExprNode {
  const raw = rowValue(measure, ref, lookup, 0);
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

const oneUnlessNull = (expr: ExprNode): ExprNode => ({
  kind: 'case',
  when: isNull(expr),
  result: int(0),
  otherwise: int(1),
});

function rowValue(
  measure: MeasureDefinition,
  ref: ColumnRef,
  lookup: MeasureLookup,
  depth: number,
): ExprNode {
  const agg = measure.aggregate;
  switch (agg.kind) {
    case 'sum':
    case 'min':
    case 'max':
      return ref(agg.column);
    case 'avg':
      return ratio(ref(agg.column), oneUnlessNull(ref(agg.column)));
    case 'count':
      return int(1);
    case 'count_distinct':
      return oneUnlessNull(ref(agg.column));
    case 'ratio': {
      if (depth > 0) throw new CatalogueError(`Ratio imbriqué dans la mesure ${measure.id}`);
      const part = (id: string): ExprNode => {
        const m = lookup(id);
        if (!m) throw new CatalogueError(`Mesure ${id} inconnue (ratio ${measure.id})`);
        return rowValue(m, ref, lookup, depth + 1);
      };
      return ratio(part(agg.numerator), part(agg.denominator));
    }
  }
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
