import type { DimensionDefinition } from '@dataetat/widgets';

/**
 * « Politique publique »: the tags the rules and manual assignments of « Administration ›
 * Politiques publiques » put on a line (tags/). A line may carry several: a filter keeps the lines with any of the chosen
 * tags; grouped by tag, a line counts under each of its tags.
 */
export const tagsDimension: DimensionDefinition = {
  id: 'tags',
  label: 'Politique publique',
  type: 'tags',
  column: 'tags',
  labelColumn: 'tags_label',
  description:
    'Étiquettes posées par les règles et les affectations manuelles « Administration › Politiques publiques » (fonds vert, plan de relance, ' +
    'France 2030, DETR/DSIL/DSID, Petites villes de demain, Action cœur de ville, politique de la ville…). ' +
    'Une ligne peut en porter plusieurs : regroupée par politique publique, elle compte sous chacune, ' +
    'si bien que les totaux par étiquette peuvent dépasser le total général. Leur origine : « Origine de l’étiquette ».',
};

/**
 * « Origine de l'étiquette »: for each tag of a line, in the same order, where it comes from —
 * its rule (`regle:fonds_vert`), a manual assignment (`manuel:12`, the number of the upload or of
 * the beneficiary form), or both (`regle:fonds_vert+manuel:12`). Grouped with « Politique
 * publique », each tag of a line meets its own origin.
 */
export const tagsOriginDimension: DimensionDefinition = {
  id: 'tags_origine',
  label: 'Origine de l’étiquette',
  type: 'tags',
  column: 'tags_origine',
  labelColumn: 'tags_origine_label',
  description:
    'D’où vient chaque étiquette « Politique publique » de la ligne, dans le même ordre : la règle qui la pose ' +
    '(« Règle « Fonds vert » »), une affectation manuelle (« Affectation manuelle n° 12 : fichier « x.csv », ' +
    'auteur, date ») ou les deux. À regrouper avec « Politique publique » pour voir l’origine de chaque étiquette.',
};
