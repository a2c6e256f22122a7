import type { ReadItem } from './chorus/records.ts';
import type { GrantItem } from './grants/records.ts';

/**
 * Years and régions the lines of a file cover, noted while they are read, so the administrator
 * sees what an import will replace before confirming it (the slices come only after the swap).
 */
export class FileCoverage {
  private readonly years = new Set<number>();
  private readonly regions = new Set<string>();

  /**
   * Passes the items on unchanged, noting each line's year (as staged) and région (a grant line
   * has none before it is placed).
   */
  async *track<T extends ReadItem | GrantItem>(items: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const item of items) {
      if (item.kind === 'line') this.note(item.value);
      yield item;
    }
  }

  /** Notes one line (what `track` does for each; the Chorus staging loop calls it itself). */
  note(line: (ReadItem | GrantItem)['value'] & { line: number }): void {
    if ('dataset' in line) {
      const date = line.dataset === 'subventions_operateurs' ? line.dateConvention : line.dateDecision;
      this.years.add(Number(date.slice(0, 4)));
      return;
    }
    if (!('kind' in line)) return;
    this.years.add(line.kind === 'ae' ? Number(line.dateEngagement.slice(0, 4)) : line.annee);
    if (line.region) this.regions.add(line.region);
  }

  /** Sorted, for the job's `result`. */
  found(): { years: number[]; regions: string[] } {
    return {
      years: [...this.years].sort((a, b) => a - b),
      regions: [...this.regions].sort(),
    };
  }
}
