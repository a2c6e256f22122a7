import type { UserRow } from '../metadata/schema.ts';
import type { UserRepository } from '../users/repository.ts';

/**
 * The user behind each authenticated request, read at most once per `ttlMs` per user: a
 * metadata round trip on every request halved the cached-query throughput. Changes made through
 * this instance (disable, new password, logout, role/scope) forget the entry at once; another
 * instance's changes apply within `ttlMs`.
 */
export class SessionUsers {
  private readonly entries = new Map<number, { row: UserRow | undefined; at: number }>();

  constructor(
    private readonly users: UserRepository,
    private readonly ttlMs = 2_000,
  ) {
    users.onChange((id) => this.entries.delete(id));
  }

  async get(id: number): Promise<UserRow | undefined> {
    const now = performance.now();
    const entry = this.entries.get(id);
    if (entry && now - entry.at < this.ttlMs) return entry.row;
    const row = await this.users.byId(id);
    this.entries.set(id, { row, at: now });
    return row;
  }
}
