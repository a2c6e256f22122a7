import { booleanOption, type RawOptions, stringOption } from '../widget/options.ts';

/**
 * Options of a `kpi` widget: one big figure. The query has one or more measures and either no
 * dimension (the value over the whole filter) or one year dimension (the last year's value,
 * compared with the year before, and its evolution as a sparkline).
 */
export interface KpiOptions {
  /** Measure shown big, by id. Default: the query's first measure; the others are listed below it. */
  readonly measure: string;
  /** Compact big value (`1,2 M€`) with the exact amount underneath. Default true. */
  readonly compact: boolean;
  /** With a year dimension: change versus the previous year (« +12,3 % par rapport à 2023 »). Default true. */
  readonly comparison: boolean;
  /** With a year dimension: a small line of the yearly values. Default true. */
  readonly sparkline: boolean;
  /** Sparkline animation. Default false. */
  readonly animation: boolean;
}

export const KPI_DEFAULTS: KpiOptions = {
  measure: '',
  compact: true,
  comparison: true,
  sparkline: true,
  // Off by default: a filter change redraws at once (and no motion for readers who avoid it).
  animation: false,
};

export function resolveKpiOptions(raw: RawOptions): KpiOptions {
  return {
    measure: stringOption(raw, 'measure', KPI_DEFAULTS.measure),
    compact: booleanOption(raw, 'compact', KPI_DEFAULTS.compact),
    comparison: booleanOption(raw, 'comparison', KPI_DEFAULTS.comparison),
    sparkline: booleanOption(raw, 'sparkline', KPI_DEFAULTS.sparkline),
    animation: booleanOption(raw, 'animation', KPI_DEFAULTS.animation),
  };
}
