/**
 * What the territory picker searches. A reader scoped to a région only has data there: they are
 * offered the levels inside it, and every search is narrowed to it (the server enforces the
 * scope anyway; this keeps the picker from offering territories that can only come back empty).
 */
import { TERRITORY_LEVELS, type TerritoryLevel, type TerritoryValue } from './model.ts';

export interface TerritorySearch {
  /** Levels the agent may search. */
  readonly levels: readonly TerritoryLevel[];
  /** The level searched when the agent has not chosen one: the one below the current pick. */
  readonly defaultLevel: TerritoryLevel;
  /** Steps of the path coarser than the searched level (kept when a pick is made). */
  readonly within: readonly TerritoryValue[];
  /** Reference search narrowing: `{ region: '53', departement: '35' }`. */
  readonly parents: Readonly<Record<string, string>>;
}

const rank = (level: TerritoryLevel) => TERRITORY_LEVELS.indexOf(level);

/** `region`: the user's scope (a région code), null for national users. */
export function territorySearch(
  region: string | null,
  path: readonly TerritoryValue[],
  chosenLevel: TerritoryLevel | null,
): TerritorySearch & { readonly searched: TerritoryLevel } {
  const levels = region ? TERRITORY_LEVELS.filter((l) => l !== 'region') : TERRITORY_LEVELS;
  const current = path.at(-1);
  const below = current ? (TERRITORY_LEVELS[Math.min(rank(current.level) + 1, 3)] ?? 'commune') : 'region';
  const defaultLevel = levels.includes(below) ? below : (levels[0] ?? 'commune');
  const searched = chosenLevel && levels.includes(chosenLevel) ? chosenLevel : defaultLevel;
  const within = path.filter((t) => rank(t.level) < rank(searched));
  const parents: Record<string, string> = Object.fromEntries(within.map((t) => [t.level, t.code]));
  if (region) parents.region = region;
  return { levels, defaultLevel, searched, within, parents };
}
