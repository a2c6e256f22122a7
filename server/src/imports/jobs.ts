import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import {
  type ImportJobRow,
  type ImportProblemRow,
  type ImportStatus,
  importJobs,
  importProblems,
} from '../metadata/schema.ts';
import type { MetadataDb } from '../metadata/store.ts';

/** Problems of each kind stored per job (all are counted): enough to fix a file, bounded. */
export const MAX_STORED_PROBLEMS = 1_000;

/** Statuses a process works on: left in one by a dead process, the job failed with it. */
export const WORKING_STATUSES: readonly ImportStatus[] = ['analysing', 'queued', 'running'];

export type ImportJobInsert = typeof importJobs.$inferInsert;
export type ImportJobChanges = Partial<Omit<ImportJobInsert, 'id' | 'createdAt'>>;
export type NewProblem = Omit<ImportProblemRow, 'id' | 'jobId'>;

/** Repository over `import_jobs` and `import_problems`. */
export class ImportJobRepository {
  constructor(private readonly db: MetadataDb) {}

  async create(job: ImportJobInsert): Promise<ImportJobRow> {
    const rows = await this.db.insert(importJobs).values(job).returning();
    const row = rows[0];
    if (!row) throw new Error('import_jobs insert returned no row');
    return row;
  }

  async update(id: number, changes: ImportJobChanges): Promise<ImportJobRow | undefined> {
    const rows = await this.db
      .update(importJobs)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(importJobs.id, id))
      .returning();
    return rows[0];
  }

  /** Moves a job on only from the status expected (two confirmations race: one wins). */
  async transition(
    id: number,
    from: readonly ImportStatus[],
    changes: ImportJobChanges,
  ): Promise<ImportJobRow | undefined> {
    const rows = await this.db
      .update(importJobs)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(importJobs.id, id), inArray(importJobs.status, [...from])))
      .returning();
    return rows[0];
  }

  async get(id: number): Promise<ImportJobRow | undefined> {
    const rows = await this.db.select().from(importJobs).where(eq(importJobs.id, id)).limit(1);
    return rows[0];
  }

  /** Newest first. */
  async page(page: number, pageSize: number): Promise<{ rows: ImportJobRow[]; total: number }> {
    const [rows, totals] = await Promise.all([
      this.db
        .select()
        .from(importJobs)
        .orderBy(desc(importJobs.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      this.db.select({ n: count() }).from(importJobs),
    ]);
    return { rows, total: totals[0]?.n ?? 0 };
  }

  /** Jobs in one of `statuses` (at start: what a dead process left). */
  async withStatus(statuses: readonly ImportStatus[]): Promise<ImportJobRow[]> {
    return this.db
      .select()
      .from(importJobs)
      .where(inArray(importJobs.status, [...statuses]))
      .orderBy(asc(importJobs.id));
  }

  /** Succeeded imports of the same file, newest first. */
  async succeededWith(sha256: string, dataset: string): Promise<ImportJobRow[]> {
    return this.db
      .select()
      .from(importJobs)
      .where(
        and(
          eq(importJobs.sha256, sha256),
          eq(importJobs.dataset, dataset),
          eq(importJobs.status, 'succeeded'),
        ),
      )
      .orderBy(desc(importJobs.id));
  }

  async addProblems(jobId: number, problems: readonly NewProblem[]): Promise<void> {
    if (problems.length === 0) return;
    await this.db.insert(importProblems).values(problems.map((p) => ({ ...p, jobId })));
  }

  async clearProblems(jobId: number, kind: ImportProblemRow['kind']): Promise<void> {
    await this.db
      .delete(importProblems)
      .where(and(eq(importProblems.jobId, jobId), eq(importProblems.kind, kind)));
  }

  /** Stored problems in file order (at most 2 × MAX_STORED_PROBLEMS). */
  async storedProblems(jobId: number, limit = 2 * MAX_STORED_PROBLEMS): Promise<ImportProblemRow[]> {
    return this.db
      .select()
      .from(importProblems)
      .where(eq(importProblems.jobId, jobId))
      .orderBy(asc(importProblems.line), asc(importProblems.id))
      .limit(limit);
  }
}
