import { defineWidget } from '../widget/define.ts';
import { pieRendering } from './rendering.ts';
import { pieOptions } from './spec.ts';

export const pie = defineWidget({
  ...pieRendering,
  label: 'Secteurs',
  description: 'Les parts d’un total selon une dimension (une seule mesure).',
  minSize: { w: 4, h: 5 },
  icon: 'fr-icon-pie-chart-2-line',
  options: pieOptions,
  fits: (s) => s.measures === 1 && s.dimensions.length === 1,
});
