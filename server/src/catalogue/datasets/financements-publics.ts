import type { DatasetDefinition } from '@dataetat/widgets';
import { geoDimensions, qpvDimension } from '../geo-dimensions.ts';

/**
 * What the State and its operators give a territory, every source superposed (built in the
 * warehouse from the other datasets: server/src/financements/). Overlaps between sources are
 * flagged line by line (`recoupement`) and left out of the default measure; docs/financements-publics.md
 * says which and why.
 */
export const financementsPublics: DatasetDefinition = {
  id: 'financements_publics',
  title: 'Financements publics (toutes sources)',
  description:
    'Ce que l’État et ses opérateurs versent ou accordent à un territoire, toutes sources superposées : ' +
    'paiements Chorus (crédits de paiement), dotations d’investissement (DETR, DSIL, DSID), postes de la ' +
    'politique de la ville, subventions des opérateurs (SCDL, ADEME…) et lauréats France 2030, par ' +
    'territoire, année, bénéficiaire et politique publique, la source étant une dimension. Le « Montant ' +
    'sans double compte » ne compte jamais deux fois le même euro : les dotations (payées par Chorus, ' +
    'programmes 0119 et 0122, quand Chorus couvre l’année et la région), les postes de la politique de la ville ' +
    '(programme 0147) et France 2030 (programmes 0421 à 0425), quand Chorus porte ces programmes la même année, ' +
    'ainsi que les versements Chorus à un opérateur dont les aides sont détaillées (SCDL), y sont comptés à zéro ; ' +
    'la dimension « Recoupement » dit lesquels, et le « Montant publié par la source » les garde tous. ' +
    'Les lignes Chorus non importées sont des données de démonstration (dimension « Origine des données »).',
  source: {
    name: 'Data-État, à partir de Chorus, de la DGCL, de l’ANCT, des opérateurs de l’État (SCDL) et du SGPI (France 2030)',
    licence: 'Licence Ouverte / Etalab 2.0',
  },
  demo: true,
  // The Chorus demo lines keep their origin here: the demo badge follows them.
  demoOrigin: { dimension: 'origine', value: 'demo' },
  grain: 'Une ligne d’une des sources (ligne Chorus, projet, poste, aide ou lauréat)',
  table: 'financements_publics',
  scopeField: 'region',
  dimensions: [
    {
      id: 'source',
      label: 'Source',
      type: 'code',
      column: 'source',
      labelColumn: 'source_label',
      description: 'Le jeu de données d’où vient la ligne.',
    },
    { id: 'annee', label: 'Année', type: 'year', column: 'annee' },
    ...geoDimensions,
    qpvDimension(
      'Quartier prioritaire de la politique de la ville des lignes Chorus qui en ont un (lignes de démonstration, ' +
        'ou lignes importées que le fichier « qpv_lieu_action » place dans un quartier, pour leur part) ; vide pour ' +
        'les autres sources, qui ne disent pas le quartier : filtré sur un quartier, le jeu ne montre que Chorus.',
    ),
    {
      id: 'beneficiaire',
      label: 'Bénéficiaire',
      type: 'code',
      column: 'beneficiaire',
      labelColumn: 'beneficiaire_label',
      searchColumn: 'beneficiaire_search',
      entityTable: 'financements_publics__e_beneficiaire',
      description:
        'Clé du bénéficiaire dans sa source : SIRET (Chorus, politique de la ville, SCDL, France 2030), code ' +
        'COG de la collectivité (dotations) ou nom quand la source n’en dit pas plus ; la dimension « SIREN » réunit les clés d’une même entité.',
    },
    {
      id: 'siren',
      label: 'SIREN',
      type: 'code',
      column: 'siren',
      description:
        'L’entité juridique (9 chiffres) : début du SIRET, ou SIREN de la commune ou de l’EPCI bénéficiaire ; vide pour un nom seul.',
    },
    {
      id: 'type_beneficiaire',
      label: 'Type de bénéficiaire',
      type: 'code',
      column: 'type_beneficiaire',
      labelColumn: 'type_beneficiaire_label',
    },
    {
      id: 'programme',
      label: 'Programme',
      type: 'code',
      column: 'programme',
      labelColumn: 'programme_label',
      description: 'Programme budgétaire LOLF des lignes Chorus (vide pour les autres sources).',
    },
    {
      id: 'objet',
      label: 'Objet',
      type: 'text',
      column: 'objet',
      description:
        'Programme (Chorus), description du projet (dotations), dispositif (politique de la ville), objet de l’aide (SCDL) ou projet (France 2030).',
    },
    {
      id: 'nature_montant',
      label: 'Nature du montant',
      type: 'code',
      column: 'nature_montant',
      labelColumn: 'nature_montant_label',
      description:
        'Crédits de paiement (payés) pour Chorus ; montant accordé (subvention, aide, poste) pour les autres sources.',
    },
    {
      id: 'recoupement',
      label: 'Recoupement',
      type: 'code',
      column: 'recoupement',
      labelColumn: 'recoupement_label',
      description:
        'Si la ligne décrit un argent qu’une autre source compte déjà, et laquelle des deux le « Montant sans double compte » garde.',
    },
    {
      id: 'origine',
      label: 'Origine des données',
      type: 'code',
      column: 'origine',
      labelColumn: 'origine_label',
      description:
        'Pour Chorus, importé ou démonstration ; données publiées ou importées pour les autres sources.',
    },
    {
      id: 'tags',
      label: 'Politique publique',
      type: 'tags',
      column: 'tags',
      labelColumn: 'tags_label',
      description: 'Les étiquettes de politique publique de la source, quand elle en a (Chorus).',
    },
  ],
  measures: [
    {
      id: 'montant',
      label: 'Montant sans double compte',
      aggregate: { kind: 'sum', column: 'montant_compte' },
      format: 'eur',
      description:
        'Crédits de paiement pour Chorus, montants accordés pour les autres sources ; les lignes qu’une autre source compte déjà valent zéro (voir « Recoupement »).',
    },
    {
      id: 'montant_source',
      label: 'Montant publié par la source',
      aggregate: { kind: 'sum', column: 'montant' },
      format: 'eur',
      description:
        'Le montant de chaque ligne tel que sa source le publie, recoupements compris : à ne pas additionner entre sources.',
    },
    { id: 'nb_lignes', label: 'Nombre de lignes', aggregate: { kind: 'count' }, format: 'integer' },
    {
      id: 'nb_beneficiaires',
      label: 'Nombre de bénéficiaires',
      aggregate: { kind: 'count_distinct', column: 'beneficiaire' },
      format: 'integer',
    },
  ],
  defaultSort: [{ field: 'montant', dir: 'desc' }],
};
