import { defineWidget } from '../widget/define.ts';
import { isTime } from '../widget/shape.ts';
import { areaRendering } from './rendering.ts';
import { areaOptions } from './spec.ts';

export const area = defineWidget({
  ...areaRendering,
  label: 'Aires',
  description: 'Montre une évolution dans le temps et les parts d’un total, empilées.',
  minSize: { w: 4, h: 5 },
  icon: 'fr-icon-line-chart-fill',
  options: areaOptions,
  fits: (s) =>
    s.measures >= 1 && s.dimensions.length >= 1 && s.dimensions.length <= 2 && isTime(s.dimensions[0]?.type),
});
