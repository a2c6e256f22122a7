import { DSFR_DECALS, DSFR_FONT, DSFR_GREY, DSFR_PALETTE } from './palette.ts';

export interface BaseOptionInput {
  /** French sentence read by screen readers instead of ECharts' generic description. */
  readonly description: string;
  /** Patterns over the fills, for readers who do not tell colours apart. */
  readonly decal?: boolean;
  /** Animations (off by default: a filter change redraws at once; `finished` right after the first paint). */
  readonly animation?: boolean;
}

/**
 * What every chart option shares: DSFR palette and font, ECharts `aria` on with our French
 * description (ECharts' built-in strings are English), optional decals.
 */
export function baseOption(input: BaseOptionInput) {
  return {
    animation: input.animation ?? false,
    color: [...DSFR_PALETTE],
    textStyle: { fontFamily: DSFR_FONT, color: DSFR_GREY.text },
    aria: {
      enabled: true,
      label: { description: input.description },
      decal: input.decal ? { show: true, decals: DSFR_DECALS } : { show: false },
    },
  };
}

/** Legend at the top, DSFR text colour, scrollable when there are many entries. */
export function topLegend() {
  // Long series names are cut with « … » (whole in the tooltip), so two of them share a narrow cell.
  return {
    type: 'scroll' as const,
    top: 0,
    textStyle: { color: DSFR_GREY.text, width: 120, overflow: 'truncate' as const },
    tooltip: { show: true },
  };
}
