import type { FastifyBaseLogger } from 'fastify';
import { ConfigError } from '../config.ts';
import type { UserRepository } from '../users/repository.ts';
import { hashPassword } from './password.ts';
import type { UserRole } from './roles.ts';

export const DEMO_DOMAIN = 'demo.local';
export const DEMO_PASSWORD = 'demo';

export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: UserRole; scope: string }[] = [
  { email: `admin@${DEMO_DOMAIN}`, name: 'Administratrice démo', role: 'admin', scope: 'NAT' },
  { email: `editeur@${DEMO_DOMAIN}`, name: 'Éditeur démo', role: 'editeur', scope: 'NAT' },
  { email: `lecteur.bretagne@${DEMO_DOMAIN}`, name: 'Lecteur Bretagne démo', role: 'lecteur', scope: '53' },
];

/** Creates the demo accounts that are missing (never touches existing ones) and logs them. */
export async function provisionDemoAccounts(users: UserRepository, log: FastifyBaseLogger): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    if (await users.byEmail(account.email)) continue;
    await users.create({ ...account, passwordHash: await hashPassword(DEMO_PASSWORD) });
  }
  log.info(
    `Comptes de démonstration (mot de passe « ${DEMO_PASSWORD} ») : ${DEMO_ACCOUNTS.map(
      (a) => `${a.email} (${a.role}, ${a.scope})`,
    ).join(' ; ')}. Désactivez-les avec DATAETAT_DEMO_ACCOUNTS=off.`,
  );
}

/** Production refuses to start while demo accounts (public password) are still active. */
export async function refuseDemoAccountsInProduction(users: UserRepository): Promise<void> {
  const active = await users.activeDemoAccounts(DEMO_DOMAIN);
  if (active.length > 0) {
    throw new ConfigError([
      `Comptes de démonstration actifs en production (${active.join(', ')}) : leur mot de passe est public. Désactivez-les ou supprimez-les de la base de métadonnées avant de démarrer avec NODE_ENV=production.`,
    ]);
  }
}
