import { type CommonChartOptions, resolveCommonOptions } from '../echarts/common.ts';
import { integerOption, type RawOptions, stringOption } from '../widget/options.ts';

/**
 * Options of a `treemap` widget: one dimension (rectangles) or two (rectangles grouped by the
 * first dimension, e.g. départements within their région), one measure.
 */
export interface TreemapOptions extends CommonChartOptions {
  /** Measure that sizes the rectangles, by id. Default: the query's first measure. */
  readonly measure: string;
  /**
   * Most rectangles per group (5–200, default 40): the smallest are folded into « Autres »,
   * they would be too small to read or click.
   */
  readonly maxItems: number;
}

export const TREEMAP_DEFAULTS: TreemapOptions = { measure: '', maxItems: 40, decal: false, animation: false };

export function resolveTreemapOptions(raw: RawOptions): TreemapOptions {
  return {
    ...resolveCommonOptions(raw),
    measure: stringOption(raw, 'measure', TREEMAP_DEFAULTS.measure),
    maxItems: integerOption(raw, 'maxItems', TREEMAP_DEFAULTS.maxItems, 5, 200),
  };
}
