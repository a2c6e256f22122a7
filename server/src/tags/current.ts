import { defaultSeedDir } from '../config.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { rulesOnly, type Tagging } from './manual.ts';
import { defaultRules } from './rules.ts';

/**
 * Where each warehouse's writers (seed loaders, imports, « appliquer ») read the rules and manual
 * assignments in force: the server registers its metadata store at start, read anew at each
 * write (another instance may have changed them). A warehouse nobody registered (a loader run
 * alone, in tests) gets the built-in rules over the default seed pack, and no assignment.
 */
const sources = new WeakMap<Warehouse, () => Promise<Tagging>>();

export function useTagging(warehouse: Warehouse, source: () => Promise<Tagging>): void {
  sources.set(warehouse, source);
}

export async function currentTagging(warehouse: Warehouse): Promise<Tagging> {
  const source = sources.get(warehouse);
  if (source) return source();
  const seedDir = process.env.DATAETAT_SEED_DIR ?? defaultSeedDir();
  return rulesOnly(defaultRules(seedDir ?? null));
}
