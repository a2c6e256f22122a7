import Type from 'typebox';
import { commonChartOptions } from '../echarts/common.ts';
import { measureOption, optionsSchema, type ResolvedOptions, resolveOptions } from '../widget/options.ts';

/** Options of a `pie` widget (one dimension, one measure: parts of a whole). */
export const pieOptions = optionsSchema({
  measure: measureOption('Mesure représentée', 'Par défaut la première mesure de la requête.'),
  donut: Type.Boolean({ default: false, title: 'Anneau (total au centre)' }),
  maxSlices: Type.Integer({
    default: 8,
    minimum: 2,
    maximum: 20,
    title: 'Nombre maximal de parts',
    description:
      'Les plus petites valeurs sont regroupées dans « Autres » : des parts trop fines ne se lisent pas ' +
      '(le tableau des données garde chaque valeur).',
  }),
  showLabels: Type.Boolean({ default: true, title: 'Étiquettes autour du graphique' }),
  ...commonChartOptions,
});

export type PieOptions = ResolvedOptions<typeof pieOptions>;

export function resolvePieOptions(raw: Readonly<Record<string, unknown>>): PieOptions {
  return resolveOptions(pieOptions, raw);
}
