import { type CommonChartOptions, resolveCommonOptions } from '../echarts/common.ts';
import { booleanOption, integerOption, type RawOptions, stringOption } from '../widget/options.ts';

/** Options of a `pie` widget (one dimension, one measure: parts of a whole). */
export interface PieOptions extends CommonChartOptions {
  /** Measure drawn, by id. Default: the query's first measure. */
  readonly measure: string;
  /** A ring (donut) with the total in the middle instead of a full disc. Default false. */
  readonly donut: boolean;
  /**
   * Most slices drawn (2–20, default 8): the smallest values are folded into « Autres », since
   * thin slices cannot be read (the data table keeps every value).
   */
  readonly maxSlices: number;
  /** Labels « name : 12,3 % » around the pie. Default true. */
  readonly showLabels: boolean;
}

export const PIE_DEFAULTS: PieOptions = {
  measure: '',
  donut: false,
  maxSlices: 8,
  showLabels: true,
  decal: false,
  // Off by default: a filter change redraws at once (and no motion for readers who avoid it).
  animation: false,
};

export function resolvePieOptions(raw: RawOptions): PieOptions {
  return {
    ...resolveCommonOptions(raw),
    measure: stringOption(raw, 'measure', PIE_DEFAULTS.measure),
    donut: booleanOption(raw, 'donut', PIE_DEFAULTS.donut),
    maxSlices: integerOption(raw, 'maxSlices', PIE_DEFAULTS.maxSlices, 2, 20),
    showLabels: booleanOption(raw, 'showLabels', PIE_DEFAULTS.showLabels),
  };
}
