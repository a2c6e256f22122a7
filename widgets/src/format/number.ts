/**
 * French number formatting (fr-FR). Pure helpers, shared by every renderer and the web app.
 *
 * We keep `Intl.NumberFormat`'s output as is: it uses a narrow no-break space (U+202F) as the
 * group separator and a no-break space (U+00A0) before `€` and `%`, so a number never wraps.
 */

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', options);
    cache.set(key, format);
  }
  return format;
}

/** Placeholder shown for a missing value (null, undefined, NaN). */
export const MISSING_VALUE = '—';

/** Non-breaking space put between a compact number and its unit (`1,2 M€`). */
const NBSP = '\u00a0';

function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

export interface EurOptions {
  /**
   * Fraction digits. `'auto'` (default): none for a whole number of euros, two otherwise
   * (`977 561 920 €`, `1 234 567,89 €`).
   */
  readonly decimals?: 'auto' | 0 | 2;
}

/** `1234567.89` → `1 234 567,89 €`; `977561920` → `977 561 920 €`. */
export function formatEur(value: number | null | undefined, options: EurOptions = {}): string {
  if (isMissing(value)) return MISSING_VALUE;
  const decimals = options.decimals ?? 'auto';
  const digits = decimals === 'auto' ? (Number.isInteger(value) ? 0 : 2) : decimals;
  return numberFormat({
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Units from the largest down. */
const COMPACT_UNITS: readonly { readonly min: number; readonly unit: string }[] = [
  { min: 1e9, unit: 'Md€' },
  { min: 1e6, unit: 'M€' },
  { min: 1e3, unit: 'k€' },
];

const roundTenth = (value: number) => Math.round(value * 10) / 10;

/**
 * Short amount for axes and KPIs: `1.2e6` → `1,2 M€`, `3.45e9` → `3,5 Md€`, `1500` → `1,5 k€`,
 * `850` → `850 €`. One decimal at most, dropped when zero (`2 M€`).
 */
export function formatCompactEur(value: number | null | undefined): string {
  if (isMissing(value)) return MISSING_VALUE;
  const abs = Math.abs(value);
  const index = COMPACT_UNITS.findIndex(({ min }) => abs >= min);
  if (index === -1) return formatEur(Math.round(value), { decimals: 0 });
  let { min, unit } = COMPACT_UNITS[index] as (typeof COMPACT_UNITS)[number];
  let scaled = roundTenth(abs / min);
  const larger = COMPACT_UNITS[index - 1];
  // 999 960 would read `1 000 k€`: say `1 M€`.
  if (scaled >= 1000 && larger) {
    ({ min, unit } = larger);
    scaled = roundTenth(abs / min);
  }
  return `${formatNumber(Math.sign(value) * scaled, { maximumFractionDigits: 1 })}${NBSP}${unit}`;
}

export interface NumberOptions {
  readonly maximumFractionDigits?: number;
  readonly minimumFractionDigits?: number;
}

/** `1234567.891` → `1 234 567,89` (two decimals at most by default). */
export function formatNumber(value: number | null | undefined, options: NumberOptions = {}): string {
  if (isMissing(value)) return MISSING_VALUE;
  const maximumFractionDigits = options.maximumFractionDigits ?? 2;
  return numberFormat({
    maximumFractionDigits,
    minimumFractionDigits: Math.min(options.minimumFractionDigits ?? 0, maximumFractionDigits),
  }).format(value);
}

/** `1234567.6` → `1 234 568`. */
export function formatInteger(value: number | null | undefined): string {
  return formatNumber(isMissing(value) ? value : Math.round(value), { maximumFractionDigits: 0 });
}

/** A ratio as a percentage: `0.1234` → `12,3 %` (one decimal at most by default). */
export function formatPercent(ratio: number | null | undefined, maximumFractionDigits = 1): string {
  if (isMissing(ratio)) return MISSING_VALUE;
  return numberFormat({ style: 'percent', maximumFractionDigits }).format(ratio);
}
