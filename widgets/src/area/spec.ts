import Type from 'typebox';
import { commonChartOptions, timeSeriesOptions } from '../echarts/common.ts';
import { fieldListOption, optionsSchema, type ResolvedOptions, resolveOptions } from '../widget/options.ts';

/** Options of an `area` widget (first dimension: a year or a date). */
export const areaOptions = optionsSchema({
  measures: fieldListOption(
    'measure',
    'Mesures représentées',
    'Une aire chacune ; par défaut toutes. Avec une seconde dimension, seule la première est dessinée, ' +
      'une aire par valeur de cette dimension.',
  ),
  stacked: Type.Boolean({
    default: true,
    title: 'Aires empilées',
    description:
      'Le bord supérieur montre le total (les parts d’un tout) ; sinon des aires translucides superposées (AE et CP).',
  }),
  ...timeSeriesOptions,
  ...commonChartOptions,
});

export type AreaOptions = ResolvedOptions<typeof areaOptions>;

export function resolveAreaOptions(raw: Readonly<Record<string, unknown>>): AreaOptions {
  return resolveOptions(areaOptions, raw);
}
