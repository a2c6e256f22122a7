/** Options of the `pivot` widget (DESIGN.md §6): rows × columns × measures, totals from SQL. */
import Type from 'typebox';
import { fieldListOption, optionsSchema, type ResolvedOptions } from '../widget/options.ts';

export const pivotOptions = optionsSchema({
  columns: fieldListOption(
    'dimension',
    'Dimension en colonnes',
    'Les autres dimensions forment les lignes, dans l’ordre de la requête ; aucune : une colonne par mesure.',
  ),
  heat: Type.Boolean({
    default: false,
    title: 'Colorer les cellules selon la valeur',
    description: 'Du clair au bleu DSFR, mesure par mesure.',
  }),
  expandDepth: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'Niveaux de lignes ouverts au départ (1 : seul le premier niveau). Par défaut tous.',
    }),
  ),
});

/** Stored pivot options: any key may be left out. */
export type PivotOptions = Partial<ResolvedOptions<typeof pivotOptions>>;
