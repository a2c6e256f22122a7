import { defineWidget } from '../widget/define.ts';
import { tableRendering } from './rendering.ts';
import { tableOptions } from './spec.ts';

export const table = defineWidget({
  ...tableRendering,
  label: 'Tableau',
  description: 'Les lignes de la requête, paginées et triables, avec leur total.',
  minSize: { w: 4, h: 6 },
  icon: 'fr-icon-table-line',
  options: tableOptions,
  fits: (s) => s.measures + s.dimensions.length >= 1,
});
