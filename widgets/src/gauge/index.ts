import { defineWidget } from '../widget/define.ts';
import { gaugeRendering } from './rendering.ts';
import { gaugeOptions } from './spec.ts';

export const gauge = defineWidget({
  ...gaugeRendering,
  label: 'Jauge',
  description: 'Un chiffre face à son objectif, sur un cadran (un taux de paiement, par exemple).',
  picture: [
    { d: 'M8 34A20 20 0 0 1 48 34', colour: 'light', stroke: 6 },
    { d: 'M8 34A20 20 0 0 1 38 16.68', colour: 'major', stroke: 6 },
    { d: 'M28 34L36 20.14', colour: 'accent', stroke: 2.5 },
    { d: 'M25 34a3 3 0 1 0 6 0a3 3 0 1 0-6 0z', colour: 'major' },
  ],
  minSize: { w: 3, h: 6 },
  options: gaugeOptions,
  fits: (s) => s.measures === 1 && s.dimensions.length === 0,
});
