import { defineWidget } from '../widget/define.ts';
import { textRendering } from './rendering.ts';
import { textOptions } from './spec.ts';

export const text = defineWidget({
  ...textRendering,
  label: 'Texte',
  description: 'Un bloc de texte en Markdown, sans requête : titre de section, mode d’emploi, sources.',
  minSize: { w: 3, h: 3 },
  icon: 'fr-icon-file-text-line',
  options: textOptions,
  // A text block has no query.
  fits: (s) => s.measures === 0 && s.dimensions.length === 0,
});
