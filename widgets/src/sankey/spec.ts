import Type from 'typebox';
import { commonChartOptions } from '../echarts/common.ts';
import { measureOption, optionsSchema, type ResolvedOptions, resolveOptions } from '../widget/options.ts';

/**
 * Options of a `sankey` widget: flows between the values of 2 or 3 dimensions, in query order
 * (e.g. programme → type de bénéficiaire → région), sized by one measure.
 */
export const sankeyOptions = optionsSchema({
  measure: measureOption('Mesure représentée', 'Elle donne l’épaisseur des flux ; par défaut la première.'),
  maxNodesPerLevel: Type.Integer({
    default: 10,
    minimum: 3,
    maximum: 30,
    title: 'Nombre maximal de nœuds par colonne',
    description:
      'Les plus petites valeurs de chaque dimension forment un nœud « Autres », pour des flux lisibles.',
  }),
  ...commonChartOptions,
});

export type SankeyOptions = ResolvedOptions<typeof sankeyOptions>;

export function resolveSankeyOptions(raw: Readonly<Record<string, unknown>>): SankeyOptions {
  return resolveOptions(sankeyOptions, raw);
}
