import { defineWidget } from '../widget/define.ts';
import { gaugeRendering } from './rendering.ts';
import { gaugeOptions } from './spec.ts';

export const gauge = defineWidget({
  ...gaugeRendering,
  label: 'Jauge',
  description:
    'Un chiffre sur un cadran, face à son maximum et à un objectif (un taux de paiement, par exemple).',
  minSize: { w: 3, h: 4 },
  icon: 'fr-icon-dashboard-3-fill',
  options: gaugeOptions,
  fits: (s) => s.measures === 1 && s.dimensions.length === 0,
});
