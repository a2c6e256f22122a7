import { QPV_FILE } from './qpv.ts';

/**
 * The boundary levels served from the seed pack (COG 2026 codes, and the 2015 QPV of Occitanie).
 * Each file keys its features with its own property (`reg`, `dep`, `epci`, `code`, `code_qp`);
 * the service renames it to `code` and adds `nom` from the COG so every level reads the same way
 * in the browser.
 */
export const GEO_LEVELS = ['region', 'departement', 'epci', 'commune', 'qpv'] as const;
export type GeoLevel = (typeof GEO_LEVELS)[number];

/** Levels small enough to send whole as GeoJSON (communes go as tiles or per-département subsets). */
export const WHOLE_LEVELS = ['region', 'departement', 'epci', 'qpv'] as const satisfies readonly GeoLevel[];
export type WholeLevel = (typeof WHOLE_LEVELS)[number];

export interface LevelSource {
  /** File path relative to the seed dir. */
  readonly file: string;
  /** Property holding the code in that file. */
  readonly codeProperty: string;
  /** Name used when the COG does not know the code. */
  readonly nameProperty: string;
  /** Parent codes kept on each feature (for filtering and drill-down): served name → file property. */
  readonly parents: Readonly<Record<string, string>>;
}

export const LEVEL_SOURCES: Readonly<Record<GeoLevel, LevelSource>> = {
  region: { file: 'geo/regions.geojson', codeProperty: 'reg', nameProperty: 'nom', parents: {} },
  departement: {
    file: 'geo/departements.geojson',
    codeProperty: 'dep',
    nameProperty: 'nom',
    parents: { reg: 'reg' },
  },
  epci: { file: 'geo/epci.geojson', codeProperty: 'epci', nameProperty: 'nom', parents: {} },
  commune: {
    file: 'geo/communes.geojson',
    codeProperty: 'code',
    nameProperty: 'nom',
    parents: { dep: 'dep', reg: 'reg', epci: 'epci' },
  },
  // Région and EPCI are added from the COG through the commune (boundaries.ts).
  qpv: {
    file: QPV_FILE,
    codeProperty: 'code_qp',
    nameProperty: 'nom_qp',
    parents: { commune: 'code_commune', dep: 'code_departement' },
  },
};
