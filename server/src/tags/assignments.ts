import { asc, count, desc, eq, isNotNull } from 'drizzle-orm';
import {
  type TagAssignmentBatchRow,
  type TagAssignmentKind,
  type TagAssignmentReport,
  tagAssignmentBatches,
  tagAssignments,
} from '../metadata/schema.ts';
import type { MetadataDb } from '../metadata/store.ts';
import { batchLabel, type ManualAssignment, type ManualBatch, type ManualTarget } from './manual.ts';

/** A batch as listed: who, when, what, and its tags. */
export interface StoredBatch {
  readonly id: number;
  readonly kind: TagAssignmentKind;
  readonly fileName: string | null;
  readonly beneficiary: string | null;
  readonly authorId: number | null;
  readonly authorEmail: string;
  readonly createdAt: Date;
  readonly report: TagAssignmentReport;
  /** « Affectation manuelle n° 12 : … » as lines name it. */
  readonly label: string;
  /** Distinct codes it gives. */
  readonly tags: readonly string[];
  /** Assignments (target × tag) it holds. */
  readonly assignments: number;
}

export interface NewBatch {
  readonly kind: TagAssignmentKind;
  readonly fileName: string | null;
  readonly beneficiary: string | null;
  readonly authorId: number | null;
  readonly authorEmail: string;
  readonly report: TagAssignmentReport;
  readonly assignments: readonly {
    readonly line: number | null;
    readonly tag: string;
    readonly target: ManualTarget;
  }[];
}

const INSERT_CHUNK = 1_000;

const toBatch = (row: TagAssignmentBatchRow, tags: readonly string[], assignments: number): StoredBatch => ({
  id: row.id,
  kind: row.kind,
  fileName: row.fileName,
  beneficiary: row.beneficiary,
  authorId: row.authorId,
  authorEmail: row.authorEmail,
  createdAt: row.createdAt,
  report: row.report,
  label: batchLabel(row),
  tags,
  assignments,
});

/** Repository over `tag_assignment_batches` and `tag_assignments`. Callers validate. */
export class TagAssignmentRepository {
  constructor(private readonly db: MetadataDb) {}

  /** Every batch, newest first, with its tags. */
  async list(): Promise<StoredBatch[]> {
    const rows = await this.db.select().from(tagAssignmentBatches).orderBy(desc(tagAssignmentBatches.id));
    const tags = await this.db
      .select({ batchId: tagAssignments.batchId, tag: tagAssignments.tag, n: count() })
      .from(tagAssignments)
      .groupBy(tagAssignments.batchId, tagAssignments.tag)
      .orderBy(asc(tagAssignments.tag));
    return rows.map((row) => {
      const own = tags.filter((t) => t.batchId === row.id);
      return toBatch(
        row,
        own.map((t) => t.tag),
        own.reduce((sum, t) => sum + Number(t.n), 0),
      );
    });
  }

  async byId(id: number): Promise<StoredBatch | undefined> {
    return (await this.list()).find((b) => b.id === id);
  }

  /** Batch numbers, in order: what an application saw (the fingerprint). */
  async ids(): Promise<number[]> {
    const rows = await this.db
      .select({ id: tagAssignmentBatches.id })
      .from(tagAssignmentBatches)
      .orderBy(asc(tagAssignmentBatches.id));
    return rows.map((r) => r.id);
  }

  /** Every assignment with its batch's provenance label: what the engine applies. */
  async inForce(): Promise<{ batches: ManualBatch[]; assignments: ManualAssignment[] }> {
    const batches = await this.db.select().from(tagAssignmentBatches).orderBy(asc(tagAssignmentBatches.id));
    const rows = await this.db
      .select({
        batch: tagAssignments.batchId,
        tag: tagAssignments.tag,
        ej: tagAssignments.ej,
        poste: tagAssignments.posteEj,
        beneficiary: tagAssignments.beneficiary,
      })
      .from(tagAssignments)
      .orderBy(asc(tagAssignments.id));
    const assignments: ManualAssignment[] = [];
    for (const r of rows) {
      if (r.ej !== null && r.poste !== null)
        assignments.push({ batch: r.batch, tag: r.tag, target: { kind: 'ligne', ej: r.ej, poste: r.poste } });
      else if (r.beneficiary !== null)
        assignments.push({
          batch: r.batch,
          tag: r.tag,
          target: { kind: 'beneficiaire', identifier: r.beneficiary },
        });
    }
    return { batches: batches.map((b) => ({ id: b.id, label: batchLabel(b) })), assignments };
  }

  /** Distinct Chorus lines and beneficiaries tagged by hand now (the caps of manual.ts). */
  async targets(): Promise<{ lines: Set<string>; beneficiaries: Set<string> }> {
    const lines = await this.db
      .selectDistinct({ ej: tagAssignments.ej, poste: tagAssignments.posteEj })
      .from(tagAssignments)
      .where(isNotNull(tagAssignments.ej));
    const beneficiaries = await this.db
      .selectDistinct({ beneficiary: tagAssignments.beneficiary })
      .from(tagAssignments)
      .where(isNotNull(tagAssignments.beneficiary));
    return {
      lines: new Set(lines.map((l) => `${l.ej}\u0000${l.poste}`)),
      beneficiaries: new Set(beneficiaries.map((b) => b.beneficiary ?? '')),
    };
  }

  /** The batch and all its assignments, in one transaction. */
  async create(batch: NewBatch): Promise<StoredBatch> {
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(tagAssignmentBatches)
        .values({
          kind: batch.kind,
          fileName: batch.fileName,
          beneficiary: batch.beneficiary,
          authorId: batch.authorId,
          authorEmail: batch.authorEmail,
          report: batch.report,
        })
        .returning({ id: tagAssignmentBatches.id });
      if (!row) throw new Error('tag_assignment_batches insert returned no row');
      const values = batch.assignments.map((a) => ({
        batchId: row.id,
        line: a.line,
        tag: a.tag,
        ej: a.target.kind === 'ligne' ? a.target.ej : null,
        posteEj: a.target.kind === 'ligne' ? a.target.poste : null,
        beneficiary: a.target.kind === 'beneficiaire' ? a.target.identifier : null,
      }));
      for (let i = 0; i < values.length; i += INSERT_CHUNK) {
        await tx.insert(tagAssignments).values(values.slice(i, i + INSERT_CHUNK));
      }
      return row.id;
    });
    const stored = await this.byId(id);
    if (!stored) throw new Error(`tag assignment batch ${id} not found after insert`);
    return stored;
  }

  /** Deletes a batch and its assignments (cascade). */
  async delete(id: number): Promise<boolean> {
    const rows = await this.db
      .delete(tagAssignmentBatches)
      .where(eq(tagAssignmentBatches.id, id))
      .returning({ id: tagAssignmentBatches.id });
    return rows.length > 0;
  }
}
