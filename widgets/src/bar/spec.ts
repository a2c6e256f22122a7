import { type CommonChartOptions, resolveCommonOptions } from '../echarts/common.ts';
import { booleanOption, enumOption, type RawOptions, stringListOption } from '../widget/options.ts';

/** Options of a `bar` widget. */
export interface BarOptions extends CommonChartOptions {
  /**
   * Measures drawn, by id, in order. Default: every measure of the query. With two dimensions
   * only the first one is drawn (the second dimension makes the series).
   */
  readonly measures?: readonly string[];
  /**
   * Bars growing upwards (`vertical`) or rightwards (`horizontal`, better for long labels).
   * `auto` (default): horizontal when there are more than 8 categories or a label longer than
   * 16 characters.
   */
  readonly orientation: 'auto' | 'vertical' | 'horizontal';
  /** Several series side by side (`grouped`, default) or piled up (`stacked`, shows the total). */
  readonly mode: 'grouped' | 'stacked';
  /** Writes each value on its bar (compact format). Default false. */
  readonly showValues: boolean;
}

export const BAR_DEFAULTS: BarOptions = {
  orientation: 'auto',
  mode: 'grouped',
  showValues: false,
  decal: false,
  // Off by default: a filter change redraws at once (and no motion for readers who avoid it).
  animation: false,
};

export function resolveBarOptions(raw: RawOptions): BarOptions {
  const measures = stringListOption(raw, 'measures');
  return {
    ...resolveCommonOptions(raw),
    ...(measures ? { measures } : {}),
    orientation: enumOption(raw, 'orientation', ['auto', 'vertical', 'horizontal'], BAR_DEFAULTS.orientation),
    mode: enumOption(raw, 'mode', ['grouped', 'stacked'], BAR_DEFAULTS.mode),
    showValues: booleanOption(raw, 'showValues', BAR_DEFAULTS.showValues),
  };
}
