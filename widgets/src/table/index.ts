import { defineWidget } from '../widget/define.ts';
import { tableQuery } from './query.ts';
import { tableOptions } from './spec.ts';

export const table = defineWidget({
  type: 'table',
  label: 'Tableau',
  description: 'Les lignes de la requête, paginées et triables, avec leur total.',
  minSize: { w: 4, h: 6 },
  icon: 'fr-icon-table-line',
  options: tableOptions,
  fits: (s) => s.measures + s.dimensions.length >= 1,
  query: tableQuery,
  load: () => import('./Renderer.tsx'),
});
