import type { DimensionDefinition } from '@dataetat/widgets';

/** The territorial hierarchy every geolocated dataset offers (COG 2026 codes + labels). */
export const geoDimensions: readonly DimensionDefinition[] = [
  {
    id: 'region',
    label: 'Région',
    type: 'geo',
    level: 'region',
    column: 'region',
    labelColumn: 'region_label',
  },
  {
    id: 'departement',
    label: 'Département',
    type: 'geo',
    level: 'departement',
    column: 'departement',
    labelColumn: 'departement_label',
    parent: 'region',
  },
  {
    id: 'epci',
    label: 'EPCI',
    type: 'geo',
    level: 'epci',
    column: 'epci',
    labelColumn: 'epci_label',
    parent: 'departement',
  },
  {
    id: 'commune',
    label: 'Commune',
    type: 'geo',
    level: 'commune',
    column: 'commune',
    labelColumn: 'commune_label',
    parent: 'epci',
  },
];
