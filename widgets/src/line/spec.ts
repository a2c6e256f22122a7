import { commonChartOptions, timeSeriesOptions } from '../echarts/common.ts';
import { fieldListOption, optionsSchema, type ResolvedOptions, resolveOptions } from '../widget/options.ts';

/** Options of a `line` widget (first dimension: a year or a date). */
export const lineOptions = optionsSchema({
  measures: fieldListOption(
    'measure',
    'Mesures représentées',
    'Une courbe chacune ; par défaut toutes celles de la requête. Avec une seconde dimension, seule la ' +
      'première est dessinée, une courbe par valeur de cette dimension.',
  ),
  ...timeSeriesOptions,
  ...commonChartOptions,
});

export type LineOptions = ResolvedOptions<typeof lineOptions>;

export function resolveLineOptions(raw: Readonly<Record<string, unknown>>): LineOptions {
  return resolveOptions(lineOptions, raw);
}
