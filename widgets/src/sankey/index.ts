import { defineWidget } from '../widget/define.ts';
import { sankeyRendering } from './rendering.ts';
import { sankeyOptions } from './spec.ts';

export const sankey = defineWidget({
  ...sankeyRendering,
  label: 'Flux',
  description:
    'Comment les montants passent d’une catégorie à une autre (ex. programme → type de bénéficiaire).',
  picture: [
    { d: 'M8 4C28 4 28 4 48 4V10C28 10 28 10 8 10z', colour: 'light' },
    { d: 'M8 10C28 10 28 18 48 18V24C28 24 28 16 8 16z', colour: 'minor' },
    { d: 'M8 20C28 20 28 10 48 10V14C28 14 28 24 8 24z', colour: 'minor' },
    { d: 'M8 24C28 24 28 24 48 24V36C28 36 28 36 8 36z', colour: 'light' },
    { d: 'M4 4h4v12H4z M4 20h4v16H4z M48 4h4v10h-4z M48 18h4v18h-4z', colour: 'major' },
  ],
  minSize: { w: 4, h: 6 },
  options: sankeyOptions,
  fits: (s) => s.measures === 1 && s.dimensions.length >= 2 && s.dimensions.length <= 3,
});
