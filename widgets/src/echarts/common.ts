import { booleanOption, type RawOptions } from '../widget/options.ts';

/** Options every ECharts-based type accepts (documented here once, spread into each type's spec). */
export interface CommonChartOptions {
  /** Patterns over the fills (ECharts `aria.decal`), for readers who do not tell colours apart. Default false. */
  readonly decal: boolean;
  /** Animations. Default true; the frame's PNG export and e2e tests do not depend on them. */
  readonly animation: boolean;
}

export const COMMON_CHART_DEFAULTS: CommonChartOptions = { decal: false, animation: true };

export function resolveCommonOptions(raw: RawOptions): CommonChartOptions {
  return {
    decal: booleanOption(raw, 'decal', COMMON_CHART_DEFAULTS.decal),
    animation: booleanOption(raw, 'animation', COMMON_CHART_DEFAULTS.animation),
  };
}
