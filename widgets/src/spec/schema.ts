/**
 * JSON Schema (TypeBox) of a QuerySpec. It checks shape only; catalogue rules (fields exist,
 * operators fit the field, limits) live in compiler/plan.ts. Every object rejects unknown keys:
 * one spelling per field, no catch-alls. Lists have no `uniqueItems`: its check compares every
 * pair (40 000 equal items froze the server 20 s); validate.ts finds duplicates with a Set once
 * the sizes are known to be small.
 */
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { ARRAY_LIMITS, TEXT_LIMITS } from './limits.ts';
import type { FilterOperator, QuerySpec } from './types.ts';

const FIELD = Type.String({ minLength: 1, maxLength: TEXT_LIMITS.field });

export const FILTER_OPERATORS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'between',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'starts_with',
  'is_null',
  'not_null',
  'last_n_years',
] as const satisfies readonly FilterOperator[];

export const filterSpecSchema = Type.Object(
  {
    field: FIELD,
    op: Type.Enum(FILTER_OPERATORS),
    values: Type.Optional(
      Type.Array(
        Type.Union([Type.String({ maxLength: TEXT_LIMITS.filterValue }), Type.Number(), Type.Boolean()]),
        { maxItems: ARRAY_LIMITS.filterValues },
      ),
    ),
  },
  { additionalProperties: false },
);

export const sortSpecSchema = Type.Object(
  { field: FIELD, dir: Type.Enum(['asc', 'desc']) },
  { additionalProperties: false },
);

export const querySpecSchema = Type.Object(
  {
    dataset: FIELD,
    measures: Type.Array(FIELD, { maxItems: ARRAY_LIMITS.measures }),
    dimensions: Type.Optional(Type.Array(FIELD, { maxItems: ARRAY_LIMITS.dimensions })),
    filters: Type.Optional(Type.Array(filterSpecSchema, { maxItems: ARRAY_LIMITS.filters })),
    sort: Type.Optional(Type.Array(sortSpecSchema, { maxItems: ARRAY_LIMITS.sort })),
    // Numbers, not integers: range and integrality are checked in plan.ts to give SPEC_LIMIT.
    limit: Type.Optional(Type.Number()),
    offset: Type.Optional(Type.Number()),
    totals: Type.Optional(Type.Boolean()),
    subtotals: Type.Optional(Type.Array(FIELD, { maxItems: ARRAY_LIMITS.subtotals })),
    totalsAcross: Type.Optional(Type.Array(FIELD, { maxItems: ARRAY_LIMITS.subtotals })),
    topN: Type.Optional(
      Type.Object(
        { n: Type.Number(), others: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Lists whose items must differ (checked after the schema, see above). */
export const UNIQUE_LISTS = [
  'measures',
  'dimensions',
  'subtotals',
  'totalsAcross',
] as const satisfies readonly (keyof QuerySpec)[];

/** Compiled once at module load: checking a spec costs a few µs, not a schema compilation. */
export const querySpecValidator = Compile(querySpecSchema);
export const filterSpecValidator = Compile(filterSpecSchema);
