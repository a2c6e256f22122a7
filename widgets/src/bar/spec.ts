import Type from 'typebox';
import { commonChartOptions } from '../echarts/common.ts';
import {
  choiceOption,
  fieldListOption,
  optionsSchema,
  type ResolvedOptions,
  resolveOptions,
} from '../widget/options.ts';

/** Options of a `bar` widget. */
export const barOptions = optionsSchema({
  measures: fieldListOption(
    'measure',
    'Mesures représentées',
    'Dans l’ordre ; par défaut toutes celles de la requête. Avec deux dimensions, seule la première est ' +
      'dessinée (la seconde dimension forme les séries).',
  ),
  orientation: choiceOption(
    [
      ['auto', 'Automatique'],
      ['vertical', 'Barres verticales'],
      ['horizontal', 'Barres horizontales'],
    ],
    {
      default: 'auto',
      title: 'Orientation',
      description:
        'Automatique : horizontales au-delà de 8 catégories ou d’un libellé de plus de 16 caractères.',
    },
  ),
  mode: choiceOption(
    [
      ['grouped', 'Côte à côte'],
      ['stacked', 'Empilées (montre le total)'],
    ],
    { default: 'grouped', title: 'Plusieurs séries' },
  ),
  showValues: Type.Boolean({ default: false, title: 'Afficher les valeurs sur les barres' }),
  ...commonChartOptions,
});

export type BarOptions = ResolvedOptions<typeof barOptions>;

export function resolveBarOptions(raw: Readonly<Record<string, unknown>>): BarOptions {
  return resolveOptions(barOptions, raw);
}
