import { type CommonChartOptions, resolveCommonOptions } from '../echarts/common.ts';
import { integerOption, type RawOptions, stringOption } from '../widget/options.ts';

/**
 * Options of a `sankey` widget: flows between the values of 2 or 3 dimensions, in query order
 * (e.g. programme → type de bénéficiaire → région), sized by one measure.
 */
export interface SankeyOptions extends CommonChartOptions {
  /** Measure that sizes the flows, by id. Default: the query's first measure. */
  readonly measure: string;
  /**
   * Most nodes per column (3–30, default 10): the smallest values of each dimension are folded
   * into one « Autres » node so the flows stay readable.
   */
  readonly maxNodesPerLevel: number;
}

export const SANKEY_DEFAULTS: SankeyOptions = {
  measure: '',
  maxNodesPerLevel: 10,
  decal: false,
  // Off by default: a filter change redraws at once (and no motion for readers who avoid it).
  animation: false,
};

export function resolveSankeyOptions(raw: RawOptions): SankeyOptions {
  return {
    ...resolveCommonOptions(raw),
    measure: stringOption(raw, 'measure', SANKEY_DEFAULTS.measure),
    maxNodesPerLevel: integerOption(raw, 'maxNodesPerLevel', SANKEY_DEFAULTS.maxNodesPerLevel, 3, 30),
  };
}
