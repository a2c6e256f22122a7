/** Answers about accounts: the signed-in user, sessions, users, the audit journal. */
import Type from 'typebox';
import type { Answer } from './answer.ts';
import { grantViewDaySchema } from './sharing.ts';

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

/** What the audit journal records (the server writes them, the journal page names them). */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'user_created',
  'user_updated',
  'export',
  'dashboard_created',
  'dashboard_updated',
  'dashboard_deleted',
  'dashboard_restored',
  'dashboard_version_restored',
  'dashboard_shared',
  'dashboard_unshared',
  'share_link_created',
  'share_link_revoked',
  'embed_created',
  'embed_revoked',
  'audit_exported',
  'import_received',
  'import_confirmed',
  'import_finished',
  'tag_rule_created',
  'tag_rule_updated',
  'tag_rule_deleted',
  'tag_rules_applied',
  'tag_assignments_created',
  'tag_assignments_deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Largest page of `GET /api/audit`. */
export const AUDIT_PAGE_MAX = 500;

/** One entry of the audit journal (`GET /api/audit`). */
export const auditEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String(),
    action: Type.String(),
    outcome: Type.Enum(['success', 'failure']),
    actorId: Type.Union([Type.Integer(), Type.Null()]),
    actorEmail: Type.Union([Type.String(), Type.Null()]),
    actorName: Type.Union([Type.String(), Type.Null()], {
      description:
        'Nom actuel du compte (null : pas de compte, ex. échec de connexion d’une adresse inconnue).',
    }),
    target: Type.Union([Type.String(), Type.Null()]),
    targetLabel: Type.Union([Type.String(), Type.Null()], {
      description:
        'L’objet en clair : titre du tableau de bord, du jeu de données, nom du compte ; « <id> (supprimé) » s’il n’existe plus.',
    }),
    grantLabel: Type.Union([Type.String(), Type.Null()], {
      description: 'Nom du lien de partage ou de l’intégration concerné, le cas échéant.',
    }),
    ip: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  closed,
);
export type AuditEntry = Answer<typeof auditEntrySchema>;

/** One page of the filtered journal, and the daily views of links and embeds. */
export const auditPageSchema = Type.Object(
  {
    entries: Type.Array(auditEntrySchema),
    total: Type.Integer({ description: 'Entrées retenues par les filtres, toutes pages comprises.' }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    views: Type.Array(grantViewDaySchema, {
      description:
        'Consultations des liens et intégrations par jour (UTC), en première page seulement ; vide si un filtre d’auteur, d’action ou de résultat est posé.',
    }),
  },
  closed,
);
export type AuditPage = Answer<typeof auditPageSchema>;

/** Each action in French, as the journal page and its CSV export name it. */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  login: 'Connexion',
  login_failed: 'Échec de connexion',
  logout: 'Déconnexion',
  user_created: 'Compte créé',
  user_updated: 'Compte modifié',
  export: 'Export de données',
  dashboard_created: 'Tableau de bord créé',
  dashboard_updated: 'Tableau de bord enregistré',
  dashboard_deleted: 'Tableau de bord mis à la corbeille',
  dashboard_restored: 'Tableau de bord sorti de la corbeille',
  dashboard_version_restored: 'Version de tableau de bord restaurée',
  dashboard_shared: 'Tableau de bord partagé',
  dashboard_unshared: 'Partage retiré',
  share_link_created: 'Lien de partage créé',
  share_link_revoked: 'Lien de partage révoqué',
  embed_created: 'Intégration créée',
  embed_revoked: 'Intégration révoquée',
  audit_exported: 'Journal d’audit exporté',
  import_received: 'Fichier déposé pour import',
  import_confirmed: 'Import confirmé',
  import_finished: 'Import terminé',
  tag_rule_created: 'Règle d’étiquetage créée',
  tag_rule_updated: 'Règle d’étiquetage modifiée',
  tag_rule_deleted: 'Règle d’étiquetage supprimée',
  tag_rules_applied: 'Règles d’étiquetage appliquées',
  tag_assignments_created: 'Étiquettes affectées à la main',
  tag_assignments_deleted: 'Affectation manuelle d’étiquettes supprimée',
};
