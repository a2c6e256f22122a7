import type { ReadItem } from './chorus/records.ts';

/**
 * Years and régions the lines of a file cover, noted while they are read, so the administrator
 * sees what an import will replace before confirming it (the slices come only after the swap).
 */
export class FileCoverage {
  private readonly years = new Set<number>();
  private readonly regions = new Set<string>();

  /** Passes the items on unchanged, noting each line's year (as staged) and région. */
  async *track(items: AsyncIterable<ReadItem>): AsyncGenerator<ReadItem> {
    for await (const item of items) {
      if (item.kind === 'line') {
        const line = item.value;
        this.years.add(line.kind === 'ae' ? Number(line.dateEngagement.slice(0, 4)) : line.annee);
        if (line.region) this.regions.add(line.region);
      }
      yield item;
    }
  }

  /** Sorted, for the job's `result`. */
  found(): { years: number[]; regions: string[] } {
    return {
      years: [...this.years].sort((a, b) => a - b),
      regions: [...this.regions].sort(),
    };
  }
}
