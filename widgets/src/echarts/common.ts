import Type from 'typebox';
import { choiceOption } from '../widget/options.ts';

/** Options every ECharts-based type accepts (declared here once, spread into each type's schema). */
export const commonChartOptions = {
  decal: Type.Boolean({
    default: false,
    title: 'Motifs sur les couleurs (daltonisme)',
    description: 'Des motifs sur les surfaces (ECharts `aria.decal`), pour qui distingue mal les couleurs.',
  }),
  // Off by default: a filter change redraws at once, and no motion for readers who avoid it.
  animation: Type.Boolean({
    default: false,
    title: 'Animations',
    description: 'Anime le graphique à chaque changement de données.',
  }),
};

/** Options of the time series types (line, area). */
export const timeSeriesOptions = {
  smooth: Type.Boolean({
    default: false,
    title: 'Courbes lissées',
    description: 'Des courbes plutôt que des segments droits (les segments se lisent plus honnêtement).',
  }),
  showPoints: choiceOption(
    [
      ['auto', 'Automatique (jusqu’à 24 points)'],
      ['always', 'Toujours'],
      ['never', 'Jamais'],
    ],
    { default: 'auto', title: 'Points sur les valeurs' },
  ),
};
