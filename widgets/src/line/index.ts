import { defineWidget } from '../widget/define.ts';
import { isTime } from '../widget/shape.ts';
import { lineRendering } from './rendering.ts';
import { lineOptions } from './spec.ts';

export const line = defineWidget({
  ...lineRendering,
  label: 'Courbe',
  description: 'Montre une évolution dans le temps (première dimension : année ou date).',
  minSize: { w: 4, h: 5 },
  icon: 'fr-icon-line-chart-line',
  options: lineOptions,
  fits: (s) =>
    s.measures >= 1 && s.dimensions.length >= 1 && s.dimensions.length <= 2 && isTime(s.dimensions[0]?.type),
});
