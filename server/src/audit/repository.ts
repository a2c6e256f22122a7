import type { AuditEntry as AuditEntryAnswer } from '@dataetat/widgets';
import { desc, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type AuditRow, auditLog } from '../metadata/schema.ts';
import { isStorageFailure } from '../metadata/storage-failure.ts';
import type { MetadataDb } from '../metadata/store.ts';

/** What the journal records. New kinds (share, embed…) are added here. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'user_created',
  'user_updated',
  'export',
  'dashboard_created',
  'dashboard_updated',
  'dashboard_deleted',
  'dashboard_restored',
  'dashboard_shared',
  'dashboard_unshared',
  'share_link_created',
  'share_link_revoked',
  'embed_created',
  'embed_revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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

function toPublic(row: AuditRow): PublicAuditEntry {
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

  /** Newest first. */
  async latest(limit: number, action?: AuditAction): Promise<PublicAuditEntry[]> {
    const query = this.db.select().from(auditLog);
    const rows = await (action ? query.where(eq(auditLog.action, action)) : query)
      .orderBy(desc(auditLog.id))
      .limit(limit);
    return rows.map(toPublic);
  }
}
