import { DSFR_FONT, DSFR_GREY, DSFR_PALETTE } from '../react/palette.ts';

export { DSFR_FONT, DSFR_GREY, DSFR_PALETTE };

/**
 * Decal patterns (aria.decal) so series stay distinguishable without colour: one pattern per
 * palette colour, in the same order. Patterns are drawn in semi-transparent white over the fill.
 */
export const DSFR_DECALS = [
  { symbol: 'none' },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4 },
  { symbol: 'circle', symbolSize: 0.8, dashArrayX: [[8, 8]], dashArrayY: [6, 0] },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [4, 3], rotation: -Math.PI / 4 },
  { symbol: 'triangle', symbolSize: 0.8, dashArrayX: [[8, 8]], dashArrayY: [6, 0] },
  {
    symbol: 'rect',
    dashArrayX: [
      [6, 6],
      [0, 6, 6, 0],
    ],
    dashArrayY: [6, 0],
  },
  { symbol: 'diamond', symbolSize: 0.8, dashArrayX: [[8, 8]], dashArrayY: [6, 0] },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [1, 3] },
].map((decal) => ({ color: 'rgba(255, 255, 255, 0.55)', ...decal }));

/** Opacity of data points outside the current cross-filter selection. */
export const DIMMED_OPACITY = 0.3;
