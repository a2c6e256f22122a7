/**
 * The filters a widget's query applies, in the words a briefing note uses: a territory by its
 * name, years as a range, anything else as « Programme : Fonds vert » — « Bretagne, 2021–2023 ».
 * Names come from what the page knows (the dashboard's chosen values and their chips, the
 * catalogue's field labels, the result's own labels); a value without a known name is shown as
 * its code. Pure.
 */
import { formatDate, formatNumber, formatYears } from '../format/index.ts';
import type { FilterSpec, FilterValue, QueryResult } from '../spec/types.ts';
import { type FieldWords, type FilterLabels, NO_FILTER_LABELS } from './labels.ts';

export { type FieldWords, type FilterLabels, NO_FILTER_LABELS } from './labels.ts';

/** Values listed before « et 3 autres ». */
const LISTED = 5;
/** Result rows read for the names of codes (a picture's query is small; a table page at most). */
const ROWS_READ = 5_000;

/** Both sources, the first one winning. */
export function mergeFilterLabels(first: FilterLabels, second: FilterLabels): FilterLabels {
  const values: Record<string, Record<string, string>> = {};
  for (const source of [second, first]) {
    for (const [field, names] of Object.entries(source.values))
      values[field] = { ...values[field], ...names };
  }
  const fields: Record<string, FieldWords> = { ...second.fields };
  for (const [field, words] of Object.entries(first.fields)) fields[field] = { ...fields[field], ...words };
  return { fields, values };
}

/** Field labels and types of a result's dimensions, and the names its label columns give codes. */
export function resultFilterLabels(result: QueryResult | null | undefined): FilterLabels {
  if (!result) return NO_FILTER_LABELS;
  const fields: Record<string, FieldWords> = {};
  const values: Record<string, Record<string, string>> = {};
  result.columns.forEach((column, index) => {
    if (column.role !== 'dimension') return;
    fields[column.id] = { label: column.label, type: column.type };
    const labelIndex = result.columns.findIndex((c) => c.role === 'label' && c.labelOf === column.id);
    if (labelIndex < 0) return;
    const names: Record<string, string> = {};
    for (const row of result.rows.slice(0, ROWS_READ)) {
      const code = row[index];
      const name = row[labelIndex];
      if (code !== null && code !== undefined && typeof name === 'string' && name !== '')
        names[String(code)] = name;
    }
    values[column.id] = names;
  });
  return { fields, values };
}

const SYMBOLS: Partial<Record<FilterSpec['op'], string>> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

function listed(names: readonly string[]): string {
  if (names.length <= LISTED) return names.join(', ');
  const rest = names.length - LISTED;
  return `${names.slice(0, LISTED).join(', ')} et ${rest} ${rest > 1 ? 'autres' : 'autre'}`;
}

/** A bound value: French number, `dd/mm/yyyy` date, oui / non, or as written. */
function shown(value: FilterValue): string {
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return formatNumber(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? (formatDate(`${value}T12:00:00Z`) ?? value) : value;
}

function yearWords(filter: FilterSpec, label: string): string {
  const years = (filter.values ?? []).map(Number).filter(Number.isInteger);
  const [first, second] = years;
  switch (filter.op) {
    case 'eq':
    case 'in':
      return formatYears(years);
    case 'between':
      return first === second ? String(first) : `${first}–${second}`;
    case 'gte':
    case 'gt':
      return `depuis ${filter.op === 'gt' ? (first ?? 0) + 1 : first}`;
    case 'lte':
    case 'lt':
      return `jusqu’en ${filter.op === 'lt' ? (first ?? 0) - 1 : first}`;
    case 'last_n_years':
      return first === 1 ? 'dernière année' : `${first} dernières années`;
    case 'neq':
    case 'not_in':
      return `${label} : sauf ${formatYears(years)}`;
    default:
      return genericWords(filter, label, (v) => String(v));
  }
}

function genericWords(filter: FilterSpec, label: string, name: (value: FilterValue) => string): string {
  const values = filter.values ?? [];
  const names = values.map(name);
  switch (filter.op) {
    case 'eq':
    case 'in':
      return `${label} : ${listed(names)}`;
    case 'neq':
    case 'not_in':
      return `${label} : sauf ${listed(names)}`;
    case 'between':
      return `${label} : de ${shown(values[0] ?? '')} à ${shown(values[1] ?? '')}`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${label} ${SYMBOLS[filter.op]} ${shown(values[0] ?? '')}`;
    case 'contains':
      return `${label} contient « ${names[0] ?? ''} »`;
    case 'starts_with':
      return `${label} commence par « ${names[0] ?? ''} »`;
    case 'is_null':
      return `${label} non renseigné`;
    case 'not_null':
      return `${label} renseigné`;
    case 'last_n_years':
      return `${label} : ${names[0] ?? ''} dernières années`;
  }
}

/** Order of a briefing note: where, when, then the rest. */
const RANK: Record<string, number> = { geo: 0, year: 1 };

/**
 * The filters in words, territories first, then years, then the others (each in query order);
 * a phrase said twice is said once.
 */
export function filterWords(filters: readonly FilterSpec[], labels: FilterLabels): string[] {
  const words = filters.map((filter, index) => {
    const field = labels.fields[filter.field];
    const label = field?.label ?? filter.field;
    const names = labels.values[filter.field] ?? {};
    const name = (value: FilterValue) => names[String(value)] ?? shown(value);
    const plainValues = filter.op === 'eq' || filter.op === 'in';
    const text =
      field?.type === 'year'
        ? yearWords(filter, label)
        : field?.type === 'geo' && plainValues
          ? listed((filter.values ?? []).map(name))
          : genericWords(filter, label, name);
    return { text, rank: RANK[field?.type ?? ''] ?? 2, index };
  });
  words.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return [...new Set(words.map((w) => w.text))];
}
