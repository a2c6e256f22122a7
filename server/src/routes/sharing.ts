import {
  IDENTIFIER_PATTERN,
  Int32Id,
  namedShareListSchema,
  namedShareSchema,
  SafeText,
  SHARE_PERMISSIONS,
  TEXT_LIMITS,
  userDirectorySchema,
} from '@dataetat/widgets';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { recordAudit } from '../audit/record.ts';
import { identityOf } from '../auth/context.ts';
import type { Actor } from '../dashboards/service.ts';
import { type ApiPlugin, emptyAnswer } from '../plugins/contracts.ts';
import { NamedShareService } from '../sharing/named-shares.ts';

/**
 * Sharing a dashboard with named accounts (issue 10). Needs the éditeur role; the service then
 * checks that the caller owns the dashboard (or is an admin).
 */

const id = Type.String({ minLength: 1, maxLength: 100, pattern: IDENTIFIER_PATTERN });
const tags = ['Partage'];

export function actorOf(request: FastifyRequest): Actor {
  const { user } = identityOf(request);
  return { id: user.id, name: user.name, role: user.role };
}

export const namedShareRoutes: ApiPlugin = async (app) => {
  const { dashboards, sharing, users } = app.services;
  const shares = new NamedShareService(dashboards, sharing, users);

  app.get(
    '/users/directory',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Annuaire des comptes (pour partager)',
        description: `Comptes actifs dont le nom ou l’adresse contient q (accents et casse ignorés), 20 au plus, sans vous.`,
        querystring: Type.Object(
          { q: Type.Optional(SafeText({ maxLength: TEXT_LIMITS.search })) },
          { additionalProperties: false },
        ),
        response: { 200: userDirectorySchema },
      },
    },
    async (request) => ({ users: await shares.directory(actorOf(request), request.query.q ?? '') }),
  );

  app.get(
    '/dashboards/:id/shares',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Comptes avec qui le tableau de bord est partagé',
        params: Type.Object({ id }, { additionalProperties: false }),
        response: { 200: namedShareListSchema },
      },
    },
    async (request) => ({ shares: await shares.list(actorOf(request), request.params.id) }),
  );

  app.put(
    '/dashboards/:id/shares/:userId',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Partager avec un compte (lecture ou modification)',
        description:
          'Propriétaire ou administrateur. « edit » : la personne peut enregistrer le tableau de bord, ni le supprimer ni le repartager ; réservé aux comptes éditeurs.',
        params: Type.Object({ id, userId: Int32Id() }, { additionalProperties: false }),
        body: Type.Object({ permission: Type.Enum(SHARE_PERMISSIONS) }, { additionalProperties: false }),
        response: { 200: namedShareSchema },
      },
    },
    async (request) => {
      const { id: dashboardId, userId } = request.params;
      const share = await shares.put(actorOf(request), dashboardId, userId, request.body.permission);
      await recordAudit(request, 'dashboard_shared', {
        target: dashboardId,
        details: { userId, email: share.user.email, permission: share.permission },
      });
      return share;
    },
  );

  app.delete(
    '/dashboards/:id/shares/:userId',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Ne plus partager avec un compte',
        params: Type.Object({ id, userId: Int32Id() }, { additionalProperties: false }),
        response: { 204: emptyAnswer('Partage retiré.') },
      },
    },
    async (request, reply) => {
      const { id: dashboardId, userId } = request.params;
      await shares.remove(actorOf(request), dashboardId, userId);
      // The e-mail as for a share: the journal names the person, not an internal id.
      const email = (await app.services.users.byId(userId))?.email;
      await recordAudit(request, 'dashboard_unshared', {
        target: dashboardId,
        details: { userId, ...(email && { email }) },
      });
      return reply.status(204).send(null);
    },
  );
};
