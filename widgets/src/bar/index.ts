import { defineWidget } from '../widget/define.ts';
import { barRendering } from './rendering.ts';
import { barOptions } from './spec.ts';

export const bar = defineWidget({
  ...barRendering,
  label: 'Barres',
  description: 'Compare des valeurs entre catégories ; une seconde dimension forme des séries.',
  minSize: { w: 4, h: 5 },
  icon: 'fr-icon-bar-chart-box-line',
  options: barOptions,
  fits: (s) => s.measures >= 1 && s.dimensions.length >= 1 && s.dimensions.length <= 2,
});
