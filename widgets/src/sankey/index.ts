import { defineWidget } from '../widget/define.ts';
import { sankeyRendering } from './rendering.ts';
import { sankeyOptions } from './spec.ts';

export const sankey = defineWidget({
  ...sankeyRendering,
  label: 'Flux (Sankey)',
  description: 'Des flux entre les valeurs de deux ou trois dimensions, épais selon une mesure.',
  minSize: { w: 4, h: 6 },
  icon: 'fr-icon-git-merge-line',
  options: sankeyOptions,
  fits: (s) => s.measures === 1 && s.dimensions.length >= 2 && s.dimensions.length <= 3,
});
