/**
 * The boundary levels served from the seed pack's `geo/` folder (COG 2026 codes). Each file keys
 * its features with its own property (`reg`, `dep`, `epci`, `code`); the service renames it to
 * `code` and adds `nom` from the COG so every level reads the same way in the browser.
 */
export const GEO_LEVELS = ['region', 'departement', 'epci', 'commune'] as const;
export type GeoLevel = (typeof GEO_LEVELS)[number];

/** Levels small enough to send whole as GeoJSON (communes go as tiles or per-département subsets). */
export const WHOLE_LEVELS = ['region', 'departement', 'epci'] as const satisfies readonly GeoLevel[];
export type WholeLevel = (typeof WHOLE_LEVELS)[number];

export interface LevelSource {
  /** File name under `<seedDir>/geo/`. */
  readonly file: string;
  /** Property holding the COG code in that file. */
  readonly codeProperty: string;
  /** Parent codes kept on each feature (for filtering and drill-down). */
  readonly parents: readonly string[];
}

export const LEVEL_SOURCES: Readonly<Record<GeoLevel, LevelSource>> = {
  region: { file: 'regions.geojson', codeProperty: 'reg', parents: [] },
  departement: { file: 'departements.geojson', codeProperty: 'dep', parents: ['reg'] },
  epci: { file: 'epci.geojson', codeProperty: 'epci', parents: [] },
  commune: { file: 'communes.geojson', codeProperty: 'code', parents: ['dep', 'reg', 'epci'] },
};
