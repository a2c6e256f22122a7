import type { DimensionDefinition } from '@dataetat/widgets';

/**
 * The territorial hierarchy every geolocated dataset offers (COG 2026 codes + labels), each
 * with its search column (`<id>_search`, folded code + label written by the loader).
 */
export const geoDimensions: readonly DimensionDefinition[] = [
  {
    id: 'region',
    label: 'Région',
    type: 'geo',
    level: 'region',
    column: 'region',
    labelColumn: 'region_label',
    searchColumn: 'region_search',
  },
  {
    id: 'departement',
    label: 'Département',
    type: 'geo',
    level: 'departement',
    column: 'departement',
    labelColumn: 'departement_label',
    searchColumn: 'departement_search',
    parent: 'region',
  },
  {
    id: 'epci',
    label: 'EPCI',
    type: 'geo',
    level: 'epci',
    column: 'epci',
    labelColumn: 'epci_label',
    searchColumn: 'epci_search',
    parent: 'departement',
  },
  {
    id: 'commune',
    label: 'Commune',
    type: 'geo',
    level: 'commune',
    column: 'commune',
    labelColumn: 'commune_label',
    searchColumn: 'commune_search',
    parent: 'epci',
  },
];

/**
 * Quartier prioritaire de la politique de la ville, under the commune, for the datasets whose
 * lines know it (Chorus only: the politique de la ville posts name a contrat de ville, not a
 * quartier). Codes of 2015 (`QP044017`) and 2024 (`QN04417I`); null = not in a QPV or unknown.
 */
export function qpvDimension(description: string): DimensionDefinition {
  return {
    id: 'qpv',
    label: 'Quartier prioritaire (QPV)',
    type: 'geo',
    level: 'qpv',
    column: 'qpv',
    labelColumn: 'qpv_label',
    searchColumn: 'qpv_search',
    parent: 'commune',
    description,
  };
}
