import { defineWidget } from '../widget/define.ts';
import { isTime } from '../widget/shape.ts';
import { lineRendering } from './rendering.ts';
import { lineOptions } from './spec.ts';

export const line = defineWidget({
  ...lineRendering,
  label: 'Courbe',
  description: 'L’évolution d’un montant dans le temps, année après année.',
  picture: [
    { d: 'M4 4v32h48', colour: 'grey', stroke: 1.5 },
    { d: 'M9 30L19 22L29 25L39 14L49 8', colour: 'major', stroke: 2.5 },
    { d: 'M46.5 8a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0z', colour: 'accent' },
  ],
  minSize: { w: 4, h: 5 },
  options: lineOptions,
  fits: (s) =>
    s.measures >= 1 && s.dimensions.length >= 1 && s.dimensions.length <= 2 && isTime(s.dimensions[0]?.type),
});
