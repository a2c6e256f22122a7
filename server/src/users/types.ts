import type { PublicUser } from '@dataetat/widgets';
import type { UserRow } from '../metadata/schema.ts';

export type UserStatus = UserRow['status'];

/** A user as the API shows it: never the password hash nor the token version. */
export type { PublicUser };

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    scope: row.scope,
    status: row.status,
    authMethods: [
      ...(row.passwordHash ? ['password' as const] : []),
      ...(row.oidcSubject ? ['oidc' as const] : []),
    ],
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

/** E-mails are compared lower-cased and trimmed everywhere. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
