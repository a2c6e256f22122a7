import { desc, eq } from 'drizzle-orm';
import { type AuditRow, auditLog } from '../metadata/schema.ts';
import type { MetadataDb } from '../metadata/store.ts';

/** What the journal records. New kinds (share, embed…) are added here. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'user_created',
  'user_updated',
  'export',
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

export interface PublicAuditEntry {
  readonly id: number;
  readonly at: string;
  readonly action: string;
  readonly outcome: 'success' | 'failure';
  readonly actorId: number | null;
  readonly actorEmail: string | null;
  readonly target: string | null;
  readonly ip: string | null;
  readonly details: Record<string, unknown>;
}

function toPublic(row: AuditRow): PublicAuditEntry {
  return { ...row, at: row.at.toISOString() };
}

/** Append-only journal over `audit_log`. */
export class AuditLog {
  constructor(private readonly db: MetadataDb) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values({
      action: entry.action,
      outcome: entry.outcome ?? 'success',
      actorId: entry.actorId ?? null,
      actorEmail: entry.actorEmail ?? null,
      target: entry.target ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? {},
    });
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
