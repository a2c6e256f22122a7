import { and, desc, eq, getTableColumns, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  type DashboardRow,
  dashboardShares,
  dashboards,
  dashboardVersions,
  type SharePermission,
  users,
} from '../metadata/schema.ts';
import type { MetadataDb } from '../metadata/store.ts';

export type Definition = Record<string, unknown>;

/** A dashboard row with its owner's name (null for reference dashboards). */
export interface DashboardRecord extends DashboardRow {
  readonly ownerName: string | null;
}

/** What lists show: no definition, only its widget count. */
export interface DashboardListRow {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly ownerId: number | null;
  readonly ownerName: string | null;
  readonly updatedAt: Date;
  readonly version: number;
  readonly isReference: boolean;
  readonly deletedAt: Date | null;
  readonly widgetCount: number;
  /** Shared with the user the list was asked for. */
  readonly sharedWithMe: boolean;
  /** The permission that share gives (null: not shared with them). */
  readonly sharePermission: 'read' | 'edit' | null;
}

export interface VersionRecord {
  readonly version: number;
  readonly title: string;
  readonly authorId: number | null;
  readonly authorName: string | null;
  readonly message: string | null;
  readonly createdAt: Date;
}

export interface NewDashboard {
  readonly id: string;
  readonly ownerId: number | null;
  readonly title: string;
  readonly description: string;
  readonly definition: Definition;
  readonly isReference?: boolean;
  readonly referenceKey?: string | null;
}

export interface DashboardContent {
  readonly title: string;
  readonly description: string;
  readonly definition: Definition;
}

/** Who saves and why: recorded with the version. */
export interface SaveNote {
  readonly authorId: number | null;
  readonly message: string | null;
}

const owners = alias(users, 'owners');

/** Every column of `dashboards` but the definition (what a rights check reads). */
const { definition: _definition, ...dashboardMeta } = getTableColumns(dashboards);

/** Definitions kept (a few hundred KB at most: a definition is a few KB of JSON). */
const DEFINITION_CACHE_SIZE = 200;

/**
 * Definitions by dashboard, version and save time. A saved version never changes (every write
 * of content bumps `version` and `updated_at`), so an entry is never stale, only unused: the
 * least recently used goes first. Entries are frozen: a caller that mutated one would change
 * what every later request reads.
 */
class DefinitionCache {
  private readonly entries = new Map<string, Definition>();

  private static key(row: Pick<DashboardRow, 'id' | 'version' | 'updatedAt'>): string {
    return `${row.id}\u0000${row.version}\u0000${row.updatedAt.getTime()}`;
  }

  get(row: Pick<DashboardRow, 'id' | 'version' | 'updatedAt'>): Definition | undefined {
    const key = DefinitionCache.key(row);
    const definition = this.entries.get(key);
    if (definition) {
      this.entries.delete(key);
      this.entries.set(key, definition);
    }
    return definition;
  }

