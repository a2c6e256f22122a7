/**
 * Answers of sharing and embedding (issue 10): named shares, share links, embeds, the user
 * directory and what a grant opens. Shared by the server (route contracts) and the web app.
 */
import Type from 'typebox';
import { dashboardDefinitionSchema } from '../dashboard/schema.ts';
import { filterSpecSchema } from '../spec/schema.ts';
import type { Answer } from './answer.ts';
import { datasetSummarySchema } from './datasets.ts';

const closed = { additionalProperties: false } as const;
const nullableString = (description?: string) =>
  Type.Union([Type.String(), Type.Null()], description === undefined ? {} : { description });

export const SHARE_PERMISSIONS = ['read', 'edit'] as const;
export type SharePermissionName = (typeof SHARE_PERMISSIONS)[number];

export const GRANT_STATUSES = ['active', 'expired', 'revoked'] as const;
export type GrantStatusName = (typeof GRANT_STATUSES)[number];

/** An account as the directory and the share list show it. */
export const userDirectoryEntrySchema = Type.Object(
  { id: Type.Integer(), name: Type.String(), email: Type.String() },
  closed,
);
export type UserDirectoryEntry = Answer<typeof userDirectoryEntrySchema>;

/** `GET /api/users/directory?q=`: at most 20 active accounts. */
export const userDirectorySchema = Type.Object({ users: Type.Array(userDirectoryEntrySchema) }, closed);
export type UserDirectory = Answer<typeof userDirectorySchema>;

/** One user a dashboard is shared with. */
export const namedShareSchema = Type.Object(
  {
    user: userDirectoryEntrySchema,
    permission: Type.Enum(SHARE_PERMISSIONS, {
      description: 'read : consulter ; edit : consulter et enregistrer (ni supprimer ni repartager).',
    }),
    createdAt: Type.String(),
  },
  closed,
);
export type NamedShare = Answer<typeof namedShareSchema>;

export const namedShareListSchema = Type.Object({ shares: Type.Array(namedShareSchema) }, closed);
export type NamedShareList = Answer<typeof namedShareListSchema>;

/** A filter the host page of an embed may set; `values` omitted: any value. */
export const hostFilterSchema = Type.Object(
  {
    field: Type.String(),
    values: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean()]))),
  },
  closed,
);
export type HostFilter = Answer<typeof hostFilterSchema>;

/** The name of one locked value (« departement » 35 → « Ille-et-Vilaine »). */
export const lockedLabelSchema = Type.Object(
  { field: Type.String(), value: Type.String({ description: 'Le code, en texte.' }), label: Type.String() },
  closed,
);
export type LockedLabel = Answer<typeof lockedLabelSchema>;

const grantFields = {
  id: Type.String(),
  dashboardId: Type.String(),
  label: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.Object({ id: Type.Integer(), name: Type.String() }, closed),
  expiresAt: nullableString('Fin de validité (date ISO), null : sans limite.'),
  agentsOnly: Type.Boolean({ description: 'Réservé aux agents connectés (leur territoire s’applique).' }),
  lockedFilters: Type.Array(filterSpecSchema, { description: 'Filtres imposés côté serveur.' }),
  lockedLabels: Type.Array(lockedLabelSchema, {
    description: 'Les libellés des valeurs imposées, lus dans le territoire de la personne connectée.',
  }),
  viewCount: Type.Integer(),
  lastViewedAt: nullableString(),
  revokedAt: nullableString(),
  status: Type.Enum(GRANT_STATUSES),
};

/** A share link as its dashboard's list shows it: never its token (shown once, at creation). */
export const shareLinkSummarySchema = Type.Object(grantFields, closed);
export type ShareLinkSummary = Answer<typeof shareLinkSummarySchema>;

export const shareLinkListSchema = Type.Object({ links: Type.Array(shareLinkSummarySchema) }, closed);
export type ShareLinkList = Answer<typeof shareLinkListSchema>;

/** `POST /api/dashboards/:id/share-links`: the token, here and never again. */
export const shareLinkCreatedSchema = Type.Object(
  {
    link: shareLinkSummarySchema,
    token: Type.String({ description: 'Affiché une seule fois : seule son empreinte est conservée.' }),
    path: Type.String({ description: '/s/<token>' }),
  },
  closed,
);
export type ShareLinkCreated = Answer<typeof shareLinkCreatedSchema>;

/** An embed, with its signed token (re-issued from the row at every listing). */
export const embedSummarySchema = Type.Object(
  {
    ...grantFields,
    widgetId: nullableString('null : tout le tableau de bord.'),
    hostFilters: Type.Array(hostFilterSchema),
    allowedOrigins: Type.Array(Type.String(), {
      description: 'Origines autorisées : http(s), hôte et port facultatif, sans chemin.',
    }),
    token: Type.String({ description: 'Jeton signé de l’intégration.' }),
  },
  closed,
);
export type EmbedSummary = Answer<typeof embedSummarySchema>;

export const embedListSchema = Type.Object({ embeds: Type.Array(embedSummarySchema) }, closed);
export type EmbedList = Answer<typeof embedListSchema>;

export const embedCreatedSchema = Type.Object({ embed: embedSummarySchema }, closed);
export type EmbedCreated = Answer<typeof embedCreatedSchema>;

/** Views of a link or an embed on one day (audit journal). */
export const grantViewDaySchema = Type.Object(
  {
    kind: Type.Enum(['link', 'embed']),
    grantId: Type.String(),
    label: Type.String(),
    dashboardId: Type.String(),
    dashboardTitle: Type.String(),
    day: Type.String({ description: 'Jour (AAAA-MM-JJ, UTC).' }),
    views: Type.Integer(),
  },
  closed,
);
export type GrantViewDayEntry = Answer<typeof grantViewDaySchema>;

/** What a share link or an embed opens (public routes, no session needed). */
export const grantedDashboardSchema = Type.Object(
  {
    grant: Type.Object(
      {
        kind: Type.Enum(['link', 'embed']),
        id: Type.String(),
        widgetId: nullableString(),
        lockedFilters: Type.Array(filterSpecSchema),
        lockedLabels: Type.Array(lockedLabelSchema, {
          description:
            'Les libellés des valeurs verrouillées (égalité ou liste), elles seules, lus dans les données du partage ; une valeur absente des données n’en a pas.',
        }),
        territory: Type.Union(
          [Type.Object({ code: Type.String(), label: Type.String() }, closed), Type.Null()],
          {
            description:
              'La région à laquelle le territoire du partage tient ses données (celui de son auteur, ou du lecteur pour les agents connectés), nommée ; null : France entière.',
          },
        ),
        hostFilters: Type.Array(hostFilterSchema, {
          description: 'Intégrations seulement ; [] pour un lien.',
        }),
        agentsOnly: Type.Boolean(),
        expiresAt: nullableString(),
        sharedBy: Type.Optional(
          Type.String({ description: 'Nom de la personne qui a créé le lien (bandeau de la vue partagée).' }),
        ),
      },
      closed,
    ),
    dashboard: Type.Object(
      {
        id: Type.String(),
        title: Type.String(),
        description: Type.String(),
        updatedAt: Type.String(),
        definition: dashboardDefinitionSchema,
      },
      closed,
    ),
    catalogue: Type.Array(datasetSummarySchema, {
      description: 'Les jeux de données utilisés, avec leur source et leur fraîcheur.',
    }),
  },
  closed,
);
export type GrantedDashboard = Answer<typeof grantedDashboardSchema>;
