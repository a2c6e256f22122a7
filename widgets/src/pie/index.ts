import { defineWidget } from '../widget/define.ts';
import { pieOptions } from './spec.ts';

export const pie = defineWidget({
  type: 'pie',
  label: 'Secteurs',
  description: 'Les parts d’un total selon une dimension (une seule mesure).',
  minSize: { w: 4, h: 5 },
  icon: 'fr-icon-pie-chart-2-line',
  options: pieOptions,
  fits: (s) => s.measures === 1 && s.dimensions.length === 1,
  load: () => import('./Renderer.tsx'),
});
