import { defineWidget } from '../widget/define.ts';
import { pivotRendering } from './rendering.ts';
import { pivotOptions } from './spec.ts';

export const pivot = defineWidget({
  ...pivotRendering,
  label: 'Tableau croisé',
  description:
    'Des catégories en lignes et en colonnes, avec sous-totaux et totaux (ex. départements × années).',
  picture: [
    { d: 'M18 4h34v8H18z', colour: 'major' },
    { d: 'M4 12h14v24H4z', colour: 'minor' },
    { d: 'M18 30h34v6H18z', colour: 'light' },
    { d: 'M18 12h34v24H18z M29.33 12v24 M40.67 12v24 M18 21h34', colour: 'grey', stroke: 1 },
  ],
  minSize: { w: 4, h: 6 },
  options: pivotOptions,
  fits: (s) => s.measures >= 1 && s.dimensions.length >= 2,
});
