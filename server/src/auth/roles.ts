import { USER_ROLES, type UserRole } from '../metadata/schema.ts';

export { USER_ROLES, type UserRole };

/**
 * What a route requires. `public`: anyone, even anonymous; `lecteur`: any signed-in user;
 * `editeur`, `admin`: that role or above. Every API route declares one (`config.access`).
 */
export type Access = 'public' | UserRole;

export const ACCESS_LEVELS: readonly Access[] = ['public', ...USER_ROLES];

/** French names shown in messages and in the web app. */
export const ROLE_LABELS: Record<UserRole, string> = {
  lecteur: 'Lecteur',
  editeur: 'Éditeur',
  admin: 'Administrateur',
};

const RANK: Record<UserRole, number> = { lecteur: 1, editeur: 2, admin: 3 };

/** True when a user of `role` may use a route requiring `access`. */
export function roleAllows(role: UserRole, access: Access): boolean {
  return access === 'public' || RANK[role] >= RANK[access];
}

export function isRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

/** The national scope: sees every région. */
export const NATIONAL_SCOPE = 'NAT';