  set(row: DashboardRow): Definition {
    const definition = deepFreeze(row.definition);
    this.entries.set(DefinitionCache.key(row), definition);
    if (this.entries.size > DEFINITION_CACHE_SIZE) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return definition;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Repository over `dashboards`, `dashboard_versions` and `dashboard_shares`. Callers check
 * access and validate; every write of content records a version in the same transaction.
 */
export class DashboardRepository {
  private readonly definitions = new DefinitionCache();

  constructor(private readonly db: MetadataDb) {}

  /**
   * The dashboard with its definition. The row is read every time (rights, trash and version
   * are the truth of the moment); the definition comes from `definitions` when this version was
   * read before, sparing the JSON of a whole dashboard on every dashboard and grant request.
   */
  async byId(id: string): Promise<DashboardRecord | undefined> {
    const [meta] = await this.db
      .select({ ...dashboardMeta, ownerName: owners.name })
      .from(dashboards)
      .leftJoin(owners, eq(owners.id, dashboards.ownerId))
      .where(eq(dashboards.id, id))
      .limit(1);
    if (!meta) return undefined;
    const definition = this.definitions.get(meta);
    if (definition) return { ...meta, definition };
    const rows = await this.db
      .select({ dashboard: dashboards, ownerName: owners.name })
      .from(dashboards)
      .leftJoin(owners, eq(owners.id, dashboards.ownerId))
      .where(eq(dashboards.id, id))
      .limit(1);
    const row = rows[0];
    if (!row) return undefined;
    return { ...row.dashboard, ownerName: row.ownerName, definition: this.definitions.set(row.dashboard) };
  }

  async byReferenceKey(key: string): Promise<DashboardRow | undefined> {
    const rows = await this.db.select().from(dashboards).where(eq(dashboards.referenceKey, key)).limit(1);
    return rows[0];
  }

  async references(): Promise<DashboardRow[]> {
    return this.db.select().from(dashboards).where(eq(dashboards.isReference, true));
  }

  /** Creates the dashboard and its version 1. */
  async create(dashboard: NewDashboard, note: SaveNote): Promise<DashboardRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(dashboards)
        .values({ ...dashboard, version: 1 })
        .returning();
      if (!row) throw new Error('dashboards insert returned no row');
      await tx.insert(dashboardVersions).values({
        dashboardId: row.id,
        version: 1,
        title: row.title,
        definition: row.definition,
        authorId: note.authorId,
        message: note.message,
        createdAt: row.createdAt,
      });
      return row;
    });
  }

  /**
   * Saves new content if the stored version is still `expectedVersion`, as one atomic
   * `UPDATE … WHERE version = $expected RETURNING`: of two saves from the same version exactly
   * one succeeds. Undefined when the version moved on (or the dashboard is gone / in the trash).
   */
  async saveIfVersion(
    id: string,
    expectedVersion: number,
    content: DashboardContent,
    note: SaveNote,
  ): Promise<DashboardRow | undefined> {
    return this.db.transaction(async (tx) => {
      const now = new Date();
      const [row] = await tx
        .update(dashboards)
        .set({ ...content, version: sql`${dashboards.version} + 1`, updatedAt: now })
        .where(
          and(eq(dashboards.id, id), eq(dashboards.version, expectedVersion), isNull(dashboards.deletedAt)),
        )
        .returning();
      if (!row) return undefined;
      await tx.insert(dashboardVersions).values({
        dashboardId: id,
        version: row.version,
        title: row.title,
        definition: row.definition,
        authorId: note.authorId,
        message: note.message,
        createdAt: now,
      });
      return row;
    });
  }

  /** Trash (a date) or out of it (null). False when the dashboard does not exist. */
  async setDeleted(id: string, deletedAt: Date | null): Promise<boolean> {
    const rows = await this.db
      .update(dashboards)
      .set({ deletedAt })
      .where(eq(dashboards.id, id))
      .returning({ id: dashboards.id });
    return rows.length > 0;
  }

  /** Removes for good what sits in the trash since before `before`; returns how many. */
  async purgeTrash(before: Date): Promise<number> {
    const rows = await this.db
      .delete(dashboards)
      .where(and(isNotNull(dashboards.deletedAt), lt(dashboards.deletedAt, before)))
      .returning({ id: dashboards.id });
    return rows.length;
  }

  /**
   * Every dashboard a user may list: theirs (trash included), the reference ones and those
   * shared with them.
   */
  async listFor(userId: number): Promise<DashboardListRow[]> {
    const sharedWhere = sql`${dashboardShares.dashboardId} = ${dashboards.id} and ${dashboardShares.userId} = ${userId}`;
    const shared = sql<boolean>`exists (select 1 from ${dashboardShares} where ${sharedWhere})`;
    const permission = sql<
      string | null
    >`(select ${dashboardShares.permission} from ${dashboardShares} where ${sharedWhere} limit 1)`;
    const rows = await this.db
      .select({
        id: dashboards.id,
        title: dashboards.title,
        description: dashboards.description,
        ownerId: dashboards.ownerId,
        ownerName: owners.name,
        updatedAt: dashboards.updatedAt,
        version: dashboards.version,
        isReference: dashboards.isReference,
        deletedAt: dashboards.deletedAt,
        widgetCount: sql<number>`coalesce(jsonb_array_length(${dashboards.definition} -> 'widgets'), 0)::int`,
        sharedWithMe: shared,
        sharePermission: permission,
      })
      .from(dashboards)
      .leftJoin(owners, eq(owners.id, dashboards.ownerId))
      .where(or(eq(dashboards.ownerId, userId), eq(dashboards.isReference, true), shared));
    // postgres-js returns the count as a number; PGlite too after the cast — keep it a number.
    return rows.map((r) => ({
      ...r,
      widgetCount: Number(r.widgetCount),
      sharedWithMe: Boolean(r.sharedWithMe),
      sharePermission:
        r.sharePermission === 'edit' || r.sharePermission === 'read' ? r.sharePermission : null,
    }));
  }

  /** The permission a named share gives `userId` on the dashboard (undefined: not shared). */
  async sharePermission(id: string, userId: number): Promise<SharePermission | undefined> {
    const rows = await this.db
      .select({ permission: dashboardShares.permission })
      .from(dashboardShares)
      .where(and(eq(dashboardShares.dashboardId, id), eq(dashboardShares.userId, userId)))
      .limit(1);
    return rows[0]?.permission;
  }

  /** Shares with a user (an existing share takes the new permission). */
  async share(id: string, userId: number, permission: SharePermission = 'read'): Promise<void> {
    await this.db
      .insert(dashboardShares)
      .values({ dashboardId: id, userId, permission })
      .onConflictDoUpdate({
        target: [dashboardShares.dashboardId, dashboardShares.userId],
        set: { permission },
      });
  }

  /** Versions, newest first, with their author's name. */
  async versions(id: string): Promise<VersionRecord[]> {
    return this.db
      .select({
        version: dashboardVersions.version,
        title: dashboardVersions.title,
        authorId: dashboardVersions.authorId,
        authorName: users.name,
        message: dashboardVersions.message,
        createdAt: dashboardVersions.createdAt,
      })
      .from(dashboardVersions)
      .leftJoin(users, eq(users.id, dashboardVersions.authorId))
      .where(eq(dashboardVersions.dashboardId, id))
      .orderBy(desc(dashboardVersions.version));
  }

  async version(
    id: string,
    version: number,
  ): Promise<(VersionRecord & { definition: Definition }) | undefined> {
    const rows = await this.db
      .select({
        version: dashboardVersions.version,
        title: dashboardVersions.title,
        definition: dashboardVersions.definition,
        authorId: dashboardVersions.authorId,
        authorName: users.name,
        message: dashboardVersions.message,
        createdAt: dashboardVersions.createdAt,
      })
      .from(dashboardVersions)
      .leftJoin(users, eq(users.id, dashboardVersions.authorId))
      .where(and(eq(dashboardVersions.dashboardId, id), eq(dashboardVersions.version, version)))
      .limit(1);
    return rows[0];
  }
}
