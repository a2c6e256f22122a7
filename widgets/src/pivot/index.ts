import { defineWidget } from '../widget/define.ts';
import { pivotQuery } from './query.ts';
import { pivotOptions } from './spec.ts';

export const pivot = defineWidget({
  type: 'pivot',
  label: 'Tableau croisé',
  description:
    'Des lignes et des colonnes de dimensions croisées, avec sous-totaux et totaux calculés par le serveur.',
  minSize: { w: 4, h: 6 },
  icon: 'fr-icon-table-2',
  options: pivotOptions,
  fits: (s) => s.measures >= 1 && s.dimensions.length >= 2,
  query: pivotQuery,
  load: () => import('./Renderer.tsx'),
});
