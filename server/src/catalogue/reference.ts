import type { DatasetDefinition, DimensionDefinition } from '@dataetat/widgets';

/**
 * Reference tables (COG 2026, quartiers prioritaires, LOLF programmes) as small catalogue entries, so filter pickers go
 * through the same compiler (bind parameters, accent-insensitive search) as every query.
 * Public data: no territorial scope. Not listed in /api/datasets.
 */
function reference(
  id: string,
  title: string,
  table: string,
  /** Column of the human label; null when the code is the label (themes). */
  labelColumn: string | null,
  parents: readonly DimensionDefinition[] = [],
  extra: readonly DimensionDefinition[] = [],
): DatasetDefinition {
  return {
    id,
    title,
    description: title,
    source: {
      name: 'Code officiel géographique 2026 (Insee) ; LOLF',
      licence: 'Licence Ouverte / Etalab 2.0',
    },
    demo: false,
    grain: 'Une entrée du référentiel',
    table,
    scopeField: null,
    dimensions: [
      labelColumn
        ? { id: 'code', label: 'Code', type: 'code', column: 'code', labelColumn }
        : { id: 'code', label: 'Libellé', type: 'text', column: 'label' },
      ...parents,
      ...extra,
    ],
    measures: [{ id: 'nb', label: 'Nombre', aggregate: { kind: 'count' }, format: 'integer' }],
    defaultSort: [{ field: 'code', dir: 'asc' }],
  };
}

const region: DimensionDefinition = { id: 'region', label: 'Région', type: 'code', column: 'region' };
const departement: DimensionDefinition = {
  id: 'departement',
  label: 'Département',
  type: 'code',
  column: 'departement',
};

export const referenceDefinitions: readonly DatasetDefinition[] = [
  reference('regions', 'Régions', 'ref_regions', 'nom'),
  reference('departements', 'Départements', 'ref_departements', 'nom', [region]),
  reference('epci', 'EPCI', 'ref_epci', 'nom'),
  reference(
    'communes',
    'Communes',
    'ref_communes',
    'nom',
    [region, departement],
    [{ id: 'epci', label: 'EPCI', type: 'code', column: 'epci' }],
  ),
  reference(
    'quartiers',
    'Quartiers prioritaires de la politique de la ville',
    'ref_qpv',
    'nom',
    [region, departement, { id: 'commune', label: 'Commune', type: 'code', column: 'commune' }],
    [{ id: 'epci', label: 'EPCI', type: 'code', column: 'epci' }],
  ),
  reference(
    'programmes',
    'Programmes budgétaires (LOLF)',
    'ref_programmes',
    'label',
    [],
    [{ id: 'theme', label: 'Thème', type: 'text', column: 'theme' }],
  ),
  reference('themes', 'Thèmes', 'ref_themes', null),
];

export const referenceCatalogue = new Map(referenceDefinitions.map((d) => [d.id, d]));
