import { type CommonChartOptions, resolveCommonOptions } from '../echarts/common.ts';
import { booleanOption, enumOption, type RawOptions, stringListOption } from '../widget/options.ts';

/** Options of an `area` widget (first dimension: a year or a date). */
export interface AreaOptions extends CommonChartOptions {
  /**
   * Measures drawn, by id: one area each. Default: every measure. With a second dimension only
   * the first measure is drawn, one area per value of that dimension.
   */
  readonly measures?: readonly string[];
  /**
   * Areas piled up so the top edge is the total (default true: parts of a whole, e.g. postes by
   * dispositif). Set false for overlapping translucent areas (AE vs CP).
   */
  readonly stacked: boolean;
  /** Curved edges. Default false. */
  readonly smooth: boolean;
  /** Dots on each value: `auto` (default) when there are 24 points or fewer, `always`, `never`. */
  readonly showPoints: 'auto' | 'always' | 'never';
}

export const AREA_DEFAULTS: AreaOptions = {
  stacked: true,
  smooth: false,
  showPoints: 'auto',
  decal: false,
  // Off by default: a filter change redraws at once (and no motion for readers who avoid it).
  animation: false,
};

export function resolveAreaOptions(raw: RawOptions): AreaOptions {
  const measures = stringListOption(raw, 'measures');
  return {
    ...resolveCommonOptions(raw),
    ...(measures ? { measures } : {}),
    stacked: booleanOption(raw, 'stacked', AREA_DEFAULTS.stacked),
    smooth: booleanOption(raw, 'smooth', AREA_DEFAULTS.smooth),
    showPoints: enumOption(raw, 'showPoints', ['auto', 'always', 'never'], AREA_DEFAULTS.showPoints),
  };
}
