import type { DataLoadRepository } from '../metadata/data-loads.ts';
import type { DataLoad } from '../metadata/schema.ts';

export interface LoadLookup {
  get(dataset: string): DataLoad | undefined;
}

/**
 * The last successful load of each dataset, kept in memory so the hot query path needs no
 * metadata round-trip; refreshed after a load and periodically (other instances may load).
 */
export class DataVersions {
  private latest = new Map<string, DataLoad>();
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: ((versions: LoadLookup) => Promise<void>)[] = [];
  private readonly changeListeners: (() => void)[] = [];

  constructor(private readonly loads: DataLoadRepository) {}

  async refresh(): Promise<void> {
    const next = new Map((await this.loads.latestPerDataset()).map((l) => [l.dataset, l]));
    // What depends on the data is brought up to date before the new versions are served: a
    // result cached under a new version is never computed with the old one's composition.
    for (const listener of this.listeners) await listener({ get: (dataset) => next.get(dataset) });
    const changed =
      next.size !== this.latest.size ||
      [...next].some(([dataset, load]) => this.latest.get(dataset)?.id !== load.id);
    this.latest = next;
    if (changed) for (const listener of this.changeListeners) listener();
  }

  /** Called after a refresh that found a new load (here or through another instance). */
  onChanged(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** Work to do on every refresh, before its versions are served (the data's composition). */
  afterRefresh(listener: (versions: LoadLookup) => Promise<void>): void {
    this.listeners.push(listener);
  }

  startPolling(intervalMs: number, onError: (error: unknown) => void): void {
    this.timer = setInterval(() => this.refresh().catch(onError), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get(dataset: string): DataLoad | undefined {
    return this.latest.get(dataset);
  }

  all(): DataLoad[] {
    return [...this.latest.values()];
  }
}
