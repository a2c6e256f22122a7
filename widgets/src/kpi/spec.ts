import Type from 'typebox';
import { measureOption, optionsSchema, type ResolvedOptions, resolveOptions } from '../widget/options.ts';

/**
 * Options of a `kpi` widget: one big figure. The query has one or more measures and either no
 * dimension (the value over the whole filter) or one year dimension (the last year's value,
 * compared with the year before, and its evolution as a sparkline).
 */
export const kpiOptions = optionsSchema({
  measure: measureOption(
    'Mesure représentée',
    'La mesure affichée en grand ; par défaut la première de la requête, les autres sont listées dessous.',
  ),
  compact: Type.Boolean({
    default: true,
    title: 'Valeur abrégée (1,2 M€) avec le montant exact dessous',
  }),
  comparison: Type.Boolean({
    default: true,
    title: 'Évolution par rapport à l’année précédente',
    description: 'Avec une dimension année : « +12,3 % par rapport à 2023 ».',
  }),
  sparkline: Type.Boolean({
    default: true,
    title: 'Petite courbe des valeurs annuelles',
    description: 'Avec une dimension année.',
  }),
  // Off by default: a filter change redraws at once (and no motion for readers who avoid it).
  animation: Type.Boolean({ default: false, title: 'Animation de la petite courbe' }),
});

export type KpiOptions = ResolvedOptions<typeof kpiOptions>;

export function resolveKpiOptions(raw: Readonly<Record<string, unknown>>): KpiOptions {
  return resolveOptions(kpiOptions, raw);
}
