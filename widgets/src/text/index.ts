import { defineWidget } from '../widget/define.ts';
import { textRendering } from './rendering.ts';
import { textOptions } from './spec.ts';

export const text = defineWidget({
  ...textRendering,
  label: 'Texte',
  description: 'Un bloc de texte sans données : titre de partie, mode d’emploi, sources.',
  picture: [
    { d: 'M6 6h30v6H6z', colour: 'major' },
    { d: 'M6 19h44 M6 25h44 M6 31h28', colour: 'grey', stroke: 2 },
  ],
  minSize: { w: 3, h: 3 },
  options: textOptions,
  // A text block has no query.
  fits: (s) => s.measures === 0 && s.dimensions.length === 0,
});
