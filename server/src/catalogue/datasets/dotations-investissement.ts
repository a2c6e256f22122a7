import type { DatasetDefinition } from '@dataetat/widgets';
import { geoDimensions } from '../geo-dimensions.ts';
import { tagsDimension, tagsOriginDimension } from '../tags-dimension.ts';

export const dotationsInvestissement: DatasetDefinition = {
  id: 'dotations_investissement',
  title: "Dotations de soutien à l'investissement local 2019 (DETR, DSIL, DSID)",
  description:
    "Projets des collectivités financés en 2019 par la dotation d'équipement des territoires ruraux (DETR), " +
    "la dotation de soutien à l'investissement local (DSIL) et la dotation de soutien à l'investissement " +
    'des départements (DSID), avec le coût total, la subvention accordée et la localisation du projet.',
  source: {
    name: 'DGCL, via ANCT — data.gouv.fr « Dotations de soutien à l’investissement local »',
    licence: 'Licence Ouverte / Etalab 2.0',
    url: 'https://www.data.gouv.fr/',
  },
  demo: false,
  grain: 'Un projet subventionné',
  table: 'dotations_investissement',
  scopeField: 'region',
  dimensions: [
    { id: 'dotation', label: 'Dotation', type: 'code', column: 'dotation' },
    { id: 'echelon', label: 'Échelon', type: 'code', column: 'echelon', labelColumn: 'echelon_label' },
    {
      id: 'categorie',
      label: 'Catégorie de projet',
      type: 'text',
      column: 'categorie',
      searchColumn: 'categorie_search',
    },
    {
      id: 'beneficiaire',
      label: 'Collectivité bénéficiaire',
      type: 'code',
      column: 'beneficiaire',
      labelColumn: 'beneficiaire_label',
      searchColumn: 'beneficiaire_search',
    },
    {
      id: 'projet',
      label: 'Projet',
      type: 'code',
      column: 'id_projet',
      labelColumn: 'description',
      description: 'Un projet subventionné : son identifiant et sa description.',
    },
    ...geoDimensions,
    { id: 'annee', label: 'Année', type: 'year', column: 'annee' },
    // Where the project is (as published): with `projet` first, one map point per project.
    {
      id: 'latitude',
      label: 'Latitude',
      type: 'coordinate',
      axis: 'latitude',
      column: 'latitude',
      description: 'Latitude du projet (degrés WGS 84).',
    },
    {
      id: 'longitude',
      label: 'Longitude',
      type: 'coordinate',
      axis: 'longitude',
      column: 'longitude',
      description: 'Longitude du projet (degrés WGS 84).',
    },
    tagsDimension,
    tagsOriginDimension,
  ],
  measures: [
    {
      id: 'montant_subvention',
      label: 'Montant accordé',
      aggregate: { kind: 'sum', column: 'montant_subvention' },
      format: 'eur',
    },
    {
      id: 'cout_total',
      label: 'Coût total des projets',
      aggregate: { kind: 'sum', column: 'cout_total' },
      format: 'eur',
    },
    { id: 'nb_projets', label: 'Nombre de projets', aggregate: { kind: 'count' }, format: 'integer' },
    {
      id: 'taux_subvention',
      label: 'Taux de subvention',
      aggregate: { kind: 'ratio', numerator: 'montant_subvention', denominator: 'cout_total' },
      format: 'percent',
    },
  ],
  defaultSort: [{ field: 'montant_subvention', dir: 'desc' }],
};
