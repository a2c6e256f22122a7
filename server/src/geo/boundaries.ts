import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { AppError } from '../errors.ts';
import type { GeoReference } from '../seed/geo-reference.ts';
import { representativePoint, roundGeometry } from './geometry.ts';
import { type GeoLevel, LEVEL_SOURCES } from './levels.ts';
import { qpvLabel } from './qpv.ts';

/** Properties of every served feature: the COG code, its name, and parent codes when known. */
export interface BoundaryProperties {
  readonly code: string;
  readonly nom: string;
  readonly [parent: string]: string;
}

export type Boundary = Feature<Geometry, BoundaryProperties>;

/** 5 decimals ≈ 1 m: invisible on a choropleth, and it bounds the payload whatever the source. */
export const COORDINATE_DECIMALS = 5;

function nameOf(reference: GeoReference, level: GeoLevel, code: string): string | undefined {
  switch (level) {
    case 'region':
      return reference.regions.get(code)?.nom;
    case 'departement':
      return reference.departements.get(code)?.nom;
    case 'epci':
      return reference.epcis.get(code)?.nom;
    case 'commune':
      return reference.communes.get(code)?.nom;
    case 'qpv':
      // The ANCT file names its quartiers; the COG names their commune.
      return undefined;
  }
}

export function boundaryFile(seedDir: string | null, level: GeoLevel): string {
  const file = LEVEL_SOURCES[level].file;
  const full = seedDir ? path.join(seedDir, file) : null;
  if (!full || !existsSync(full)) throw new AppError('GEO_UNAVAILABLE', { file });
  return full;
}

/**
 * Reads one level's boundaries and normalises them: `code` + `nom` (COG 2026 name, else the
 * file's) + parent codes, coordinates rounded. Features without a code are dropped.
 */
export async function loadBoundaries(
  seedDir: string | null,
  level: GeoLevel,
  reference: GeoReference,
): Promise<Boundary[]> {
  const source = LEVEL_SOURCES[level];
  const raw = JSON.parse(await readFile(boundaryFile(seedDir, level), 'utf8')) as FeatureCollection;
  const boundaries: Boundary[] = [];
  for (const feature of raw.features) {
    const props = feature.properties ?? {};
    const code = props[source.codeProperty];
    if (typeof code !== 'string' || !feature.geometry) continue;
    const fileName = props[source.nameProperty];
    const properties: Record<string, string> = {
      code,
      nom: nameOf(reference, level, code) ?? (typeof fileName === 'string' ? fileName : code),
    };
    for (const [served, property] of Object.entries(source.parents)) {
      const value = props[property];
      if (typeof value === 'string') properties[served] = value;
    }
    if (level === 'qpv') placeQpv(properties, reference);
    boundaries.push({
      type: 'Feature',
      geometry: roundGeometry(feature.geometry, COORDINATE_DECIMALS),
      properties: properties as BoundaryProperties,
    });
  }
  return boundaries;
}

/**
 * A quartier gets its commune's région and EPCI (drill scopes filter on them) and its commune's
 * name in its own, as the data's labels have it (qpv.ts).
 */
function placeQpv(properties: Record<string, string>, reference: GeoReference): void {
  const commune = properties.commune ? reference.resolveCommune(properties.commune) : undefined;
  if (!commune) return;
  properties.commune = commune.code;
  properties.reg = commune.region;
  if (commune.epci) properties.epci = commune.epci;
  properties.nom = qpvLabel(properties.nom ?? properties.code ?? '', commune.nom);
}

/** One point per area (centre of its largest part), for proportional symbols and labels. */
export function centroidsOf(boundaries: readonly Boundary[]): Feature<Point, BoundaryProperties>[] {
  const points: Feature<Point, BoundaryProperties>[] = [];
  for (const boundary of boundaries) {
    const point = representativePoint(boundary.geometry);
    if (point) {
      points.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: point },
        properties: { code: boundary.properties.code, nom: boundary.properties.nom },
      });
    }
  }
  return points;
}

export function featureCollection<G extends Geometry>(
  features: readonly Feature<G, BoundaryProperties>[],
): FeatureCollection<G, BoundaryProperties> {
  return { type: 'FeatureCollection', features: [...features] };
}
