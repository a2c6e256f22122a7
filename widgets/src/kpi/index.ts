import { defineWidget } from '../widget/define.ts';
import { kpiRendering } from './rendering.ts';
import { kpiOptions } from './spec.ts';

export const kpi = defineWidget({
  ...kpiRendering,
  label: 'Indicateur',
  description: 'Un chiffre clé en grand, avec son évolution sur un an.',
  picture: [
    { d: 'M4 4h48v32H4z', colour: 'light' },
    { d: 'M11 14l4-3v14', colour: 'major', stroke: 3 },
    { d: 'M20 14c0-4 8-4 8 0c0 3-8 7-8 11h8', colour: 'major', stroke: 3 },
    { d: 'M37 26L48 15 M41 15h7v7', colour: 'accent', stroke: 2.5 },
    { d: 'M11 31h17', colour: 'grey', stroke: 2 },
  ],
  minSize: { w: 3, h: 4 },
  options: kpiOptions,
  // One figure: no dimension, or a year dimension for the comparison and the sparkline.
  fits: (s) =>
    s.measures >= 1 &&
    (s.dimensions.length === 0 || (s.dimensions.length === 1 && s.dimensions[0]?.type === 'year')),
});
