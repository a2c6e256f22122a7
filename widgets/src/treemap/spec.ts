import Type from 'typebox';
import { commonChartOptions } from '../echarts/common.ts';
import { measureOption, optionsSchema, type ResolvedOptions, resolveOptions } from '../widget/options.ts';

/**
 * Options of a `treemap` widget: one dimension (rectangles) or two (rectangles grouped by the
 * first dimension, e.g. départements within their région), one measure.
 */
export const treemapOptions = optionsSchema({
  measure: measureOption(
    'Mesure représentée',
    'Elle donne la taille des rectangles ; par défaut la première.',
  ),
  maxItems: Type.Integer({
    default: 40,
    minimum: 5,
    maximum: 200,
    title: 'Nombre maximal de rectangles par groupe',
    description: 'Les plus petits sont regroupés dans « Autres » : trop petits pour être lus ou cliqués.',
  }),
  ...commonChartOptions,
});

export type TreemapOptions = ResolvedOptions<typeof treemapOptions>;

export function resolveTreemapOptions(raw: Readonly<Record<string, unknown>>): TreemapOptions {
  return resolveOptions(treemapOptions, raw);
}
