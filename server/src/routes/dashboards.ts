import {
  dashboardDetailSchema,
  dashboardListsSchema,
  dashboardTrashedSchema,
  dashboardVersionSchema,
  dashboardVersionSummarySchema,
  IDENTIFIER_PATTERN,
  SafeText,
  TEXT_LIMITS,
  VersionNumber,
} from '@dataetat/widgets';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { recordAudit } from '../audit/record.ts';
import { identityOf } from '../auth/context.ts';
import type { Actor } from '../dashboards/service.ts';
import type { ApiPlugin } from '../plugins/contracts.ts';

/**
 * Dashboards API (DESIGN §7, §9). Reading needs a session (lecteur); writing needs the éditeur
 * role, and the service then checks ownership. Definitions are validated against the catalogue
 * by the service (400 DASHBOARD_INVALID with the JSON path of the faulty field).
 */

const id = Type.String({ minLength: 1, maxLength: 100, pattern: IDENTIFIER_PATTERN });
const idParam = Type.Object({ id });
const versionParams = Type.Object({ id, version: VersionNumber });

const title = SafeText({ maxLength: TEXT_LIMITS.title });
const description = SafeText({ maxLength: TEXT_LIMITS.description });
// Structure and catalogue checks are the service's (French messages with a JSON path).
const definition = Type.Object(
  {},
  { description: 'Définition (schemaVersion, widgets, layout, filters), vérifiée par le service.' },
);
const tags = ['Tableaux de bord'];

function actorOf(request: FastifyRequest): Actor {
  const { user } = identityOf(request);
  return { id: user.id, name: user.name, role: user.role };
}

export const dashboardRoutes: ApiPlugin = async (app) => {
  const { dashboards } = app.services;

  app.get(
    '/dashboards',
    {
      config: { access: 'lecteur' },
      schema: {
        tags,
        summary: 'Tableaux de bord visibles',
        description: 'Les miens, ceux de référence, ceux partagés avec moi et ma corbeille.',
        querystring: Type.Object(
          {
            q: Type.Optional(
              Type.String({ maxLength: 200, description: 'Recherche dans titres et descriptions.' }),
            ),
            sort: Type.Optional(Type.Enum(['updated', 'title'])),
          },
          { additionalProperties: false },
        ),
        response: { 200: dashboardListsSchema },
      },
    },
    async (request) => dashboards.list(actorOf(request), request.query),
  );

  app.post(
    '/dashboards',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Créer ou dupliquer un tableau de bord',
        body: Type.Object(
          {
            title: Type.Optional(title),
            description: Type.Optional(description),
            definition: Type.Optional(definition),
            duplicateOf: Type.Optional(id),
          },
          { additionalProperties: false },
        ),
        response: { 201: dashboardDetailSchema },
      },
    },
    async (request, reply) => {
      const created = await dashboards.create(actorOf(request), request.body);
      await recordAudit(request, 'dashboard_created', {
        target: created.id,
        details: {
          title: created.title,
          ...(request.body.duplicateOf !== undefined && { duplicateOf: request.body.duplicateOf }),
        },
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/dashboards/:id',
    {
      config: { access: 'lecteur' },
      schema: {
        tags,
        summary: 'Un tableau de bord',
        params: idParam,
        response: { 200: dashboardDetailSchema },
      },
    },
    async (request) => dashboards.get(actorOf(request), request.params.id),
  );

  app.put(
    '/dashboards/:id',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Enregistrer une nouvelle version',
        description:
          '`version` est la version lue : si quelqu’un a enregistré entre-temps, la réponse est 409 DASHBOARD_CONFLICT.',
        params: idParam,
        body: Type.Object(
          {
            title,
            description,
            definition,
            version: VersionNumber,
            message: Type.Optional(SafeText({ maxLength: TEXT_LIMITS.message })),
          },
          { additionalProperties: false },
        ),
        response: { 200: dashboardDetailSchema },
      },
    },
    async (request) => {
      const saved = await dashboards.update(actorOf(request), request.params.id, request.body);
      await recordAudit(request, 'dashboard_updated', {
        target: saved.id,
        details: { title: saved.title, version: saved.version },
      });
      return saved;
    },
  );

  app.delete(
    '/dashboards/:id',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Mettre à la corbeille',
        description: 'Restaurable pendant 30 jours.',
        params: idParam,
        response: { 200: dashboardTrashedSchema },
      },
    },
    async (request) => {
      const trashed = await dashboards.trash(actorOf(request), request.params.id);
      await recordAudit(request, 'dashboard_deleted', { target: trashed.id });
      return trashed;
    },
  );

  app.post(
    '/dashboards/:id/restore',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Sortir de la corbeille',
        params: idParam,
        response: { 200: dashboardDetailSchema },
      },
    },
    async (request) => {
      const restored = await dashboards.restore(actorOf(request), request.params.id);
      await recordAudit(request, 'dashboard_restored', {
        target: restored.id,
        details: { title: restored.title },
      });
      return restored;
    },
  );

  app.get(
    '/dashboards/:id/versions',
    {
      config: { access: 'lecteur' },
      schema: {
        tags,
        summary: 'Historique des versions',
        params: idParam,
        response: {
          200: Type.Object(
            { versions: Type.Array(dashboardVersionSummarySchema) },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request) => ({ versions: await dashboards.versions(actorOf(request), request.params.id) }),
  );

  app.get(
    '/dashboards/:id/versions/:version',
    {
      config: { access: 'lecteur' },
      schema: {
        tags,
        summary: 'Une version passée',
        params: versionParams,
        response: { 200: dashboardVersionSchema },
      },
    },
    async (request) => dashboards.version(actorOf(request), request.params.id, request.params.version),
  );

  app.post(
    '/dashboards/:id/versions/:version/restore',
    {
      config: { access: 'editeur' },
      schema: {
        tags,
        summary: 'Restaurer une version passée',
        description: 'Enregistrée comme nouvelle version : l’historique ne fait que grandir.',
        params: versionParams,
        response: { 200: dashboardDetailSchema },
      },
    },
    async (request) => {
      const { id: dashboardId, version } = request.params;
      const saved = await dashboards.restoreVersion(actorOf(request), dashboardId, version);
      // An action of its own, so the journal can be filtered on restores.
      await recordAudit(request, 'dashboard_version_restored', {
        target: saved.id,
        details: { title: saved.title, version: saved.version, restoredFrom: version },
      });
      return saved;
    },
  );
};
