/** What the home page picks from the full lists (pure: the lists come from the API). */
import type { DatasetSummary } from '../api/types.ts';

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/**
 * The `count` datasets loaded most recently, newest first; those not loaded yet (no date) come
 * last, and equal dates keep the catalogue in title order so the list does not shuffle.
 */
export function recentDatasets<T extends Pick<DatasetSummary, 'title' | 'updatedAt'>>(
  datasets: readonly T[],
  count: number,
): T[] {
  const time = (d: T) => (d.updatedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(d.updatedAt));
  return [...datasets]
    .sort((a, b) => time(b) - time(a) || collator.compare(a.title, b.title))
    .slice(0, Math.max(0, count));
}
