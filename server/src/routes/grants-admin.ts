import {
  embedCreatedSchema,
  embedListSchema,
  filterSpecSchema,
  IDENTIFIER_PATTERN,
  SafeText,
  shareLinkCreatedSchema,
  shareLinkListSchema,
  TEXT_LIMITS,
} from '@dataetat/widgets';
import Type from 'typebox';
import { recordAudit } from '../audit/record.ts';
import { securityContextOf } from '../auth/context.ts';
import { type ApiPlugin, emptyAnswer } from '../plugins/contracts.ts';
import { EmbedService } from '../sharing/embeds.ts';
import { GRANT_LIMITS } from '../sharing/grant-rules.ts';
import { ShareLinkService } from '../sharing/links.ts';
import { DashboardLockedLabels } from '../sharing/locked-labels.ts';
import { actorOf } from './sharing.ts';

/**
 * Share links and embeds of a dashboard (issue 10), managed by its owner (éditeur) or an admin.
 * Bounds are in the schemas; catalogue rules (fields, values), expiry and origins are checked
 * by the services (400 GRANT_INVALID, French reason).
 */

const id = Type.String({ minLength: 1, maxLength: 100, pattern: IDENTIFIER_PATTERN });
const idParam = Type.Object({ id }, { additionalProperties: false });
const tags = ['Partage'];
const closed = { additionalProperties: false } as const;

const common = {
  label: Type.Optional(SafeText({ maxLength: TEXT_LIMITS.title })),
  expiresAt: Type.Optional(
    Type.Union([Type.String({ maxLength: 40 }), Type.Null()], {
      description: 'Fin de validité (date ISO), dans moins d’un an ; absente : sans limite.',
    }),
  ),
  agentsOnly: Type.Optional(
    Type.Boolean({ description: 'Réservé aux agents connectés (leur propre territoire s’applique).' }),
  ),
  lockedFilters: Type.Optional(
    Type.Array(filterSpecSchema, {
      maxItems: GRANT_LIMITS.filters,
      description: 'Filtres imposés côté serveur (champs des jeux de données partagés).',
    }),
  ),
};

const filterValue = Type.Union([
  Type.String({ maxLength: TEXT_LIMITS.filterValue }),
  Type.Number(),
  Type.Boolean(),
]);

const hostFilter = Type.Object(
  {
    field: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.field }),
    values: Type.Optional(Type.Array(filterValue, { maxItems: GRANT_LIMITS.values })),
  },
  closed,
);

export const grantAdminRoutes: ApiPlugin = async (app) => {
  const { dashboards, sharing, embedTokens, catalogue, queries } = app.services;
  const labels = new DashboardLockedLabels(dashboards, catalogue, queries);
  const links = new ShareLinkService(dashboards, sharing, catalogue, labels);
  const embeds = new EmbedService(dashboards, sharing, embedTokens, catalogue, labels);

  app.get(
    '/dashboards/:id/share-links',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Liens de partage d’un tableau de bord',
        description: 'Sans leur jeton (montré une seule fois, à la création) ; actifs, expirés et révoqués.',
        params: idParam,
        response: { 200: shareLinkListSchema },
      },
    },
    async (request) => ({
      links: await links.list(actorOf(request), request.params.id, securityContextOf(request)),
    }),
  );

  app.post(
    '/dashboards/:id/share-links',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Créer un lien de partage (lecture seule)',
        description: 'Le jeton n’est renvoyé qu’ici : seule son empreinte (SHA-256) est conservée.',
        params: idParam,
        body: Type.Object(common, closed),
        response: { 201: shareLinkCreatedSchema },
      },
    },
    async (request, reply) => {
      const created = await links.create(
        actorOf(request),
        request.params.id,
        request.body,
        securityContextOf(request),
      );
      const { link } = created;
      await recordAudit(request, 'share_link_created', {
        target: link.dashboardId,
        details: {
          linkId: link.id,
          label: link.label,
          expiresAt: link.expiresAt,
          agentsOnly: link.agentsOnly,
          lockedFilters: link.lockedFilters,
        },
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/share-links/:id',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Révoquer un lien de partage',
        description: 'Effectif dès la requête suivante.',
        params: idParam,
        response: { 204: emptyAnswer('Lien révoqué.') },
      },
    },
    async (request, reply) => {
      const link = await links.revoke(actorOf(request), request.params.id);
      await recordAudit(request, 'share_link_revoked', {
        target: link.dashboardId,
        details: { linkId: link.id, label: link.label },
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/dashboards/:id/embeds',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Intégrations d’un tableau de bord',
        description: 'Avec leur jeton signé (réémis à chaque lecture).',
        params: idParam,
        response: { 200: embedListSchema },
      },
    },
    async (request) => ({
      embeds: await embeds.list(actorOf(request), request.params.id, securityContextOf(request)),
    }),
  );

  app.post(
    '/embeds',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Créer une intégration (un widget ou tout le tableau de bord)',
        body: Type.Object(
          {
            dashboardId: id,
            widgetId: Type.Optional(
              Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()], {
                description: 'Absent ou null : tout le tableau de bord.',
              }),
            ),
            ...common,
            hostFilters: Type.Optional(
              Type.Array(hostFilter, {
                maxItems: GRANT_LIMITS.filters,
                description:
                  'Filtres que la page hôte peut poser, et leurs valeurs permises (absentes : toutes).',
              }),
            ),
            allowedOrigins: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
              maxItems: GRANT_LIMITS.origins,
              description:
                'Origines autorisées : http(s), hôte et port facultatif, sans chemin (normalisées).',
            }),
          },
          closed,
        ),
        response: { 201: embedCreatedSchema },
      },
    },
    async (request, reply) => {
      const embed = await embeds.create(actorOf(request), request.body, securityContextOf(request));
      await recordAudit(request, 'embed_created', {
        target: embed.dashboardId,
        details: {
          embedId: embed.id,
          label: embed.label,
          widgetId: embed.widgetId,
          allowedOrigins: embed.allowedOrigins,
          expiresAt: embed.expiresAt,
          agentsOnly: embed.agentsOnly,
          lockedFilters: embed.lockedFilters,
          hostFilters: embed.hostFilters,
        },
      });
      return reply.status(201).send({ embed });
    },
  );

  app.delete(
    '/embeds/:id',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Révoquer une intégration',
        description: 'Effectif dès la requête suivante.',
        params: idParam,
        response: { 204: emptyAnswer('Intégration révoquée.') },
      },
    },
    async (request, reply) => {
      const embed = await embeds.revoke(actorOf(request), request.params.id);
      await recordAudit(request, 'embed_revoked', {
        target: embed.dashboardId,
        details: { embedId: embed.id, label: embed.label },
      });
      return reply.status(204).send(null);
    },
  );
};
