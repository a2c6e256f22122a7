import { type CommonChartOptions, resolveCommonOptions } from '../echarts/common.ts';
import { booleanOption, enumOption, type RawOptions, stringListOption } from '../widget/options.ts';

/** Options of a `line` widget (first dimension: a year or a date). */
export interface LineOptions extends CommonChartOptions {
  /**
   * Measures drawn, by id: one line each. Default: every measure of the query. With a second
   * dimension, only the first measure is drawn, one line per value of that dimension.
   */
  readonly measures?: readonly string[];
  /** Curved lines instead of straight segments. Default false (straight reads more honestly). */
  readonly smooth: boolean;
  /** Dots on each value: `auto` (default) when there are 24 points or fewer, `always`, `never`. */
  readonly showPoints: 'auto' | 'always' | 'never';
}

export const LINE_DEFAULTS: LineOptions = {
  smooth: false,
  showPoints: 'auto',
  decal: false,
  // Off by default: a filter change redraws at once (and no motion for readers who avoid it).
  animation: false,
};

export function resolveLineOptions(raw: RawOptions): LineOptions {
  const measures = stringListOption(raw, 'measures');
  return {
    ...resolveCommonOptions(raw),
    ...(measures ? { measures } : {}),
    smooth: booleanOption(raw, 'smooth', LINE_DEFAULTS.smooth),
    showPoints: enumOption(raw, 'showPoints', ['auto', 'always', 'never'], LINE_DEFAULTS.showPoints),
  };
}
