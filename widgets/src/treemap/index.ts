import { defineWidget } from '../widget/define.ts';
import { treemapRendering } from './rendering.ts';
import { treemapOptions } from './spec.ts';

export const treemap = defineWidget({
  ...treemapRendering,
  label: 'Carte proportionnelle (treemap)',
  description:
    'Des rectangles proportionnels à la valeur, regroupés par la première dimension s’il y en a deux.',
  minSize: { w: 4, h: 5 },
  icon: 'fr-icon-layout-grid-line',
  options: treemapOptions,
  // Two dimensions make a hierarchy (départements within their région).
  fits: (s) => s.measures === 1 && (s.dimensions.length === 1 || s.dimensions.length === 2),
});
