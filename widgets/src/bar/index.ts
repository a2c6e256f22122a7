import { defineWidget } from '../widget/define.ts';
import { barOptions } from './spec.ts';

export const bar = defineWidget({
  type: 'bar',
  label: 'Barres',
  description: 'Compare des valeurs entre catégories ; une seconde dimension forme des séries.',
  icon: 'fr-icon-bar-chart-box-line',
  options: barOptions,
  fits: (s) => s.measures >= 1 && s.dimensions.length >= 1 && s.dimensions.length <= 2,
  load: () => import('./Renderer.tsx'),
});
