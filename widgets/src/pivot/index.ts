import { defineWidget } from '../widget/define.ts';
import { pivotRendering } from './rendering.ts';
import { pivotOptions } from './spec.ts';

export const pivot = defineWidget({
  ...pivotRendering,
  label: 'Tableau croisé',
  description:
    'Des lignes et des colonnes de dimensions croisées, avec sous-totaux et totaux calculés par le serveur.',
  minSize: { w: 4, h: 6 },
  icon: 'fr-icon-table-2',
  options: pivotOptions,
  fits: (s) => s.measures >= 1 && s.dimensions.length >= 2,
});
