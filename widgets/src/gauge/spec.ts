import Type from 'typebox';
import { commonChartOptions } from '../echarts/common.ts';
import { measureOption, optionsSchema, type ResolvedOptions, resolveOptions } from '../widget/options.ts';

/**
 * Options of a `gauge` widget: one figure on a dial, from `min` to `max`, with an optional target
 * marked on it (e.g. a payment rate against its objective). The query has one measure and no
 * dimension.
 */
export const gaugeOptions = optionsSchema({
  measure: measureOption('Mesure représentée', 'Par défaut la première mesure de la requête.'),
  min: Type.Number({ default: 0, title: 'Début du cadran' }),
  max: Type.Optional(
    Type.Number({
      title: 'Fin du cadran',
      description:
        'Par défaut 100 % pour un taux, sinon un nombre rond au-dessus de la valeur et de l’objectif.',
    }),
  ),
  target: Type.Optional(
    Type.Number({
      title: 'Objectif',
      description: 'Marqué sur le cadran et rappelé sous la valeur ; pour un taux, 0.8 vaut 80 %.',
    }),
  ),
  animation: commonChartOptions.animation,
});

export type GaugeOptions = ResolvedOptions<typeof gaugeOptions>;

export function resolveGaugeOptions(raw: Readonly<Record<string, unknown>>): GaugeOptions {
  return resolveOptions(gaugeOptions, raw);
}
