import Type from 'typebox';
import {
  choiceOption,
  measureOption,
  optionsSchema,
  type ResolvedOptions,
  resolveOptions,
} from '../widget/options.ts';

/** Options of a `map` widget. */
export const mapOptions = optionsSchema({
  mode: choiceOption(
    [
      ['choropleth', 'Aplats de couleur par territoire'],
      ['symbols', 'Cercles proportionnels'],
      ['points', 'Un point par ligne (latitude, longitude)'],
    ],
    {
      default: 'choropleth',
      title: 'Représentation',
      description:
        'Un résultat avec latitude et longitude sans dimension territoriale en premier est dessiné en points ' +
        'quel que soit ce choix.',
    },
  ),
  measure: measureOption('Mesure représentée', 'Par défaut la première mesure de la requête.'),
  classification: choiceOption(
    [
      ['quantiles', 'Effectifs égaux (quantiles)'],
      ['jenks', 'Seuils naturels (Jenks)'],
    ],
    { default: 'quantiles', title: 'Méthode de classification' },
  ),
  classes: Type.Integer({ default: 5, minimum: 3, maximum: 7, title: 'Nombre de classes de couleur' }),
  // Points mode: by default the `coordinate` dimensions of the result (their `axis`), else the
  // columns `latitude`/`longitude`.
  latitudeField: Type.Optional(
    Type.String({ minLength: 1, description: 'Mode points : la colonne de la latitude (degrés WGS 84).' }),
  ),
  longitudeField: Type.Optional(
    Type.String({ minLength: 1, description: 'Mode points : la colonne de la longitude (degrés WGS 84).' }),
  ),
  cluster: Type.Boolean({
    default: true,
    title: 'Regrouper les points proches',
    description: 'Mode points : des groupes qu’un clic ouvre en zoomant.',
  }),
});

export type MapOptions = ResolvedOptions<typeof mapOptions>;

export function resolveMapOptions(raw: Readonly<Record<string, unknown>>): MapOptions {
  return resolveOptions(mapOptions, raw);
}
