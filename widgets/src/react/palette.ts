/**
 * Series colours taken from the DSFR palette (« couleurs illustratives »), ordered so neighbours
 * contrast. The first one, bleu France, has a 3:1+ contrast on white, as RGAA asks of graphics.
 */
export const DSFR_PALETTE: readonly string[] = [
  '#000091', // bleu France sun-113
  '#e4794a', // orange terre battue main-645
  '#68a532', // vert bourgeon main-640
  '#a558a0', // violet glycine main-494
  '#6a6af4', // bleu France main-525
  '#c8aa39', // jaune tournesol main-731
  '#465f9d', // bleu écume main-400
  '#00a95f', // vert émeraude main-632
];

/** DSFR text and rule colours used by chart axes. */
export const DSFR_GREY = { text: '#3a3a3a', mention: '#666666', rule: '#dddddd' } as const;

/** Marianne, the DSFR font, with the DSFR fallbacks. */
export const DSFR_FONT = 'Marianne, arial, sans-serif';
