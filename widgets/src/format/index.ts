export { formatDate } from './date.ts';
export type { EurOptions, NumberOptions } from './number.ts';
export {
  formatCompactEur,
  formatEur,
  formatInteger,
  formatNumber,
  formatPercent,
  MISSING_VALUE,
} from './number.ts';
export type { FormattableValue, ValueFormat } from './value.ts';
export { formatValue, isNumericFormat } from './value.ts';
export { formatYears } from './years.ts';
