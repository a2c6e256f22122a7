import { COG_VERSION } from './geo-reference.ts';
import type { SeedLoader } from './types.ts';

/** COG 2026 reference tables, used by filter pickers and the geo service. */
export const referenceLoader: SeedLoader = {
  dataset: 'reference_cog',
  // 2: the communes' SIREN (the cross-source dataset names a commune beneficiary by it).
  version: 2,
  source: COG_VERSION,
  tables: ['ref_regions', 'ref_departements', 'ref_epci', 'ref_communes'],
  inputs: async () => [],
  async load({ warehouse, geo }) {
    const regions = await warehouse.replaceTable(
      {
        name: 'ref_regions',
        columns: [
          { name: 'code', type: 'text' },
          { name: 'nom', type: 'text' },
        ],
      },
      [...geo.regions.values()].map((r) => [r.code, r.nom]),
    );
    const departements = await warehouse.replaceTable(
      {
        name: 'ref_departements',
        columns: [
          { name: 'code', type: 'text' },
          { name: 'nom', type: 'text' },
          { name: 'region', type: 'text' },
        ],
      },
      [...geo.departements.values()].map((d) => [d.code, d.nom, d.region]),
    );
    const epci = await warehouse.replaceTable(
      {
        name: 'ref_epci',
        columns: [
          { name: 'code', type: 'text' },
          { name: 'nom', type: 'text' },
          { name: 'type', type: 'text' },
          { name: 'population', type: 'integer' },
        ],
      },
      [...geo.epcis.values()].map((e) => [e.code, e.nom, e.type, e.population]),
    );
    const communes = await warehouse.replaceTable(
      {
        name: 'ref_communes',
        columns: [
          { name: 'code', type: 'text' },
          { name: 'nom', type: 'text' },
          { name: 'epci', type: 'text' },
          { name: 'departement', type: 'text' },
          { name: 'region', type: 'text' },
          { name: 'population', type: 'integer' },
          { name: 'siren', type: 'text' },
        ],
      },
      [...geo.communes.values()].map((c) => [
        c.code,
        c.nom,
        c.epci,
        c.departement,
        c.region,
        c.population,
        c.siren,
      ]),
    );
    return {
      rowsLoaded: regions + departements + epci + communes,
      rowsUnplaced: 0,
      rowsRejected: 0,
      report: { regions, departements, epci, communes },
    };
  },
};
