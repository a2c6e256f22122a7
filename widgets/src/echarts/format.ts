import type { ValueFormat } from '../catalogue/types.ts';
import { formatCompactEur, formatDate, formatPercent, formatValue, MISSING_VALUE } from '../format/index.ts';

const compactNumber = new Intl.NumberFormat('fr-FR', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Short French tick label for a value axis: `1,2 M€` for euros, `12 k` for counts, `35 %` for
 * ratios. Full values are for tooltips and the data table.
 */
export function formatAxisValue(value: number, format: ValueFormat): string {
  if (!Number.isFinite(value)) return MISSING_VALUE;
  switch (format) {
    case 'eur':
      return formatCompactEur(value);
    case 'integer':
    case 'number':
      return Math.abs(value) < 1000 ? formatValue(value, 'number') : compactNumber.format(value);
    case 'percent':
      return formatPercent(value, 0);
    default:
      return formatValue(value, format);
  }
}

/** ECharts `axisLabel.formatter` for a value axis. */
export const axisFormatter =
  (format: ValueFormat) =>
  (value: number): string =>
    formatAxisValue(value, format);

/** ECharts `tooltip.valueFormatter`: the full French value (`1 234 567,89 €`). */
export const tooltipFormatter =
  (format: ValueFormat) =>
  (value: unknown): string =>
    formatValue(typeof value === 'number' ? value : null, format);

/** A category label on a time axis: years as `2024`, ISO dates as `05/03/2024`. */
export function formatTimeLabel(code: unknown, type: string): string {
  if (code === null || code === undefined) return 'Non renseigné';
  if (type === 'date') return formatDate(String(code)) ?? String(code);
  return String(code);
}
