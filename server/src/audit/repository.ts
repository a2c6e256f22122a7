import type { AuditAction, AuditEntry as AuditEntryAnswer } from '@dataetat/widgets';
import { and, count, desc, eq, lt } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type AuditRow, auditLog, users } from '../metadata/schema.ts';
import { isStorageFailure } from '../metadata/storage-failure.ts';
import type { MetadataDb } from '../metadata/store.ts';
import { type AuditFilter, auditWhere } from './filter.ts';

export { AUDIT_ACTIONS, type AuditAction } from '@dataetat/widgets';

export interface AuditEntry {
  readonly action: AuditAction;
  readonly outcome?: 'success' | 'failure';
  readonly actorId?: number | null;
  readonly actorEmail?: string | null;
  readonly target?: string | null;
  readonly ip?: string | null;
  readonly details?: Record<string, unknown>;
}

/** An entry as the API shows it (shared with the web app). */
export type PublicAuditEntry = AuditEntryAnswer;

/** A row as read back, with the actor's current name (null: no account, or since removed). */
export type AuditListRow = AuditRow & { readonly actorName: string | null };

function toPublic(row: AuditRow): Omit<PublicAuditEntry, 'actorName' | 'targetLabel' | 'grantLabel'> {
  return { ...row, at: row.at.toISOString() };
}

type AuditInsert = typeof auditLog.$inferInsert;

/** Entries kept in memory while the store refuses writes; past it the oldest go to the log only. */
export const AUDIT_RETRY_CAPACITY = 1_000;
const RETRY_INTERVAL_MS = 5_000;
const FLUSH_BATCH = 100;

/**
 * Append-only journal over `audit_log`. When the store cannot take writes (disk full, read-only)
 * the action goes on: the entry is logged, kept with its original time in a bounded queue and
 * written as soon as a write works again (next entry or a periodic retry). An entry pushed out
 * of a full queue is logged in full as lost, never dropped silently.
 */
export class AuditLog {
  private readonly pending: AuditInsert[] = [];
  private flushing: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: MetadataDb,
    private readonly log: FastifyBaseLogger,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const row: AuditInsert = {
      at: new Date(),
      action: entry.action,
      outcome: entry.outcome ?? 'success',
      actorId: entry.actorId ?? null,
      actorEmail: entry.actorEmail ?? null,
      target: entry.target ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? {},
    };
    if (this.pending.length > 0) {
      // Behind older entries, so the journal keeps its order.
      this.enqueue(row);
      await this.flush();
      if (this.pending.includes(row)) this.logKept(row);
      return;
    }
    try {
      await this.db.insert(auditLog).values(row);
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      this.logKept(row, error);
      this.enqueue(row);
    }
  }

  /** Every entry not yet written is in the log in full, whatever happens to the process. */
  private logKept(row: AuditInsert, error?: unknown): void {
    this.log.error(
      { err: error, audit: row },
      'journal d’audit : écriture impossible (stockage plein ou en lecture seule), entrée gardée pour une nouvelle tentative',
    );
  }

  /** Entries waiting for the store to take writes again. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** Writes the waiting entries, oldest first; those a failing store refuses stay queued. */
  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, FLUSH_BATCH);
      try {
        await this.db.insert(auditLog).values(batch);
      } catch (error) {
        this.log.warn(
          { err: error, pending: this.pending.length },
          'journal d’audit : le stockage refuse encore les écritures, nouvel essai plus tard',
        );
        this.scheduleRetry();
        return;
      }
      this.pending.splice(0, batch.length);
      this.log.info({ written: batch.length }, 'journal d’audit : entrées en attente écrites');
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private enqueue(row: AuditInsert): void {
    this.pending.push(row);
    if (this.pending.length > AUDIT_RETRY_CAPACITY) {
      this.log.error(
        { audit: this.pending.shift() },
        'journal d’audit : file d’attente pleine, entrée la plus ancienne perdue (consignée ici en entier)',
      );
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, RETRY_INTERVAL_MS);
    // Never keeps the process alive on its own.
    this.retryTimer.unref();
  }

  /** Newest first (tests and tools; the API goes through `page`). */
  async latest(
    limit: number,
    action?: AuditAction,
  ): Promise<Omit<PublicAuditEntry, 'actorName' | 'targetLabel' | 'grantLabel'>[]> {
    const query = this.db.select().from(auditLog);
    const rows = await (action ? query.where(eq(auditLog.action, action)) : query)
      .orderBy(desc(auditLog.id))
      .limit(limit);
    return rows.map(toPublic);
  }

  private select() {
    return this.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorEmail: auditLog.actorEmail,
        actorName: users.name,
        action: auditLog.action,
        outcome: auditLog.outcome,
        target: auditLog.target,
        ip: auditLog.ip,
        details: auditLog.details,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId));
  }

  /**
   * One page of the filtered journal, newest first (ids grow with time: ordering by id is the
   * order of writing), and how many entries the filter keeps in all.
   */
  async page(
    filter: AuditFilter,
    page: number,
    pageSize: number,
  ): Promise<{ rows: AuditListRow[]; total: number }> {
    const where = auditWhere(filter);
    const [rows, [counted]] = await Promise.all([
      this.select()
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      this.db
        .select({ total: count() })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(where),
    ]);
    return { rows, total: counted?.total ?? 0 };
  }

  /**
   * Every entry the filter keeps, newest first, in batches read by id (keyset: each batch is
   * one indexed range, however deep the export goes).
   */
  async *batches(filter: AuditFilter, size: number): AsyncGenerator<AuditListRow[]> {
    const where = auditWhere(filter);
    let before: number | undefined;
    for (;;) {
      const rows = await this.select()
        .where(and(where, before === undefined ? undefined : lt(auditLog.id, before)))
        .orderBy(desc(auditLog.id))
        .limit(size);
      if (rows.length > 0) yield rows;
      if (rows.length < size) return;
      before = rows[rows.length - 1]?.id;
    }
  }
}
