import type { DatasetDefinition } from '@dataetat/widgets';
import { geoDimensions, qpvDimension } from '../geo-dimensions.ts';
import { tagsDimension, tagsOriginDimension } from '../tags-dimension.ts';

export const chorusLignes: DatasetDefinition = {
  id: 'chorus_lignes',
  title: "Engagements et paiements de l'État (Chorus)",
  description:
    'Lignes d’engagements juridiques (AE) et de paiements (CP), une par poste d’engagement, géolocalisées ' +
    'avec le COG 2026. Les extractions Chorus importées par un administrateur remplacent, pour les années ' +
    'et régions qu’elles couvrent, des données de démonstration générées de façon déterministe à partir des ' +
    'vrais programmes budgétaires et des communes pondérées par leur population (SIRET fictifs mais valides) ; ' +
    'la dimension « Origine des données » dit d’où vient chaque ligne.',
  source: {
    name: 'Chorus (imports) ; générateur Data-État pour les données de démonstration ; programmes LOLF et COG 2026 (Insee)',
    licence: 'Licence Ouverte / Etalab 2.0',
  },
  demo: true,
  demoOrigin: { dimension: 'origine', value: 'demo' },
  grain: 'Une ligne (poste) d’engagement juridique',
  table: 'chorus_lignes',
  scopeField: 'region',
  dimensions: [
    ...geoDimensions,
    qpvDimension(
      'Quartier prioritaire de la politique de la ville où l’action a lieu (codes 2015 « QP… » ou 2024 « QN… »). ' +
        'Lignes importées : d’après le fichier « qpv_lieu_action » importé (EJ → quartier et part de l’EJ) ; une ligne ' +
        'dont l’EJ est réparti entre plusieurs quartiers y est coupée, chaque quartier ayant sa part du montant ' +
        '(arrondie au centime) et une ligne sans quartier le reste (parts « NR », part non placée). ' +
        'Données de démonstration : environ 40 % des engagements des communes d’Occitanie qui ont des quartiers ' +
        'prioritaires y sont placés, dans l’un de ces quartiers choisi de façon déterministe. Les contours ' +
        'disponibles sont ceux de 2015 en Occitanie seulement : les autres régions et les codes 2024 ont des codes mais pas de contours.',
    ),
    {
      id: 'programme',
      label: 'Programme',
      type: 'code',
      column: 'programme',
      labelColumn: 'programme_label',
      searchColumn: 'programme_search',
      description: 'Programme budgétaire LOLF (code à 4 chiffres).',
    },
    {
      id: 'theme',
      label: 'Thème (mission)',
      type: 'text',
      column: 'theme',
      searchColumn: 'theme_search',
    },
    {
      id: 'ministere',
      label: 'Ministère',
      type: 'code',
      column: 'ministere',
      labelColumn: 'ministere_label',
      description:
        'Ministère responsable du programme, d’après la Calculette Chorus importée (vide tant qu’elle ne l’a pas été).',
    },
    {
      id: 'domaine_fonctionnel',
      label: 'Domaine fonctionnel',
      type: 'code',
      column: 'domaine_fonctionnel',
      labelColumn: 'domaine_fonctionnel_label',
      description: 'Action ou sous-action du programme ; libellé de la Calculette Chorus importée.',
    },
    {
      id: 'referentiel_programmation',
      label: 'Référentiel de programmation',
      type: 'code',
      column: 'referentiel_programmation',
    },
    {
      id: 'centre_couts',
      label: 'Centre de coûts',
      type: 'code',
      column: 'centre_couts',
      labelColumn: 'centre_couts_label',
      description: 'Libellé de la Calculette Chorus importée.',
    },
    {
      id: 'groupe_marchandise',
      label: 'Groupe de marchandises',
      type: 'code',
      column: 'groupe_marchandise',
      labelColumn: 'groupe_marchandise_label',
      description:
        'Nomenclature des achats (lignes importées seulement) ; libellé de la Calculette Chorus importée.',
    },
    {
      id: 'beneficiaire',
      label: 'Bénéficiaire',
      type: 'code',
      column: 'beneficiaire',
      labelColumn: 'beneficiaire_label',
      searchColumn: 'beneficiaire_search',
      // ~500 000 distinct for 10M lines: a search looks through them, not through every line.
      entityTable: 'chorus_lignes__e_beneficiaire',
      description:
        'SIRET et raison sociale (fictifs dans les données de démonstration ; pour une ligne importée sans SIRET, le code fournisseur Chorus).',
    },
    {
      id: 'type_beneficiaire',
      label: 'Type de bénéficiaire',
      type: 'code',
      column: 'type_beneficiaire',
      labelColumn: 'type_beneficiaire_label',
    },
    { id: 'annee', label: 'Année', type: 'year', column: 'annee' },
    { id: 'date_engagement', label: "Date d'engagement", type: 'date', column: 'date_engagement' },
    {
      id: 'origine',
      label: 'Origine des données',
      type: 'code',
      column: 'origine',
      labelColumn: 'origine_label',
      description:
        'Chorus importé, CP orphelin (paiement importé sans son engagement) ou données de démonstration (années et régions qu’aucun import ne couvre).',
    },
    tagsDimension,
    tagsOriginDimension,
  ],
  measures: [
    {
      id: 'montant_ae',
      label: "Autorisations d'engagement (AE)",
      aggregate: { kind: 'sum', column: 'montant_ae' },
      format: 'eur',
    },
    {
      id: 'montant_cp',
      label: 'Crédits de paiement (CP)',
      aggregate: { kind: 'sum', column: 'montant_cp' },
      format: 'eur',
    },
    { id: 'nb_lignes', label: 'Nombre de lignes', aggregate: { kind: 'count' }, format: 'integer' },
    {
      id: 'nb_beneficiaires',
      label: 'Nombre de bénéficiaires',
      aggregate: { kind: 'count_distinct', column: 'beneficiaire' },
      format: 'integer',
    },
    {
      id: 'taux_paiement',
      label: 'Taux de paiement (CP / AE)',
      aggregate: { kind: 'ratio', numerator: 'montant_cp', denominator: 'montant_ae' },
      format: 'percent',
      description: 'Recalculé à chaque niveau de sous-total, jamais additionné.',
    },
  ],
  defaultSort: [{ field: 'montant_ae', dir: 'desc' }],
};
