/**
 * What opening a grant reads from the metadata store (its row with its creator, the dashboard as
 * its creator may read it), kept between requests — on the embedded PGlite store only, where
 * this process is the only writer and any statement that may write moves the store's write
 * generation (metadata/store.ts). An entry serves only while the generation it was read at is
 * current: a revocation, a disabled or narrowed creator, a saved or deleted dashboard, any write
 * at all, and the next request reads again. Expiry is checked on every request (grant-context).
 * Without a generation (PostgreSQL, written by other instances too) nothing is kept.
 */
export class OpenedGrants {
  private readonly entries = new Map<string, { readonly generation: number; readonly value: unknown }>();

  constructor(
    private readonly generation: (() => number) | undefined,
    private readonly maxEntries = 1_000,
  ) {}

  /** `load()`'s value, read again unless kept at the current generation; undefined is never kept. */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.generation) return load();
    // Seen before reading: a write during the read leaves the entry already stale.
    const generation = this.generation();
    const kept = this.entries.get(key);
    if (kept && kept.generation === generation) return kept.value as T;
    const value = await load();
    if (value === undefined) return value;
    this.entries.delete(key);
    this.entries.set(key, { generation, value });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }
}
