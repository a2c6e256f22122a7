import { WIDGET_DEFINITIONS, type WidgetDefinition } from '@dataetat/widgets/react';
import type { DatasetSummary } from '../api/types.ts';
import { autoExample } from './autoExample.ts';

/**
 * One example of each chart type on the catalogue's datasets (dotations d'investissement and
 * politique de la ville: real data; Chorus: demonstration data), as the explorer would save them.
 */
export const GALLERY_WIDGETS: readonly WidgetDefinition[] = [
  {
    id: 'kpi',
    type: 'kpi',
    title: 'Postes de la politique de la ville financés',
    description: 'Montant annuel des postes adultes-relais et FONJEP, comparé à l’année précédente.',
    query: { dataset: 'politique_ville_postes', measures: ['montant', 'nb_postes'], dimensions: ['annee'] },
    options: { sparkline: true },
  },
  {
    id: 'bar',
    type: 'bar',
    title: 'Dotations d’investissement par région et par dotation',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['region', 'dotation'],
      sort: [{ field: 'montant_subvention', dir: 'desc' }],
      limit: 200,
    },
    options: { mode: 'stacked', orientation: 'horizontal' },
  },
  {
    id: 'line',
    type: 'line',
    title: 'Crédits engagés et payés par année',
    query: { dataset: 'chorus_lignes', measures: ['montant_ae', 'montant_cp'], dimensions: ['annee'] },
    options: {},
  },
  {
    id: 'area',
    type: 'area',
    title: 'Postes financés par dispositif',
    query: {
      dataset: 'politique_ville_postes',
      measures: ['nb_postes'],
      dimensions: ['annee', 'dispositif'],
    },
    options: { stacked: true, decal: true },
  },
  {
    id: 'pie',
    type: 'pie',
    title: 'Dotations d’investissement par catégorie de projet',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['categorie'],
      sort: [{ field: 'montant_subvention', dir: 'desc' }],
    },
    options: { donut: true, maxSlices: 7 },
  },
  {
    id: 'treemap',
    type: 'treemap',
    title: 'Dotations d’investissement par région et par département',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['region', 'departement'],
      limit: 500,
    },
    options: {},
  },
  {
    id: 'sankey',
    type: 'sankey',
    title: 'Du dispositif au type d’employeur et à la région',
    query: {
      dataset: 'politique_ville_postes',
      measures: ['montant'],
      dimensions: ['dispositif', 'type_beneficiaire', 'region'],
      limit: 1000,
    },
    options: { maxNodesPerLevel: 8 },
  },
  {
    id: 'carte',
    type: 'map',
    title: 'Dotations d’investissement par département',
    description: 'Montant accordé en 2019, en cinq classes d’effectifs égaux.',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['departement'],
      limit: 200,
    },
    options: { mode: 'choropleth', classification: 'quantiles', classes: 5 },
  },
  {
    id: 'carte-points',
    type: 'map',
    title: 'Projets subventionnés en 2019 (DETR, DSIL, DSID)',
    description: 'Un point par projet, regroupés quand ils sont proches : cliquez un groupe pour zoomer.',
    query: {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['projet', 'latitude', 'longitude'],
      limit: 30_000,
    },
    options: { mode: 'points' },
  },
  {
    id: 'text',
    type: 'text',
    title: 'À propos de cette galerie',
    query: null,
    options: {
      markdown: [
        'Chaque visualisation ci-dessus interroge **les vraies données** du catalogue : ' +
          'dotations d’investissement (DGCL), postes de la politique de la ville (ANCT) et, ' +
          'signalées comme telles, des *données de démonstration* Chorus.',
        '',
        '# Ce que fait chaque widget',
        '',
        '- « Voir les données » affiche les chiffres en tableau accessible ;',
        '- « Télécharger » exporte en CSV, XLSX ou PNG ;',
        '- un clic sur une barre, un secteur, un rectangle, un nœud du flux, un département ou un ' +
          'projet de la carte le sélectionne.',
      ].join('\n'),
    },
  },
];

/**
 * What the gallery shows, in the registry's order: the examples above for their type, and for a
 * type without one (a type just added) an example built from the catalogue.
 */
export function galleryWidgets(datasets: readonly DatasetSummary[]): readonly WidgetDefinition[] {
  return WIDGET_DEFINITIONS.flatMap((definition) => {
    const written = GALLERY_WIDGETS.filter((w) => w.type === definition.type);
    if (written.length > 0) return written;
    const example = autoExample(definition, datasets);
    return example ? [example] : [];
  });
}
