/**
 * Distinct values of a dataset's field through the compiler (the caller's territory and a
 * grant's locked filters apply): filter pickers, reference lists, and the labels an export or
 * a picture gives the codes it names.
 */
import {
  type Cell,
  type DatasetDefinition,
  type FilterSpec,
  foldForSearch,
  type QuerySpec,
  type SecurityContext,
} from '@dataetat/widgets';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';

export const DEFAULT_VALUES_LIMIT = 50;

/**
 * A search reads this many matches, most frequent first, then ranks them by closeness to what
 * was typed: among communes (one line each) « Rennes » must come before Rennes-le-Château,
 * Varennes or Marennes, whatever order the engine gives equal counts.
 */
const SEARCH_CANDIDATES = 500;

/** What a values request may ask: a search in codes and labels, and how many. */
export interface ValuesQuery {
  readonly q?: string;
  readonly limit?: number;
}

/** Distinct values of one field, most frequent first, through the compiler (scope applies). */
export function valuesSpec(
  dataset: DatasetDefinition,
  field: string,
  query: ValuesQuery,
  filters: FilterSpec[],
): QuerySpec {
  const count = dataset.measures.find((m) => m.aggregate.kind === 'count');
  const search = query.q?.trim();
  return {
    dataset: dataset.id,
    dimensions: [field],
    measures: count ? [count.id] : [],
    filters: [...filters, ...(search ? [{ field, op: 'contains' as const, values: [search] }] : [])],
    sort: count ? [{ field: count.id, dir: 'desc' }] : [{ field, dir: 'asc' }],
    // A search reads candidates, `closestValues` keeps the asked number.
    limit: search
      ? Math.max(query.limit ?? DEFAULT_VALUES_LIMIT, SEARCH_CANDIDATES)
      : (query.limit ?? DEFAULT_VALUES_LIMIT),
  };
}

type Value = ReturnType<typeof toValues>[number];

/** 0: the code or the name is what was typed; 1: the name starts with it; 2: a word does; 3: inside. */
function closeness(value: Value, needle: string): number {
  const code = foldForSearch(String(value.value ?? ''));
  const label = foldForSearch(value.label ?? '');
  if (code === needle || label === needle) return 0;
  if (label.startsWith(needle) || code.startsWith(needle)) return 1;
  if (label.includes(` ${needle}`)) return 2;
  return 3;
}

/**
 * What a values query answers: without a search, the rows as read; with one, the asked number
 * of closest matches among the candidates `valuesSpec` read.
 */
export function closestValues(
  values: Value[],
  query: ValuesQuery,
  truncated: boolean,
): { values: Value[]; truncated: boolean } {
  const search = query.q?.trim();
  if (!search) return { values, truncated };
  const limit = query.limit ?? DEFAULT_VALUES_LIMIT;
  return { values: rankSearchMatches(values, search, limit), truncated: truncated || values.length > limit };
}

/** The `limit` closest matches: exact, then prefix, then word start, then inside; in read order within each. */
export function rankSearchMatches(values: readonly Value[], search: string, limit: number): Value[] {
  const needle = foldForSearch(search.trim());
  return values
    .map((value, order) => ({ value, order, rank: closeness(value, needle) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map((ranked) => ranked.value);
}

export function toValues(result: {
  columns: readonly { id: string; role: string }[];
  rows: readonly (readonly Cell[])[];
}) {
  const labelIndex = result.columns.findIndex((c) => c.role === 'label');
  const countIndex = result.columns.findIndex((c) => c.role === 'measure');
  const at = (row: readonly Cell[], index: number) => (index >= 0 ? (row[index] ?? null) : null);
  return result.rows.map((row) => {
    const label = at(row, labelIndex);
    const count = at(row, countIndex);
    return {
      value: row[0] ?? null,
      label: label === null ? null : String(label),
      count: count === null ? null : Number(count),
    };
  });
}

/**
 * The distinct values of `field` in `datasetId`, under `context` (a caller's territory, a
 * grant's locked filters) and narrowed by `filters`: the answer of the filter pickers.
 */
export async function fieldValues(
  services: Pick<Services, 'catalogue' | 'queries'>,
  request: { datasetId: string; field: string; query: ValuesQuery },
  context: SecurityContext,
  filters: FilterSpec[] = [],
) {
  const dataset = services.catalogue.get(request.datasetId);
  if (!dataset) throw new AppError('DATASET_NOT_FOUND', { id: request.datasetId });
  const spec = valuesSpec(dataset, request.field, request.query, filters);
  const result = await services.queries.run(spec, context);
  return {
    field: request.field,
    ...closestValues(toValues(result), request.query, result.meta.truncated),
  };
}

/** Labels by field, then by code: `labels.get('departement')?.get('35')` → « Ille-et-Vilaine ». */
export type ValueLabels = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Codes looked up per field at most: a filter naming more is described by its codes. */
const LABELLED_CODES_MAX = 100;

/** Operators whose values are codes of the field (not text to search, not numbers to compare). */
const CODE_OPERATORS = new Set<FilterSpec['op']>(['eq', 'neq', 'in', 'not_in']);

/**
 * The labels of the codes `filters` name on labelled dimensions (a file or a picture then says
 * « Ille-et-Vilaine (35) », not « 35 »), read under `context`: a code the caller may not see,
 * or that has no line, keeps no label. One values query per labelled field.
 */
export async function filterValueLabels(
  queries: Pick<Services['queries'], 'run'>,
  dataset: DatasetDefinition,
  filters: readonly FilterSpec[],
  context: SecurityContext,
): Promise<ValueLabels> {
  const codesByField = new Map<string, Set<string>>();
  for (const filter of filters) {
    const dimension = dataset.dimensions.find((d) => d.id === filter.field);
    if (!dimension?.labelColumn || !CODE_OPERATORS.has(filter.op)) continue;
    const codes = codesByField.get(filter.field) ?? new Set<string>();
    for (const value of filter.values ?? []) codes.add(String(value));
    codesByField.set(filter.field, codes);
  }
  const entries = await Promise.all(
    [...codesByField].map(async ([field, codes]) => {
      const asked = [...codes].slice(0, LABELLED_CODES_MAX);
      const spec = valuesSpec(dataset, field, { limit: asked.length }, [{ field, op: 'in', values: asked }]);
      const labels = new Map<string, string>();
      for (const { value, label } of toValues(await queries.run(spec, context))) {
        if (value !== null && label) labels.set(String(value), label);
      }
      return [field, labels] as const;
    }),
  );
  return new Map(entries);
}
