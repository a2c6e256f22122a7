import type { ValueFormat } from '../catalogue/types.ts';
import { formatEur, formatInteger, formatNumber, formatPercent, MISSING_VALUE } from './number.ts';

export type { ValueFormat };

/** A cell as the query API returns it. */
export type FormattableValue = string | number | boolean | null | undefined;

/**
 * Formats a value for display according to its catalogue format. Strings that are not numbers
 * are returned unchanged whatever the format (a label in a measure column stays readable).
 */
export function formatValue(value: FormattableValue, format: ValueFormat | undefined): string {
  if (value === null || value === undefined) return MISSING_VALUE;
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (format === undefined || format === 'text') return String(value);
  const number = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'string' && (value.trim() === '' || Number.isNaN(number))) return value;
  switch (format) {
    case 'eur':
      return formatEur(number);
    case 'integer':
      return formatInteger(number);
    case 'number':
      return formatNumber(number);
    case 'percent':
      return formatPercent(number);
    case 'year':
      // No group separator: 2024, not 2 024.
      return String(Math.trunc(number));
  }
}

/** True for formats whose values are quantities (right-aligned in tables, summable). */
export function isNumericFormat(format: ValueFormat | undefined): boolean {
  return format === 'eur' || format === 'integer' || format === 'number' || format === 'percent';
}
