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

/** A user as `GET /api/me` and `/api/users` return it. */
export interface User {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** Région code, or NAT. */
  readonly scope: string;
  readonly status: 'active' | 'disabled';
  readonly authMethods: readonly ('password' | 'oidc')[];
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

/** Answer of login and `GET /api/me`. */
export interface SessionInfo {
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface AuthMethods {
  readonly password: boolean;
  readonly oidc: boolean;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly action: string;
  readonly outcome: 'success' | 'failure';
  readonly actorId: number | null;
  readonly actorEmail: string | null;
  readonly target: string | null;
  readonly ip: string | null;
  readonly details: Record<string, unknown>;
}

const RANK: Record<Role, number> = { lecteur: 1, editeur: 2, admin: 3 };

export function hasRole(user: Pick<User, 'role'>, needed: Role): boolean {
  return RANK[user.role] >= RANK[needed];
}
