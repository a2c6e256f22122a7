import { defineWidget } from '../widget/define.ts';
import { isTime } from '../widget/shape.ts';
import { areaRendering } from './rendering.ts';
import { areaOptions } from './spec.ts';

export const area = defineWidget({
  ...areaRendering,
  label: 'Aires',
  description: 'L’évolution d’un total dans le temps et la part de chacun, en surfaces empilées.',
  picture: [
    { d: 'M6 36V26L16 22L26 25L38 17L50 15V36z', colour: 'major' },
    { d: 'M6 26L16 22L26 25L38 17L50 15V7L38 10L26 15L16 13L6 18z', colour: 'minor' },
    { d: 'M4 36h48', colour: 'grey', stroke: 1.5 },
  ],
  minSize: { w: 4, h: 5 },
  options: areaOptions,
  fits: (s) =>
    s.measures >= 1 && s.dimensions.length >= 1 && s.dimensions.length <= 2 && isTime(s.dimensions[0]?.type),
});
