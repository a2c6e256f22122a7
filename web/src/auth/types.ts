/** Roles, least to most privileged (same order as the server). */
export const ROLES = ['lecteur', 'editeur', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  lecteur: 'Lecteur',
  editeur: 'Éditeur',
  admin: 'Administrateur',
};

/** Scope of national users. */
export const NATIONAL = 'NAT';

/** API answers: one definition, shared with the server (`@dataetat/widgets` api/). */
import type { PublicUser as User } from '@dataetat/widgets';

export type { AuditEntry, AuthMethods, SessionInfo } from '@dataetat/widgets';
export type { User };

const RANK: Record<Role, number> = { lecteur: 1, editeur: 2, admin: 3 };

export function hasRole(user: Pick<User, 'role'>, needed: Role): boolean {
  return RANK[user.role] >= RANK[needed];
}
