import type { DataLoadRepository } from '../metadata/data-loads.ts';
import type { DataLoad } from '../metadata/schema.ts';

/**
 * The last successful load of each dataset, kept in memory so the hot query path needs no
 * metadata round-trip; refreshed after a load and periodically (other instances may load).
 */
export class DataVersions {
  private latest = new Map<string, DataLoad>();
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: ((versions: DataVersions) => Promise<void>)[] = [];

  constructor(private readonly loads: DataLoadRepository) {}

  async refresh(): Promise<void> {
    this.latest = new Map((await this.loads.latestPerDataset()).map((l) => [l.dataset, l]));
    for (const listener of this.listeners) await listener(this);
  }

  /** Work to do after every refresh (what depends on the data: its composition). */
  afterRefresh(listener: (versions: DataVersions) => Promise<void>): void {
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
