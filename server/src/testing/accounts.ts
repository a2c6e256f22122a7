import type { FastifyInstance } from 'fastify';
import { DEMO_ACCOUNTS } from '../auth/demo.ts';
import { hashPassword } from '../auth/password.ts';
import type { UserRole } from '../auth/roles.ts';
import type { UserRow } from '../metadata/schema.ts';
import type { UserRepository } from '../users/repository.ts';
import { loginAs, type TestSession } from './session.ts';

/** Sessions of the demo accounts the server creates at start (auth/demo.ts), by role. */
export interface DemoSessions {
  /** National administrator. */
  readonly admin: TestSession;
  /** National éditeur. */
  readonly editeur: TestSession;
  /** Lecteur scoped to Bretagne (53). */
  readonly lecteur: TestSession;
}

/** Signs in the three demo accounts, one after the other (admin, éditeur, lecteur). */
export async function signInDemoAccounts(app: FastifyInstance): Promise<DemoSessions> {
  const email = (role: UserRole) => DEMO_ACCOUNTS.find((a) => a.role === role)?.email ?? role;
  return {
    admin: await loginAs(app, email('admin')),
    editeur: await loginAs(app, email('editeur')),
    lecteur: await loginAs(app, email('lecteur')),
  };
}

export interface TestAccount {
  readonly email: string;
  /** Default: the e-mail. */
  readonly name?: string;
  readonly role: UserRole;
  /** A région code or NAT (default). */
  readonly scope?: string;
  /** A local password (hashed as the server does); none: the account cannot sign in with one. */
  readonly password?: string;
}

/** Creates an account of the test's own in the metadata store. */
export async function createAccount(users: UserRepository, account: TestAccount): Promise<UserRow> {
  const { password, ...fields } = account;
  return users.create({
    name: account.email,
    scope: 'NAT',
    ...fields,
    passwordHash: password === undefined ? null : await hashPassword(password),
  });
}
