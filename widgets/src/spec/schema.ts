/**
 * JSON Schema (TypeBox) of a QuerySpec. It checks shape only; catalogue rules (fields exist,
 * operators fit the field, limits) live in compiler/plan.ts. Every object rejects unknown keys:
 * one spelling per field, no catch-alls.
 */
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import type { FilterOperator } from './types.ts';

const FIELD = Type.String({ minLength: 1, maxLength: 200 });

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
      Type.Array(Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean()]), {
        maxItems: 1000,
      }),
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
    dataset: Type.String({ minLength: 1, maxLength: 200 }),
    measures: Type.Array(FIELD, { maxItems: 50, uniqueItems: true }),
    dimensions: Type.Optional(Type.Array(FIELD, { maxItems: 20, uniqueItems: true })),
    filters: Type.Optional(Type.Array(filterSpecSchema, { maxItems: 100 })),
    sort: Type.Optional(Type.Array(sortSpecSchema, { maxItems: 40 })),
    // Numbers, not integers: range and integrality are checked in plan.ts to give SPEC_LIMIT.
    limit: Type.Optional(Type.Number()),
    offset: Type.Optional(Type.Number()),
    totals: Type.Optional(Type.Boolean()),
    subtotals: Type.Optional(Type.Array(FIELD, { maxItems: 20, uniqueItems: true })),
    topN: Type.Optional(
      Type.Object(
        { n: Type.Number(), others: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Compiled once at module load: checking a spec costs a few µs, not a schema compilation. */
export const querySpecValidator = Compile(querySpecSchema);
export const filterSpecValidator = Compile(filterSpecSchema);
