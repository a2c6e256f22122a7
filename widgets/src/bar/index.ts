import { defineWidget } from '../widget/define.ts';
import { barRendering } from './rendering.ts';
import { barOptions } from './spec.ts';

export const bar = defineWidget({
  ...barRendering,
  label: 'Barres',
  description: 'Comparer des montants entre catégories (par programme, par département…).',
  picture: [
    { d: 'M8 22h7v14H8z M19 12h7v24h-7z M30 18h7v18h-7z', colour: 'major' },
    { d: 'M41 6h7v30h-7z', colour: 'minor' },
    { d: 'M4 36h48', colour: 'grey', stroke: 1.5 },
  ],
  minSize: { w: 4, h: 5 },
  options: barOptions,
  fits: (s) => s.measures >= 1 && s.dimensions.length >= 1 && s.dimensions.length <= 2,
});
