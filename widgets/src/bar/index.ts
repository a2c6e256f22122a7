import { defineWidget } from '../widget/define.ts';
import { barOptions } from './spec.ts';

export const bar = defineWidget({
  type: 'bar',
  label: 'Barres',
  description: 'Compare des valeurs entre catégories ; une seconde dimension forme des séries.',
  minSize: { w: 4, h: 5 },
  icon: 'fr-icon-bar-chart-box-line',
  options: barOptions,
  fits: (s) => s.measures >= 1 && s.dimensions.length >= 1 && s.dimensions.length <= 2,
  // One dimension: the grand total tells whether the bars beyond the first ones add up to an
  // « Autres » bar (see topWithOthers).
  query: (query) => ((query.dimensions ?? []).length === 1 ? { ...query, totals: true } : query),
  load: () => import('./Renderer.tsx'),
});
