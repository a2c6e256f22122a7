import { defineWidget } from '../widget/define.ts';
import { kpiRendering } from './rendering.ts';
import { kpiOptions } from './spec.ts';

export const kpi = defineWidget({
  ...kpiRendering,
  label: 'Indicateur',
  description:
    'Un chiffre clé en grand, avec son évolution sur un an quand la requête a une dimension année.',
  minSize: { w: 3, h: 3 },
  icon: 'fr-icon-dashboard-3-line',
  options: kpiOptions,
  // One figure: no dimension, or a year dimension for the comparison and the sparkline.
  fits: (s) =>
    s.measures >= 1 &&
    (s.dimensions.length === 0 || (s.dimensions.length === 1 && s.dimensions[0]?.type === 'year')),
});
