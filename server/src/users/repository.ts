import { asc, eq, sql } from 'drizzle-orm';
import type { UserRole } from '../auth/roles.ts';
import { type UserRow, users } from '../metadata/schema.ts';
import type { MetadataDb } from '../metadata/store.ts';
import { normaliseEmail, type UserStatus } from './types.ts';

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  readonly scope: string;
  readonly passwordHash?: string | null;
  readonly oidcSubject?: string | null;
}

export interface UserChanges {
  readonly name?: string;
  readonly role?: UserRole;
  readonly scope?: string;
  readonly status?: UserStatus;
  readonly passwordHash?: string;
  readonly oidcSubject?: string;
}

/** Repository over `users`. Callers validate; this only reads and writes rows. */
export class UserRepository {
  private readonly changeListeners: ((id: number, here: boolean) => void)[] = [];

  constructor(private readonly db: MetadataDb) {}

  /**
   * Called with the user id after any write to that user (caches forget it); `here` is false
   * when another instance made it (see `changedElsewhere`).
   */
  onChange(listener: (id: number, here: boolean) => void): void {
    this.changeListeners.push(listener);
  }

  private changed(id: number): void {
    for (const listener of this.changeListeners) listener(id, true);
  }

  /** Another instance sharing the store wrote this user (its change feed said so). */
  changedElsewhere(id: number): void {
    for (const listener of this.changeListeners) listener(id, false);
  }

  async byId(id: number): Promise<UserRow | undefined> {
    const rows = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return rows[0];
  }

  async byEmail(email: string): Promise<UserRow | undefined> {
    const rows = await this.db
      .select()
      .from(users)
      .where(eq(users.email, normaliseEmail(email)))
      .limit(1);
    return rows[0];
  }

  async byOidcSubject(subject: string): Promise<UserRow | undefined> {
    const rows = await this.db.select().from(users).where(eq(users.oidcSubject, subject)).limit(1);
    return rows[0];
  }

  async list(): Promise<UserRow[]> {
    return this.db.select().from(users).orderBy(asc(users.email));
  }

  async create(user: NewUser): Promise<UserRow> {
    const rows = await this.db
      .insert(users)
      .values({ ...user, email: normaliseEmail(user.email) })
      .returning();
    const row = rows[0];
    if (!row) throw new Error('users insert returned no row');
    return row;
  }

  /**
   * Applies changes; disabling, a new password or a new OIDC link bumps the token version so
   * the sessions opened before no longer work.
   */
  async update(id: number, changes: UserChanges): Promise<UserRow | undefined> {
    const revokes = changes.status === 'disabled' || changes.passwordHash !== undefined;
    const rows = await this.db
      .update(users)
      .set({
        ...changes,
        updatedAt: new Date(),
        ...(revokes && { tokenVersion: sql`${users.tokenVersion} + 1` }),
      })
      .where(eq(users.id, id))
      .returning();
    this.changed(id);
    return rows[0];
  }

  /** Ends every session of the user (logout). */
  async revokeSessions(id: number): Promise<void> {
    await this.db
      .update(users)
      .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
      .where(eq(users.id, id));
    this.changed(id);
  }

  async touchLogin(id: number): Promise<void> {
    await this.db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id));
  }

  /** Active accounts with a demo address: refused in production. */
  async activeDemoAccounts(domain: string): Promise<string[]> {
    const rows = await this.db
      .select({ email: users.email, status: users.status })
      .from(users)
      .where(sql`${users.email} LIKE ${`%@${domain}`}`);
    return rows.filter((r) => r.status === 'active').map((r) => r.email);
  }
}
