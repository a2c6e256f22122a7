import { defaultSeedDir } from '../config.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { defaultRules, type TagRule } from './rules.ts';

/**
 * Where each warehouse's writers (seed loaders, imports, « appliquer ») read the rules in force:
 * the server registers its metadata store at start, read anew at each write (another instance
 * may have changed them). A warehouse nobody registered (a loader run alone, in tests) gets the
 * built-in rules over the default seed pack.
 */
const sources = new WeakMap<Warehouse, () => Promise<TagRule[]>>();

export function useTagRules(warehouse: Warehouse, source: () => Promise<TagRule[]>): void {
  sources.set(warehouse, source);
}

export async function currentTagRules(warehouse: Warehouse): Promise<TagRule[]> {
  const source = sources.get(warehouse);
  if (source) return source();
  const seedDir = process.env.DATAETAT_SEED_DIR ?? defaultSeedDir();
  return defaultRules(seedDir ?? null);
}
