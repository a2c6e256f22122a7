/**
 * The territory a map is drilled into (the dashboard's territory filter, coarser than the map's
 * level), and which areas lie inside it: the neighbours outside are drawn out of scope (plain
 * light grey), not « Pas de données » (hatched), which is for areas inside with no value.
 */

import type { Geometry, Position } from 'geojson';
import type { ExpressionSpecification } from 'maplibre-gl';
import type { FilterSpec, QuerySpec } from '../spec/types.ts';
import type { AreaCollection, BoundaryLevel, CentroidCollection } from './geoSource.ts';
import type { AreaLevel } from './mapData.ts';

const LEVELS: readonly AreaLevel[] = ['region', 'departement', 'epci', 'commune', 'qpv'];

/**
 * A territory a map is held to: any level coarser than the map's, or the map's own (a quartier
 * chosen as the territory, a commune whose map stays at the commune level: the others are drawn
 * out of scope).
 */
export type ScopeLevel = AreaLevel;

/** The property of a quartier prioritaire naming its parent at each level (`/api/geo/qpv`). */
const QPV_PARENT: Readonly<Record<Exclude<ScopeLevel, 'qpv'>, string>> = {
  region: 'reg',
  departement: 'dep',
  epci: 'epci',
  commune: 'commune',
};

export interface DrillScope {
  readonly level: ScopeLevel;
  readonly codes: readonly string[];
}

/**
 * The coarsest territory filter of the query at or above the map's level (geo dimension ids are
 * their levels): a map of communes filtered on one commune shows that commune among its
 * neighbours, out of scope (not « Pas de données »).
 */
export function drillScope(query: QuerySpec | null | undefined, level: AreaLevel): DrillScope | null {
  const depth = LEVELS.indexOf(level);
  const scopes = (query?.filters ?? []).flatMap((filter: FilterSpec) => {
    const at = LEVELS.indexOf(filter.field as AreaLevel);
    if (at < 0 || at > depth || (filter.op !== 'eq' && filter.op !== 'in')) return [];
    const codes = (filter.values ?? []).filter((v): v is string => typeof v === 'string');
    return codes.length > 0 ? [{ level: filter.field as ScopeLevel, codes, at }] : [];
  });
  const [first] = scopes.sort((a, b) => a.at - b.at);
  return first ? { level: first.level, codes: first.codes } : null;
}

/** Ray casting on every ring (holes included: even-odd rule). */
function inRings(rings: readonly Position[][], [x = 0, y = 0]: Position): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

export function containsPoint(geometry: Geometry, point: Position): boolean {
  if (geometry.type === 'Polygon') return inRings(geometry.coordinates, point);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.some((p) => inRings(p, point));
  return false;
}

/** What deciding the scope needs beyond the areas themselves. */
export interface ScopeGeometry {
  /** Boundaries of the scope's level (its polygons), and the départements (their `reg`). */
  readonly boundaries: Readonly<Partial<Record<BoundaryLevel, AreaCollection>>>;
  /** Centres of the map's areas (EPCI have no parent code: their centre decides). */
  readonly centroids: Readonly<Partial<Record<AreaLevel, CentroidCollection>>>;
}

/** Files `inScopeExpression` reads, for a map at `level` drilled into `scope`. */
export function scopeNeeds(
  level: AreaLevel,
  scope: DrillScope | null,
): { boundaries: BoundaryLevel[]; centroids: AreaLevel[] } {
  if (!scope || scope.level === level) return { boundaries: [], centroids: [] };
  // An EPCI map is drilled into a région or a département (coarser levels only).
  if (level === 'epci' && scope.level !== 'commune')
    return { boundaries: [scope.level], centroids: ['epci'] };
  if (level === 'commune' && scope.level === 'region') return { boundaries: ['departement'], centroids: [] };
  return { boundaries: [], centroids: [] };
}

const CODE: ExpressionSpecification = ['get', 'code'];
const among = (property: ExpressionSpecification, codes: readonly string[]): ExpressionSpecification =>
  codes.length === 0
    ? ['boolean', false]
    : (['match', property, [...codes], true, false] as unknown as ExpressionSpecification);

/**
 * A MapLibre filter true for areas inside the drill: départements by their `reg`, communes by
 * their `dep` (the région's départements, or the département), EPCI by their centre inside the
 * territory's outline, quartiers prioritaires by the parent codes their file carries.
 * Null when the map is not drilled (everything is in scope).
 */
export function inScopeExpression(
  level: AreaLevel,
  scope: DrillScope | null,
  geometry: ScopeGeometry,
): ExpressionSpecification | null {
  if (!scope) return null;
  // Held to areas of its own level: those areas (commune tiles carry their code too).
  if (scope.level === level) return among(CODE, scope.codes);
  if (level === 'departement') return among(['get', 'reg'], scope.codes);
  if (level === 'qpv') {
    const parent = scope.level === 'qpv' ? null : QPV_PARENT[scope.level];
    return parent ? among(['get', parent], scope.codes) : null;
  }
  if (level === 'commune') {
    if (scope.level === 'departement') return among(['get', 'dep'], scope.codes);
    if (scope.level === 'region') {
      const deps = (geometry.boundaries.departement?.features ?? [])
        .filter((f) => scope.codes.includes(String((f.properties as { reg?: string }).reg)))
        .map((f) => f.properties.code);
      return among(['get', 'dep'], deps);
    }
    // Commune tiles carry no EPCI code: an EPCI drill keeps every commune in scope.
    return null;
  }
  if (level === 'epci' && scope.level !== 'commune') {
    const outlines = (geometry.boundaries[scope.level]?.features ?? []).filter((f) =>
      scope.codes.includes(f.properties.code),
    );
    const inside = (geometry.centroids.epci?.features ?? [])
      .filter((c) => outlines.some((o) => containsPoint(o.geometry, c.geometry.coordinates)))
      .map((c) => c.properties.code);
    return among(CODE, inside);
  }
  return null;
}
