/**
 * The shapes of `/api/dashboards` answers, shared by the server (which builds them) and the web
 * app (which reads them), so the two cannot drift apart.
 */
import Type from 'typebox';
import type { Answer } from '../api/answer.ts';
import { SHARE_PERMISSIONS } from '../api/sharing.ts';
import { dashboardDefinitionSchema } from './schema.ts';
import type { DashboardDefinition } from './types.ts';

const closed = { additionalProperties: false } as const;

/** One card of the « Tableaux de bord » page. */
export const dashboardSummarySchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Type.String(),
    ownerName: Type.String(),
    updatedAt: Type.String(),
    version: Type.Integer(),
    isReference: Type.Boolean(),
    widgetCount: Type.Integer(),
    deletedAt: Type.Optional(
      Type.String({ description: 'Corbeille seulement : date de suppression (restaurable 30 jours).' }),
    ),
    permission: Type.Optional(
      Type.Enum(SHARE_PERMISSIONS, {
        description:
          '« Partagés avec moi » seulement : le droit accordé (read : lecture, edit : modification).',
      }),
    ),
  },
  closed,
);
export type DashboardSummary = Answer<typeof dashboardSummarySchema>;

export const dashboardListsSchema = Type.Object(
  {
    mine: Type.Array(dashboardSummarySchema),
    reference: Type.Array(dashboardSummarySchema),
    shared: Type.Array(dashboardSummarySchema),
    trash: Type.Array(dashboardSummarySchema),
  },
  closed,
);
export type DashboardLists = Answer<typeof dashboardListsSchema>;

export const dashboardDetailSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Type.String(),
    definition: dashboardDefinitionSchema,
    version: Type.Integer(),
    isReference: Type.Boolean(),
    owner: Type.Object(
      {
        id: Type.Union([Type.Integer(), Type.Null()], {
          description: 'null pour les tableaux de bord de référence (affichés « Data-État »).',
        }),
        name: Type.String(),
      },
      closed,
    ),
    canEdit: Type.Boolean({
      description:
        'Le propriétaire (éditeur), un administrateur ou un éditeur avec qui il est partagé en modification.',
    }),
    canShare: Type.Boolean({
      description:
        'Partager, gérer liens et intégrations, supprimer : le propriétaire (éditeur) ou un administrateur.',
    }),
    updatedAt: Type.String(),
  },
  closed,
);
/** The definition's own rules (queries, filter defaults) go beyond its schema: typed as such. */
export type DashboardDetail = Omit<Answer<typeof dashboardDetailSchema>, 'definition'> & {
  readonly definition: DashboardDefinition;
};

export const dashboardVersionSummarySchema = Type.Object(
  {
    version: Type.Integer(),
    title: Type.String(),
    authorName: Type.String(),
    createdAt: Type.String(),
    message: Type.Union([Type.String(), Type.Null()]),
  },
  closed,
);
export type DashboardVersionSummary = Answer<typeof dashboardVersionSummarySchema>;

export const dashboardVersionSchema = Type.Object(
  { ...dashboardVersionSummarySchema.properties, definition: dashboardDefinitionSchema },
  closed,
);

export const dashboardTrashedSchema = Type.Object(
  {
    id: Type.String(),
    deletedAt: Type.String(),
    restorableUntil: Type.String({ description: 'Après cette date, la suppression est définitive.' }),
  },
  closed,
);
