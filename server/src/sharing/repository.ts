/**
 * Storage of everything shared (issue 10): named shares (`dashboard_shares`), share links
 * (`share_links`), embeds (`embeds`) and their daily views (`grant_view_days`).
 *
 * Callers check rights and validate; this module only reads and writes rows. It never sees a
 * share-link token: links are stored and found by the token's sha-256 (see tokens.ts).
 *
 * For the public routes (grant-access):
 * - `linkByTokenHash(hashShareLinkToken(token))` → the link, or undefined (unknown token);
 * - `embedById(claims.eid)` → the embed, the truth for revocation, expiry and locked filters;
 * - `grantStatus(record)` → 'active' | 'expired' | 'revoked' at a given time;
 * - `recordView('link' | 'embed', id)` after a successful read (counters + daily aggregate).
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gte, lte, ne, or, sql } from 'drizzle-orm';
import {
  dashboardShares,
  dashboards,
  type EmbedRow,
  embeds,
  type GrantKind,
  grantViewDays,
  type ShareLinkRow,
  type SharePermission,
  type StoredFilter,
  type StoredHostFilter,
  shareLinks,
  type UserRow,
  users,
} from '../metadata/schema.ts';
import type { MetadataDb } from '../metadata/store.ts';
import { foldedContains } from '../metadata/text-search.ts';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 10 random alphanumeric characters, like dashboard ids: the public id of a link or an embed. */
export function newGrantId(): string {
  return Array.from(randomBytes(10), (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

/** A user named on a dashboard. */
export interface NamedShareRecord {
  readonly user: { readonly id: number; readonly name: string; readonly email: string };
  readonly permission: SharePermission;
  readonly createdAt: Date;
}

/** A share link with its creator's name (never the token: the store does not have it). */
export interface ShareLinkRecord extends ShareLinkRow {
  readonly creatorName: string;
}

/** An embed with its creator's name. */
export interface EmbedRecord extends EmbedRow {
  readonly creatorName: string;
}

/** A grant's creator as stored now: what opening the grant checks (status, role, territory). */
export interface GrantCreatorRecord {
  readonly id: number;
  readonly name: string;
  readonly role: UserRow['role'];
  readonly scope: string;
  readonly status: UserRow['status'];
}

/** A grant looked up to be opened: its row and its creator, read in one query. */
export type OpenableLink = ShareLinkRecord & { readonly creator: GrantCreatorRecord };
export type OpenableEmbed = EmbedRecord & { readonly creator: GrantCreatorRecord };

export interface NewShareLink {
  readonly dashboardId: string;
  /** sha-256 hex of the token (`hashShareLinkToken`). */
  readonly tokenHash: string;
  readonly label: string;
  readonly createdBy: number;
  readonly expiresAt: Date | null;
  readonly agentsOnly: boolean;
  readonly lockedFilters: readonly StoredFilter[];
}

export interface NewEmbed {
  readonly dashboardId: string;
  readonly widgetId: string | null;
  readonly label: string;
  readonly createdBy: number;
  readonly expiresAt: Date | null;
  readonly agentsOnly: boolean;
  readonly lockedFilters: readonly StoredFilter[];
  readonly hostFilters: readonly StoredHostFilter[];
  readonly allowedOrigins: readonly string[];
}

/** Views of one grant on one day, with what the journal needs to name it. */
export interface GrantViewDay {
  readonly kind: GrantKind;
  readonly grantId: string;
  readonly label: string;
  readonly dashboardId: string;
  readonly dashboardTitle: string;
  /** `YYYY-MM-DD` (UTC). */
  readonly day: string;
  readonly views: number;
}

export type GrantStatus = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired; expired once `expiresAt` is reached. */
export function grantStatus(
  grant: { readonly revokedAt: Date | null; readonly expiresAt: Date | null },
  now: Date = new Date(),
): GrantStatus {
  if (grant.revokedAt !== null) return 'revoked';
  if (grant.expiresAt !== null && grant.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export interface DirectoryUser {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

const linkColumns = { link: shareLinks, creatorName: users.name };
const embedColumns = { embed: embeds, creatorName: users.name };
const creatorColumns = {
  id: users.id,
  name: users.name,
  role: users.role,
  scope: users.scope,
  status: users.status,
};

export class SharingRepository {
  constructor(private readonly db: MetadataDb) {}

  // Named shares ---------------------------------------------------------------------------

  /** Users a dashboard is shared with, by name. */
  async shares(dashboardId: string): Promise<NamedShareRecord[]> {
    const rows = await this.db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        permission: dashboardShares.permission,
        createdAt: dashboardShares.createdAt,
      })
      .from(dashboardShares)
      .innerJoin(users, eq(users.id, dashboardShares.userId))
      .where(eq(dashboardShares.dashboardId, dashboardId))
      .orderBy(users.name, users.id);
    return rows.map((r) => ({
      user: { id: r.id, name: r.name, email: r.email },
      permission: r.permission,
      createdAt: r.createdAt,
    }));
  }

  /** The permission a user holds on a dashboard by name, if any. */
  async permissionOf(dashboardId: string, userId: number): Promise<SharePermission | undefined> {
    const rows = await this.db
      .select({ permission: dashboardShares.permission })
      .from(dashboardShares)
      .where(and(eq(dashboardShares.dashboardId, dashboardId), eq(dashboardShares.userId, userId)))
      .limit(1);
    return rows[0]?.permission;
  }

  /** Shares (or changes the permission of an existing share; the creation date stays). */
  async share(dashboardId: string, userId: number, permission: SharePermission): Promise<NamedShareRecord> {
    await this.db
      .insert(dashboardShares)
      .values({ dashboardId, userId, permission })
      .onConflictDoUpdate({
        target: [dashboardShares.dashboardId, dashboardShares.userId],
        set: { permission },
      });
    const found = (await this.shares(dashboardId)).find((s) => s.user.id === userId);
    if (!found) throw new Error('dashboard_shares upsert left no row');
    return found;
  }

  /** False when there was no such share. */
  async unshare(dashboardId: string, userId: number): Promise<boolean> {
    const rows = await this.db
      .delete(dashboardShares)
      .where(and(eq(dashboardShares.dashboardId, dashboardId), eq(dashboardShares.userId, userId)))
      .returning({ userId: dashboardShares.userId });
    return rows.length > 0;
  }

  /**
   * Active accounts whose name or e-mail contains `query` (case and accents ignored), by
   * name, at most `limit`, without `excludeId` (the one asking).
   */
  async directory(query: string, options: { limit: number; excludeId?: number }): Promise<DirectoryUser[]> {
    return this.db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(
        and(
          eq(users.status, 'active'),
          options.excludeId === undefined ? undefined : ne(users.id, options.excludeId),
          or(foldedContains(users.name, query), foldedContains(users.email, query)),
        ),
      )
      .orderBy(users.name, users.id)
      .limit(options.limit);
  }

  // Share links ----------------------------------------------------------------------------

  async createLink(link: NewShareLink): Promise<ShareLinkRecord> {
    const id = newGrantId();
    await this.db.insert(shareLinks).values({ ...link, id, lockedFilters: [...link.lockedFilters] });
    const created = await this.linkById(id);
    if (!created) throw new Error('share_links insert left no row');
    return created;
  }

  /** Links of a dashboard, newest first (revoked and expired ones included). */
  async linksOf(dashboardId: string): Promise<ShareLinkRecord[]> {
    const rows = await this.db
      .select(linkColumns)
      .from(shareLinks)
      .innerJoin(users, eq(users.id, shareLinks.createdBy))
      .where(eq(shareLinks.dashboardId, dashboardId))
      .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id));
    return rows.map((r) => ({ ...r.link, creatorName: r.creatorName }));
  }

  async linkById(id: string): Promise<ShareLinkRecord | undefined> {
    const rows = await this.db
      .select(linkColumns)
      .from(shareLinks)
      .innerJoin(users, eq(users.id, shareLinks.createdBy))
      .where(eq(shareLinks.id, id))
      .limit(1);
    const row = rows[0];
    return row && { ...row.link, creatorName: row.creatorName };
  }

  /**
   * The link whose token hashes to `tokenHash` (see tokens.ts), whatever its status, with its
   * creator as stored now (one query: it runs on every request through the link).
   */
  async linkByTokenHash(tokenHash: string): Promise<OpenableLink | undefined> {
    const rows = await this.db
      .select({ ...linkColumns, creator: creatorColumns })
      .from(shareLinks)
      .innerJoin(users, eq(users.id, shareLinks.createdBy))
      .where(eq(shareLinks.tokenHash, tokenHash))
      .limit(1);
    const row = rows[0];
    return row && { ...row.link, creatorName: row.creatorName, creator: row.creator };
  }

  /** Revokes at `at` (a second revocation keeps the first date); undefined if no such link. */
  async revokeLink(id: string, at: Date = new Date()): Promise<ShareLinkRecord | undefined> {
    await this.db
      .update(shareLinks)
      .set({ revokedAt: sql`coalesce(${shareLinks.revokedAt}, ${at.toISOString()}::timestamptz)` })
      .where(eq(shareLinks.id, id));
    return this.linkById(id);
  }

  // Embeds ---------------------------------------------------------------------------------

  async createEmbed(embed: NewEmbed): Promise<EmbedRecord> {
    const id = newGrantId();
    await this.db.insert(embeds).values({
      ...embed,
      id,
      lockedFilters: [...embed.lockedFilters],
      hostFilters: [...embed.hostFilters],
      allowedOrigins: [...embed.allowedOrigins],
    });
    const created = await this.embedById(id);
    if (!created) throw new Error('embeds insert left no row');
    return created;
  }

  /** Embeds of a dashboard, newest first (revoked and expired ones included). */
  async embedsOf(dashboardId: string): Promise<EmbedRecord[]> {
    const rows = await this.db
      .select(embedColumns)
      .from(embeds)
      .innerJoin(users, eq(users.id, embeds.createdBy))
      .where(eq(embeds.dashboardId, dashboardId))
      .orderBy(desc(embeds.createdAt), desc(embeds.id));
    return rows.map((r) => ({ ...r.embed, creatorName: r.creatorName }));
  }

  /** The embed with its creator as stored now (one query: it runs on every embed request). */
  async embedById(id: string): Promise<OpenableEmbed | undefined> {
    const rows = await this.db
      .select({ ...embedColumns, creator: creatorColumns })
      .from(embeds)
      .innerJoin(users, eq(users.id, embeds.createdBy))
      .where(eq(embeds.id, id))
      .limit(1);
    const row = rows[0];
    return row && { ...row.embed, creatorName: row.creatorName, creator: row.creator };
  }

  /** Revokes at `at` (a second revocation keeps the first date); undefined if no such embed. */
  async revokeEmbed(id: string, at: Date = new Date()): Promise<EmbedRecord | undefined> {
    await this.db
      .update(embeds)
      .set({ revokedAt: sql`coalesce(${embeds.revokedAt}, ${at.toISOString()}::timestamptz)` })
      .where(eq(embeds.id, id));
    return this.embedById(id);
  }

  // Views ----------------------------------------------------------------------------------

  /**
   * Counts one view of a grant at `at`: `view_count` + 1, `last_viewed_at`, and the day's row of
   * `grant_view_days` (UTC day) created or incremented, in one transaction.
   */
  async recordView(kind: GrantKind, grantId: string, at: Date = new Date()): Promise<void> {
    const day = at.toISOString().slice(0, 10);
    await this.db.transaction(async (tx) => {
      const table = kind === 'link' ? shareLinks : embeds;
      await tx
        .update(table)
        .set({ viewCount: sql`${table.viewCount} + 1`, lastViewedAt: at })
        .where(eq(table.id, grantId));
      await tx
        .insert(grantViewDays)
        .values({ kind, grantId, day, views: 1 })
        .onConflictDoUpdate({
          target: [grantViewDays.kind, grantViewDays.grantId, grantViewDays.day],
          set: { views: sql`${grantViewDays.views} + 1` },
        });
    });
  }

  /**
   * Daily views of every link and embed, newest day first, from `since` (a `YYYY-MM-DD` day)
   * on; grants whose dashboard was purged are gone with it.
   */
  async viewDays(options: { limit: number; since?: string; until?: string }): Promise<GrantViewDay[]> {
    const linkDays = this.db
      .select({
        kind: grantViewDays.kind,
        grantId: grantViewDays.grantId,
        label: shareLinks.label,
        dashboardId: dashboards.id,
        dashboardTitle: dashboards.title,
        day: grantViewDays.day,
        views: grantViewDays.views,
      })
      .from(grantViewDays)
      .innerJoin(shareLinks, eq(shareLinks.id, grantViewDays.grantId))
      .innerJoin(dashboards, eq(dashboards.id, shareLinks.dashboardId))
      .where(
        and(
          eq(grantViewDays.kind, 'link'),
          options.since ? gte(grantViewDays.day, options.since) : undefined,
          options.until ? lte(grantViewDays.day, options.until) : undefined,
        ),
      );
    const embedDays = this.db
      .select({
        kind: grantViewDays.kind,
        grantId: grantViewDays.grantId,
        label: embeds.label,
        dashboardId: dashboards.id,
        dashboardTitle: dashboards.title,
        day: grantViewDays.day,
        views: grantViewDays.views,
      })
      .from(grantViewDays)
      .innerJoin(embeds, eq(embeds.id, grantViewDays.grantId))
      .innerJoin(dashboards, eq(dashboards.id, embeds.dashboardId))
      .where(
        and(
          eq(grantViewDays.kind, 'embed'),
          options.since ? gte(grantViewDays.day, options.since) : undefined,
          options.until ? lte(grantViewDays.day, options.until) : undefined,
        ),
      );
    const rows = await linkDays
      .unionAll(embedDays)
      .orderBy(desc(grantViewDays.day), grantViewDays.kind, grantViewDays.grantId)
      .limit(options.limit);
    return rows.map((r) => ({ ...r, day: String(r.day).slice(0, 10), views: Number(r.views) }));
  }
}
