import { defineWidget } from '../widget/define.ts';
import { pieRendering } from './rendering.ts';
import { pieOptions } from './spec.ts';

export const pie = defineWidget({
  ...pieRendering,
  label: 'Secteurs',
  description: 'La part de chaque catégorie dans un total, en parts de disque.',
  picture: [
    { d: 'M28 20L28 4A16 16 0 1 1 18.6 32.94z', colour: 'major' },
    { d: 'M28 20L18.6 32.94A16 16 0 0 1 15.06 10.6z', colour: 'minor' },
    { d: 'M28 20L15.06 10.6A16 16 0 0 1 28 4z', colour: 'accent' },
  ],
  minSize: { w: 4, h: 5 },
  options: pieOptions,
  fits: (s) => s.measures === 1 && s.dimensions.length === 1,
});
