/** Answers about accounts: the signed-in user, sessions, users, the audit journal. */
import Type from 'typebox';
import type { Answer } from './answer.ts';

const closed = { additionalProperties: false } as const;

/** Roles, least to most privileged. */
export const ROLES = ['lecteur', 'editeur', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A user as the API shows it: never the password hash nor the token version. */
export const publicUserSchema = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    name: Type.String(),
    role: Type.Enum(ROLES),
    scope: Type.String({ description: 'Territoire : NAT (national) ou code de région (ex. 53).' }),
    status: Type.Enum(['active', 'disabled']),
    authMethods: Type.Array(Type.Enum(['password', 'oidc']), {
      description: 'Connexion par mot de passe local, par le fournisseur d’identité (OIDC), ou les deux.',
    }),
    createdAt: Type.String(),
    lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  },
  closed,
);
export type PublicUser = Answer<typeof publicUserSchema>;

/** Answer of login and `GET /api/me`. */
export const sessionInfoSchema = Type.Object(
  {
    user: publicUserSchema,
    csrfToken: Type.String({
      description: 'À renvoyer dans l’en-tête x-csrf-token de chaque requête qui modifie quelque chose.',
    }),
    expiresAt: Type.String({ description: 'Fin de la session (date ISO), prolongée à l’usage.' }),
  },
  closed,
);
export type SessionInfo = Answer<typeof sessionInfoSchema>;

export const authMethodsSchema = Type.Object({ password: Type.Boolean(), oidc: Type.Boolean() }, closed);
export type AuthMethods = Answer<typeof authMethodsSchema>;

/** One entry of the audit journal (`GET /api/audit`). */
export const auditEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String(),
    action: Type.String(),
    outcome: Type.Enum(['success', 'failure']),
    actorId: Type.Union([Type.Integer(), Type.Null()]),
    actorEmail: Type.Union([Type.String(), Type.Null()]),
    target: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  closed,
);
export type AuditEntry = Answer<typeof auditEntrySchema>;
