import { defineWidget } from '../widget/define.ts';
import { treemapRendering } from './rendering.ts';
import { treemapOptions } from './spec.ts';

export const treemap = defineWidget({
  ...treemapRendering,
  label: 'Répartition en rectangles',
  description: 'La part de chaque catégorie, proportionnelle à la surface de son rectangle.',
  picture: [
    { d: 'M4 4h24v32H4z', colour: 'major' },
    { d: 'M29.5 4h22.5v17H29.5z', colour: 'minor' },
    { d: 'M29.5 22.5h12v13.5h-12z', colour: 'light' },
    { d: 'M43 22.5h9v13.5h-9z', colour: 'accent' },
  ],
  minSize: { w: 4, h: 5 },
  options: treemapOptions,
  // Two dimensions make a hierarchy (départements within their région).
  fits: (s) => s.measures === 1 && (s.dimensions.length === 1 || s.dimensions.length === 2),
});
