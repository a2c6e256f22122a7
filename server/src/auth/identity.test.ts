import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { type MetadataStore, openMetadataStore } from '../metadata/store.ts';
import { tempDir, testSettings } from '../testing/harness.ts';
import { openIdentity } from './identity.ts';
import { verifyPassword } from './password.ts';

const silent = pino({ level: 'silent' });
const dir = tempDir();
let store: MetadataStore;

beforeAll(async () => {
  store = await openMetadataStore({ dataDir: dir.path });
  await store.migrate();
});
afterAll(async () => {
  await store.close();
  dir.remove();
});

describe('openIdentity', () => {
  it('creates the three demo accounts once, logs them, and keeps a generated session secret', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const settings = testSettings({ dataDir: dir.path });
    const first = await openIdentity(settings, store.db, log);
    const users = await first.users.list();
    expect(users.map((u) => [u.email, u.role, u.scope])).toEqual([
      ['admin@demo.local', 'admin', 'NAT'],
      ['editeur@demo.local', 'editeur', 'NAT'],
      ['lecteur.bretagne@demo.local', 'lecteur', '53'],
    ]);
    expect(await verifyPassword('demo', users[0]?.passwordHash ?? '')).toBe(true);
    expect(lines.join('')).toContain(
      'Comptes de démonstration (mot de passe « demo ») : admin@demo.local (admin, NAT)',
    );
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);

    // A changed demo account is left alone on the next start; the secret is the same.
    await first.users.update(users[2]?.id ?? 0, { scope: '84' });
    const second = await openIdentity(settings, store.db, silent);
    expect((await second.users.byEmail('lecteur.bretagne@demo.local'))?.scope).toBe('84');
    expect((await second.users.list()).length).toBe(3);
    expect(second.jwtSecret).toBe(first.jwtSecret);
  });

  it('production refuses to start while demo accounts are active', async () => {
    const production = {
      ...testSettings({ dataDir: dir.path }),
      production: true,
      jwtSecret: 'x'.repeat(40),
    };
    const error = await openIdentity(production, store.db, silent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('Comptes de démonstration actifs en production');
    const identity = await openIdentity(
      { ...production, production: false, demoAccounts: false },
      store.db,
      silent,
    );
    for (const user of await identity.users.list())
      await identity.users.update(user.id, { status: 'disabled' });
    const started = await openIdentity(production, store.db, silent);
    expect(started.jwtSecret).toBe('x'.repeat(40));
  });
});
