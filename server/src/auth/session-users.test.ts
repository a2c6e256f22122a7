import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetadataStore, openMetadataStore } from '../metadata/store.ts';
import { tempDir } from '../testing/harness.ts';
import { UserRepository } from '../users/repository.ts';
import { SessionUsers } from './session-users.ts';

const dir = tempDir();
let store: MetadataStore;
let users: UserRepository;
beforeAll(async () => {
  store = await openMetadataStore({ dataDir: dir.path });
  await store.migrate();
  users = new UserRepository(store.db);
});
afterAll(async () => {
  await store.close();
  dir.remove();
});

describe('SessionUsers', () => {
  it('reads a user once per lifetime, and forgets it as soon as it changes here', async () => {
    const created = await users.create({
      email: 'agent@exemple.gouv.fr',
      name: 'Agent',
      role: 'lecteur',
      scope: '53',
    });
    let reads = 0;
    const byId = users.byId.bind(users);
    users.byId = async (id) => {
      reads++;
      return byId(id);
    };
    const sessions = new SessionUsers(users, 60_000);
    expect((await sessions.get(created.id))?.status).toBe('active');
    await sessions.get(created.id);
    expect(reads).toBe(1);

    // Disabling bumps the token version: the next request must see it, not the cached row.
    await users.update(created.id, { status: 'disabled' });
    const after = await sessions.get(created.id);
    expect(after?.status).toBe('disabled');
    expect(after?.tokenVersion).toBe(created.tokenVersion + 1);
    expect(reads).toBe(2);

    await users.revokeSessions(created.id);
    expect((await sessions.get(created.id))?.tokenVersion).toBe(created.tokenVersion + 2);
  });

  it('reads again once its lifetime is over (changes made by another instance)', async () => {
    const created = await users.create({
      email: 'autre@exemple.gouv.fr',
      name: 'Autre',
      role: 'lecteur',
      scope: 'NAT',
    });
    const sessions = new SessionUsers(users, 30);
    await sessions.get(created.id);
    // Another instance writes directly (this repository is not told).
    await store.db.execute(sql`UPDATE users SET status = 'disabled' WHERE id = ${created.id}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect((await sessions.get(created.id))?.status).toBe('disabled');
  });
});
