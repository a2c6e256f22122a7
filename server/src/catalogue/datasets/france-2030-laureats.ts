import type { DatasetDefinition } from '@dataetat/widgets';
import { geoDimensions } from '../geo-dimensions.ts';
import { tagsDimension, tagsOriginDimension } from '../tags-dimension.ts';

/** France 2030 winners, brought by imports (`server/src/imports/grants/`): empty until then. */
export const france2030Laureats: DatasetDefinition = {
  id: 'france_2030_laureats',
  title: 'France 2030 : lauréats',
  description:
    'Projets lauréats du plan d’investissement France 2030 : opérateur (Bpifrance, ADEME, ANR…), ' +
    'procédure, projet, bénéficiaire, typologie, stratégie et objectif, avec les montants de ' +
    'subvention, d’avance remboursable et d’aide totale. Placés par la commune du bénéficiaire quand ' +
    'elle est connue, sinon par le département et la région que donne le fichier.',
  source: {
    name: 'Secrétariat général pour l’investissement — data.gouv.fr « France 2030 : lauréats » (import)',
    licence: 'Licence Ouverte / Etalab 2.0',
    url: 'https://www.data.gouv.fr/',
  },
  demo: false,
  importedOnly: true,
  grain: 'Un projet lauréat et son bénéficiaire',
  table: 'france_2030_laureats',
  scopeField: 'region',
  dimensions: [
    { id: 'operateur', label: 'Opérateur', type: 'code', column: 'operateur' },
    { id: 'procedure', label: 'Procédure', type: 'code', column: 'procedure' },
    { id: 'projet', label: 'Projet', type: 'text', column: 'projet' },
    {
      id: 'beneficiaire',
      label: 'Bénéficiaire',
      type: 'code',
      column: 'beneficiaire',
      labelColumn: 'beneficiaire_label',
      searchColumn: 'beneficiaire_search',
      description: 'SIRET du bénéficiaire (14 chiffres) quand le fichier le donne, sinon son nom.',
    },
    { id: 'typologie', label: 'Typologie du bénéficiaire', type: 'code', column: 'typologie' },
    { id: 'strategie', label: 'Stratégie', type: 'code', column: 'strategie' },
    {
      id: 'objectif',
      label: 'Objectif France 2030',
      type: 'code',
      column: 'objectif',
      labelColumn: 'objectif_label',
    },
    { id: 'annee', label: 'Année', type: 'year', column: 'annee' },
    { id: 'date_decision', label: 'Date de décision', type: 'date', column: 'date_decision' },
    ...geoDimensions,
    tagsDimension,
    tagsOriginDimension,
  ],
  measures: [
    {
      id: 'montant_aide',
      label: 'Aide totale',
      aggregate: { kind: 'sum', column: 'montant_aide' },
      format: 'eur',
    },
    {
      id: 'montant_subvention',
      label: 'Subventions',
      aggregate: { kind: 'sum', column: 'montant_subvention' },
      format: 'eur',
    },
    {
      id: 'montant_avance_remboursable',
      label: 'Avances remboursables',
      aggregate: { kind: 'sum', column: 'montant_avance_remboursable' },
      format: 'eur',
    },
    { id: 'nb_projets', label: 'Nombre de projets', aggregate: { kind: 'count' }, format: 'integer' },
    {
      id: 'nb_beneficiaires',
      label: 'Nombre de bénéficiaires',
      aggregate: { kind: 'count_distinct', column: 'beneficiaire' },
      format: 'integer',
    },
  ],
  defaultSort: [{ field: 'montant_aide', dir: 'desc' }],
};
