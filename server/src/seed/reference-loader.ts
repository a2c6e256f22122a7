import { existsSync } from 'node:fs';
import path from 'node:path';
import { QPV_FILE, qpvLabel, readQpvs } from '../geo/qpv.ts';
import { COG_VERSION } from './geo-reference.ts';
import type { SeedLoader } from './types.ts';

/**
 * COG 2026 reference tables, used by filter pickers and the geo service, and the quartiers
 * prioritaires of the seed pack's QPV file (`ref_qpv`: the Territoires page picks one under its
 * commune).
 */
export const referenceLoader: SeedLoader = {
  dataset: 'reference_cog',
  // 2: the communes' SIREN (the cross-source dataset names a commune beneficiary by it);
  // 3: the quartiers prioritaires (`ref_qpv`).
  version: 3,
  source: `${COG_VERSION} ; quartiers prioritaires ${QPV_FILE}`,
  tables: ['ref_regions', 'ref_departements', 'ref_epci', 'ref_communes', 'ref_qpv'],
  // The QPV file is optional: without it the quartiers' list is empty.
  inputs: async (seedDir) => (existsSync(path.join(seedDir, QPV_FILE)) ? [QPV_FILE] : []),
  async load({ seedDir, warehouse, geo }) {
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
    // Named and placed as the map places them (geo/boundaries.ts): « Nom (Commune) », the
    // commune's EPCI, département and région.
    const quartiers = await warehouse.replaceTable(
      {
        name: 'ref_qpv',
        columns: ['code', 'nom', 'commune', 'epci', 'departement', 'region'].map(
          (name) => ({ name, type: 'text' }) as const,
        ),
      },
      readQpvs(seedDir).flatMap((q) => {
        const commune = geo.resolveCommune(q.commune);
        if (!commune) return [];
        return [
          [
            q.code,
            qpvLabel(q.nom, commune.nom),
            commune.code,
            commune.epci,
            commune.departement,
            commune.region,
          ],
        ];
      }),
    );
    return {
      rowsLoaded: regions + departements + epci + communes + quartiers,
      rowsUnplaced: 0,
      rowsRejected: 0,
      report: { regions, departements, epci, communes, quartiers },
    };
  },
};
