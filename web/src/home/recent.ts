/** What the home page picks from the full lists (pure: the lists come from the API). */
import type { DatasetSummary } from '../api/types.ts';

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/**
 * The `count` datasets loaded most recently, newest first; equal dates keep the catalogue in
 * title order so the list does not shuffle. A dataset with no data yet (an import-only one
 * before its first file) was never updated: it is not listed.
 */
export function recentDatasets<T extends Pick<DatasetSummary, 'title' | 'updatedAt'>>(
  datasets: readonly T[],
  count: number,
): T[] {
  const time = (d: T) => (d.updatedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(d.updatedAt));
  return datasets
    .filter((d) => d.updatedAt !== null)
    .sort((a, b) => time(b) - time(a) || collator.compare(a.title, b.title))
    .slice(0, Math.max(0, count));
}
