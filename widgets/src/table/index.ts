import { defineWidget } from '../widget/define.ts';
import { tableRendering } from './rendering.ts';
import { tableOptions } from './spec.ts';

export const table = defineWidget({
  ...tableRendering,
  label: 'Tableau',
  description: 'Les lignes de données une à une, triables, avec leur total.',
  picture: [
    { d: 'M4 4h48v8H4z', colour: 'major' },
    { d: 'M4 20h48v8H4z', colour: 'light' },
    { d: 'M4 12h48v24H4z M20 12v24 M36 12v24', colour: 'grey', stroke: 1 },
  ],
  minSize: { w: 4, h: 8 },
  options: tableOptions,
  fits: (s) => s.measures + s.dimensions.length >= 1,
});
