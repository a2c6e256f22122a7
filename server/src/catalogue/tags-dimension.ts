import type { DimensionDefinition } from '@dataetat/widgets';

/**
 * « Politique publique »: the tags the rules of « Administration › Politiques publiques » put
 * on a line (tags/). A line may carry several: a filter keeps the lines with any of the chosen
 * tags; grouped by tag, a line counts under each of its tags.
 */
export const tagsDimension: DimensionDefinition = {
  id: 'tags',
  label: 'Politique publique',
  type: 'tags',
  column: 'tags',
  labelColumn: 'tags_label',
  description:
    'Étiquettes posées par les règles « Administration › Politiques publiques » (fonds vert, plan de relance, ' +
    'France 2030, DETR/DSIL/DSID, Petites villes de demain, Action cœur de ville, politique de la ville…). ' +
    'Une ligne peut en porter plusieurs : regroupée par politique publique, elle compte sous chacune, ' +
    'si bien que les totaux par étiquette peuvent dépasser le total général.',
};
