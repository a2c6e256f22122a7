import { booleanOption, type RawOptions } from '../widget/options.ts';

/** Options every ECharts-based type accepts (documented here once, spread into each type's spec). */
export interface CommonChartOptions {
  /** Patterns over the fills (ECharts `aria.decal`), for readers who do not tell colours apart. Default false. */
  readonly decal: boolean;
  /** Animations. Default false: a filter change redraws at once, and no motion for readers who avoid it. */
  readonly animation: boolean;
}

export const COMMON_CHART_DEFAULTS: CommonChartOptions = { decal: false, animation: false };

export function resolveCommonOptions(raw: RawOptions): CommonChartOptions {
  return {
    decal: booleanOption(raw, 'decal', COMMON_CHART_DEFAULTS.decal),
    animation: booleanOption(raw, 'animation', COMMON_CHART_DEFAULTS.animation),
  };
}
