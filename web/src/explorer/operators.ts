/**
 * Filter operators the explorer offers, per field type, with their French labels and the kind of
 * value editor each needs. Mirrors the compiler's rules (widgets/src/compiler/plan.ts): text search
 * only on text-like fields, tags by code only (has any of, has none of), « N dernières années » only on years.
 */
import type { FilterSpec } from '@dataetat/widgets/react';

type FilterValue = NonNullable<FilterSpec['values']>[number];

export type FilterOperator = FilterSpec['op'];

/** How the values of a filter are entered. */
export type ValueEditor =
  /** No value (« est vide »). */
  | 'none'
  /** One value picked from the field's values. */
  | 'pick-one'
  /** Several values picked from the field's values. */
  | 'pick-many'
  /** Free text (« contient », « commence par »). */
  | 'text'
  /** One year. */
  | 'year'
  /** Two years, inclusive. */
  | 'year-range'
  /** A number of years (« N dernières années »). */
  | 'count'
  /** One date (AAAA-MM-JJ). */
  | 'date'
  /** Two dates, inclusive. */
  | 'date-range';

export const OPERATOR_LABELS: Record<FilterOperator, string> = {
  eq: 'est',
  neq: 'n’est pas',
  in: 'parmi',
  not_in: 'hors de',
  between: 'entre',
  gt: 'après',
  gte: 'à partir de',
  lt: 'avant',
  lte: 'jusqu’à',
  contains: 'contient',
  starts_with: 'commence par',
  is_null: 'est vide',
  not_null: 'n’est pas vide',
  last_n_years: 'N dernières années',
};

const TEXT_LIKE: readonly FilterOperator[] = [
  'in',
  'not_in',
  'eq',
  'neq',
  'contains',
  'starts_with',
  'is_null',
  'not_null',
];

const BY_TYPE: Record<string, readonly FilterOperator[]> = {
  code: TEXT_LIKE,
  geo: TEXT_LIKE,
  text: TEXT_LIKE,
  tags: ['in', 'not_in', 'is_null', 'not_null'],
  year: ['between', 'eq', 'neq', 'in', 'not_in', 'gte', 'lte', 'last_n_years', 'is_null', 'not_null'],
  date: ['between', 'eq', 'gte', 'lte', 'gt', 'lt', 'is_null', 'not_null'],
  // Coordinates are for placing points, not for picking among thousands of values.
  coordinate: ['not_null', 'is_null'],
};

/** Operators offered for a field type, the first being the default of a new filter. */
export function operatorsFor(fieldType: string): readonly FilterOperator[] {
  return BY_TYPE[fieldType] ?? ['eq', 'neq', 'is_null', 'not_null'];
}

export function defaultOperator(fieldType: string): FilterOperator {
  return operatorsFor(fieldType)[0] ?? 'eq';
}

export function valueEditorFor(op: FilterOperator, fieldType: string): ValueEditor {
  if (op === 'is_null' || op === 'not_null') return 'none';
  if (op === 'contains' || op === 'starts_with') return 'text';
  if (op === 'last_n_years') return 'count';
  if (op === 'in' || op === 'not_in') return 'pick-many';
  if (fieldType === 'year')
    return op === 'between' ? 'year-range' : op === 'eq' || op === 'neq' ? 'pick-one' : 'year';
  if (fieldType === 'date') return op === 'between' ? 'date-range' : 'date';
  return 'pick-one';
}

/** Values kept when the operator changes: what still makes sense for the new editor. */
export function adaptValues(
  values: readonly FilterValue[],
  from: ValueEditor,
  to: ValueEditor,
): readonly FilterValue[] {
  if (from === to) return values;
  const picks = (e: ValueEditor) => e === 'pick-one' || e === 'pick-many';
  if (picks(from) && picks(to)) return to === 'pick-one' ? values.slice(0, 1) : values;
  if ((from === 'year' || from === 'pick-one') && to === 'year-range') return values.slice(0, 1);
  if (from === 'year-range' && (to === 'year' || to === 'pick-one')) return values.slice(0, 1);
  if (from === 'date' && to === 'date-range') return values.slice(0, 1);
  if (from === 'date-range' && to === 'date') return values.slice(0, 1);
  return [];
}

/** Whether the filter has the values its operator needs (incomplete ones are not sent). */
export function isFilterComplete(filter: FilterSpec, fieldType: string): boolean {
  const values = filter.values ?? [];
  const filled = values.filter((v) => v !== '' && v !== null && !(typeof v === 'number' && Number.isNaN(v)));
  switch (valueEditorFor(filter.op, fieldType)) {
    case 'none':
      return true;
    case 'pick-many':
      return filled.length >= 1;
    case 'year-range':
    case 'date-range':
      return filled.length === 2 && values.length === 2;
    default:
      return filled.length === 1 && values.length === 1;
  }
}
