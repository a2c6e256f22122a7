import type { FastifyBaseLogger } from 'fastify';
import { AuditLog } from '../audit/repository.ts';
import type { Settings } from '../config.ts';
import type { MetadataDb } from '../metadata/store.ts';
import { UserRepository } from '../users/repository.ts';
import { provisionDemoAccounts, refuseDemoAccountsInProduction } from './demo.ts';
import { dummyPasswordHash } from './password.ts';
import { resolveJwtSecret } from './secret.ts';

export interface IdentityServices {
  readonly users: UserRepository;
  /** The audit journal: `audit.record({ action: 'export', … })`, or `recordAudit(request, …)`. */
  readonly audit: AuditLog;
  /** Key of session tokens and CSRF tokens. */
  readonly jwtSecret: string;
}

/** Opens the user and audit repositories; demo accounts in demo mode, checks in production. */
export async function openIdentity(
  settings: Settings,
  db: MetadataDb,
  log: FastifyBaseLogger,
): Promise<IdentityServices> {
  const users = new UserRepository(db);
  if (settings.production) await refuseDemoAccountsInProduction(users);
  else if (settings.demoAccounts) await provisionDemoAccounts(users, log);
  // Computed once now, so the first login of an unknown address is not faster than the others.
  await dummyPasswordHash();
  return { users, audit: new AuditLog(db, log), jwtSecret: resolveJwtSecret(settings) };
}
