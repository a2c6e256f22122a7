import type { DatasetDefinition } from '@dataetat/widgets';
import { geoDimensions } from '../geo-dimensions.ts';
import { tagsDimension, tagsOriginDimension } from '../tags-dimension.ts';

/**
 * Grants of the State's operators (ADEME…) published in the national SCDL « subventions » schema,
 * brought by imports (`server/src/imports/grants/`): empty until a file is imported.
 */
export const subventionsOperateurs: DatasetDefinition = {
  id: 'subventions_operateurs',
  title: 'Subventions des opérateurs de l’État (SCDL)',
  description:
    'Aides attribuées par les opérateurs de l’État (ADEME…) publiées au format national SCDL ' +
    '« subventions » : attribuant, bénéficiaire, objet, montant, nature et date de la convention. ' +
    'Les aides sont placées sur la carte par la commune de leur bénéficiaire quand elle est connue ' +
    '(SIRET déjà rencontré dans les imports Chorus, SIREN d’un EPCI) ; sinon au niveau le plus fin connu.',
  source: {
    name: 'Opérateurs de l’État — data.gouv.fr, schéma SCDL « subventions » (import)',
    licence: 'Licence Ouverte / Etalab 2.0',
    url: 'https://schema.data.gouv.fr/scdl/subventions/',
  },
  demo: false,
  importedOnly: true,
  grain: 'Une aide attribuée (une convention)',
  table: 'subventions_operateurs',
  scopeField: 'region',
  dimensions: [
    {
      id: 'attribuant',
      label: 'Attribuant',
      type: 'code',
      column: 'attribuant',
      labelColumn: 'attribuant_label',
      searchColumn: 'attribuant_search',
      description: 'L’opérateur qui attribue l’aide : son SIRET et son nom.',
    },
    {
      id: 'beneficiaire',
      label: 'Bénéficiaire',
      type: 'code',
      column: 'beneficiaire',
      labelColumn: 'beneficiaire_label',
      searchColumn: 'beneficiaire_search',
      description: 'SIRET du bénéficiaire (14 chiffres) quand le fichier le donne, sinon son nom.',
    },
    {
      id: 'type_beneficiaire',
      label: 'Type de bénéficiaire',
      type: 'code',
      column: 'type_beneficiaire',
      labelColumn: 'type_beneficiaire_label',
      description:
        'Déduit du SIREN (1… État, 2… collectivité) puis de la forme juridique dans le nom : une approximation.',
    },
    { id: 'objet', label: 'Objet de l’aide', type: 'text', column: 'objet' },
    { id: 'nature', label: 'Nature de l’aide', type: 'code', column: 'nature' },
    { id: 'annee', label: 'Année', type: 'year', column: 'annee' },
    { id: 'date_convention', label: 'Date de la convention', type: 'date', column: 'date_convention' },
    ...geoDimensions,
    tagsDimension,
    tagsOriginDimension,
  ],
  measures: [
    {
      id: 'montant',
      label: 'Montant attribué',
      aggregate: { kind: 'sum', column: 'montant' },
      format: 'eur',
    },
    { id: 'nb_aides', label: 'Nombre d’aides', aggregate: { kind: 'count' }, format: 'integer' },
    {
      id: 'nb_beneficiaires',
      label: 'Nombre de bénéficiaires',
      aggregate: { kind: 'count_distinct', column: 'beneficiaire' },
      format: 'integer',
    },
  ],
  defaultSort: [{ field: 'montant', dir: 'desc' }],
};
