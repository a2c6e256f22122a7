import type { DatasetDefinition } from '@dataetat/widgets';
import { geoDimensions } from '../geo-dimensions.ts';
import { tagsDimension, tagsOriginDimension } from '../tags-dimension.ts';

/** Posts are known by département only: no EPCI or commune levels. */
const territorial = geoDimensions.filter((d) => d.id === 'region' || d.id === 'departement');

export const politiqueVillePostes: DatasetDefinition = {
  id: 'politique_ville_postes',
  title: 'Politique de la ville : postes adultes-relais et FONJEP',
  description:
    "Postes financés par l'État au titre de la politique de la ville : adultes-relais (médiation sociale " +
    'dans les quartiers prioritaires) et postes FONJEP (Fonds de coopération de la jeunesse et de ' +
    "l'éducation populaire), avec l'employeur, le contrat de ville, le département et le montant annuel. " +
    'Les fichiers publiés donnent le contrat de ville (code_cv) mais pas le quartier prioritaire : ces postes ' +
    'ne se placent pas au niveau des QPV.',
  source: {
    name: 'ANCT — data.gouv.fr « Subventions politique de la ville »',
    licence: 'Licence Ouverte / Etalab 2.0',
    url: 'https://www.data.gouv.fr/',
  },
  demo: false,
  grain: 'Un poste financé une année',
  table: 'politique_ville_postes',
  scopeField: 'region',
  dimensions: [
    {
      id: 'dispositif',
      label: 'Dispositif',
      type: 'code',
      column: 'dispositif',
      labelColumn: 'dispositif_label',
    },
    { id: 'annee', label: 'Année', type: 'year', column: 'annee' },
    {
      id: 'beneficiaire',
      label: 'Employeur bénéficiaire',
      type: 'code',
      column: 'beneficiaire',
      labelColumn: 'beneficiaire_label',
      searchColumn: 'beneficiaire_search',
      description: 'SIRET quand la source le donne (adultes-relais), sinon le nom de la structure (FONJEP).',
    },
    {
      id: 'type_beneficiaire',
      label: 'Type de bénéficiaire',
      type: 'code',
      column: 'type_beneficiaire',
      labelColumn: 'type_beneficiaire_label',
      description:
        'Déduit du SIREN (1… État, 2… collectivité) ; les postes FONJEP vont à des associations ; ' +
        'les autres employeurs privés sont des associations sauf forme de société dans le nom.',
    },
    { id: 'contrat_ville', label: 'Contrat de ville', type: 'code', column: 'contrat_ville' },
    ...territorial,
    tagsDimension,
    tagsOriginDimension,
  ],
  measures: [
    { id: 'montant', label: 'Montant', aggregate: { kind: 'sum', column: 'montant' }, format: 'eur' },
    { id: 'nb_postes', label: 'Nombre de postes', aggregate: { kind: 'count' }, format: 'integer' },
    {
      id: 'nb_beneficiaires',
      label: 'Nombre de bénéficiaires',
      aggregate: { kind: 'count_distinct', column: 'beneficiaire' },
      format: 'integer',
    },
  ],
  defaultSort: [{ field: 'montant', dir: 'desc' }],
};
