import { and, desc, eq } from 'drizzle-orm';
import { type DataLoad, dataLoads } from './schema.ts';
import type { MetadataDb } from './store.ts';

/** Repository over `data_loads`: what was loaded, when, how many rows. */
export class DataLoadRepository {
  constructor(private readonly db: MetadataDb) {}

  async lastSuccess(dataset: string): Promise<DataLoad | undefined> {
    const rows = await this.db
      .select()
      .from(dataLoads)
      .where(and(eq(dataLoads.dataset, dataset), eq(dataLoads.status, 'success')))
      .orderBy(desc(dataLoads.id))
      .limit(1);
    return rows[0];
  }

  async start(entry: {
    dataset: string;
    source: string;
    fingerprint: string;
    engine: string;
  }): Promise<number> {
    const rows = await this.db
      .insert(dataLoads)
      .values({ ...entry, status: 'running' })
      .returning({ id: dataLoads.id });
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('data_loads insert returned no id');
    return id;
  }

  async succeed(
    id: number,
    result: {
      rowsLoaded: number;
      rowsUnplaced: number;
      rowsRejected: number;
      report: Record<string, unknown>;
    },
  ): Promise<void> {
    await this.db
      .update(dataLoads)
      .set({ ...result, status: 'success', finishedAt: new Date() })
      .where(eq(dataLoads.id, id));
  }

  async fail(id: number, error: string): Promise<void> {
    await this.db
      .update(dataLoads)
      .set({ status: 'failed', error, finishedAt: new Date() })
      .where(eq(dataLoads.id, id));
  }

  /**
   * Marks every load still `running` as failed: called at start, before any load of this
   * process begins, so such a row can only be left by a process that died mid-load (kill -9,
   * power cut). Returns the rows marked.
   */
  async failInterrupted(error: string): Promise<DataLoad[]> {
    return this.db
      .update(dataLoads)
      .set({ status: 'failed', error, finishedAt: new Date() })
      .where(eq(dataLoads.status, 'running'))
      .returning();
  }

  /**
   * The most recent seed-pack attempt of one dataset (an import that replaced part of it since
   * does not make its seed inputs stale).
   */
  async latestSeedAttempt(dataset: string): Promise<DataLoad | undefined> {
    const rows = await this.db
      .select()
      .from(dataLoads)
      .where(and(eq(dataLoads.dataset, dataset), eq(dataLoads.origin, 'seed')))
      .orderBy(desc(dataLoads.id))
      .limit(1);
    return rows[0];
  }

  /**
   * A successful import recorded as a load of the dataset: the data version moves on (cached
   * results made before it are not served again) and the catalogue's date and row count follow.
   */
  async recordImport(entry: {
    dataset: string;
    source: string;
    fingerprint: string;
    engine: string;
    rowsLoaded: number;
    rowsUnplaced: number;
    rowsRejected: number;
    report: Record<string, unknown>;
    startedAt: Date;
  }): Promise<DataLoad> {
    const rows = await this.db
      .insert(dataLoads)
      .values({ ...entry, origin: 'import', status: 'success', finishedAt: new Date() })
      .returning();
    const row = rows[0];
    if (!row) throw new Error('data_loads insert returned no row');
    return row;
  }

  /**
   * The rules' tags recomputed over a dataset (tags/apply.ts), recorded as a load: the data
   * version moves on, so results cached with the previous tags are not served again.
   */
  async recordTagging(entry: {
    dataset: string;
    fingerprint: string;
    engine: string;
    rowsLoaded: number;
    report: Record<string, unknown>;
    startedAt: Date;
  }): Promise<DataLoad> {
    const rows = await this.db
      .insert(dataLoads)
      .values({
        ...entry,
        source: 'Étiquettes « Politique publique » recalculées par les règles',
        origin: 'etiquettes',
        status: 'success',
        finishedAt: new Date(),
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error('data_loads insert returned no row');
    return row;
  }

  /** The most recent attempt of one dataset, whatever its outcome. */
  async latestAttempt(dataset: string): Promise<DataLoad | undefined> {
    const rows = await this.db
      .select()
      .from(dataLoads)
      .where(eq(dataLoads.dataset, dataset))
      .orderBy(desc(dataLoads.id))
      .limit(1);
    return rows[0];
  }

  /** The most recent attempt of each dataset (success, failure or still running). */
  async latestAttemptPerDataset(): Promise<DataLoad[]> {
    return this.db
      .selectDistinctOn([dataLoads.dataset])
      .from(dataLoads)
      .orderBy(dataLoads.dataset, desc(dataLoads.id));
  }

  async latestPerDataset(): Promise<DataLoad[]> {
    const rows = await this.db
      .select()
      .from(dataLoads)
      .where(eq(dataLoads.status, 'success'))
      .orderBy(desc(dataLoads.id));
    const seen = new Map<string, DataLoad>();
    for (const row of rows) if (!seen.has(row.dataset)) seen.set(row.dataset, row);
    return [...seen.values()];
  }
}
