import { VersionNumber } from '@dataetat/widgets';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { identityOf } from '../auth/context.ts';
import type { Actor } from '../dashboards/service.ts';

/**
 * Dashboards API (DESIGN §7, §9). Reading needs a session (lecteur); writing needs the éditeur
 * role, and the service then checks ownership. Definitions are validated against the catalogue
 * by the service (400 DASHBOARD_INVALID with the JSON path of the faulty field).
 */

const idParam = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } },
  required: ['id'],
} as const;

const versionParams = {
  type: 'object',
  properties: { ...idParam.properties, version: VersionNumber },
  required: ['id', 'version'],
} as const;

const title = { type: 'string', maxLength: 200 } as const;
const description = { type: 'string', maxLength: 5000 } as const;
// Structure and catalogue checks are the service's (French messages with a JSON path).
const definition = { type: 'object' } as const;

interface CreateBody {
  title?: string;
  description?: string;
  definition?: Record<string, unknown>;
  duplicateOf?: string;
}

interface UpdateBody {
  title: string;
  description: string;
  definition: Record<string, unknown>;
  version: number;
  message?: string;
}

function actorOf(request: FastifyRequest): Actor {
  const { user } = identityOf(request);
  return { id: user.id, name: user.name, role: user.role };
}

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const { dashboards } = app.services;

  app.get<{ Querystring: { q?: string; sort?: 'updated' | 'title' } }>(
    '/dashboards',
    {
      config: { access: 'lecteur' },
      schema: {
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 200 },
            sort: { type: 'string', enum: ['updated', 'title'] },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => dashboards.list(actorOf(request), request.query),
  );

  app.post<{ Body: CreateBody }>(
    '/dashboards',
    {
      config: { access: 'editeur' },
      schema: {
        body: {
          type: 'object',
          properties: { title, description, definition, duplicateOf: idParam.properties.id },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await dashboards.create(actorOf(request), request.body)),
  );

  app.get<{ Params: { id: string } }>(
    '/dashboards/:id',
    { config: { access: 'lecteur' }, schema: { params: idParam } },
    async (request) => dashboards.get(actorOf(request), request.params.id),
  );

  app.put<{ Params: { id: string }; Body: UpdateBody }>(
    '/dashboards/:id',
    {
      config: { access: 'editeur' },
      schema: {
        params: idParam,
        body: {
          type: 'object',
          properties: {
            title,
            description,
            definition,
            version: VersionNumber,
            message: { type: 'string', maxLength: 500 },
          },
          required: ['title', 'description', 'definition', 'version'],
          additionalProperties: false,
        },
      },
    },
    async (request) => dashboards.update(actorOf(request), request.params.id, request.body),
  );

  app.delete<{ Params: { id: string } }>(
    '/dashboards/:id',
    { config: { access: 'editeur' }, schema: { params: idParam } },
    async (request) => dashboards.trash(actorOf(request), request.params.id),
  );

  app.post<{ Params: { id: string } }>(
    '/dashboards/:id/restore',
    { config: { access: 'editeur' }, schema: { params: idParam } },
    async (request) => dashboards.restore(actorOf(request), request.params.id),
  );

  app.get<{ Params: { id: string } }>(
    '/dashboards/:id/versions',
    { config: { access: 'lecteur' }, schema: { params: idParam } },
    async (request) => ({ versions: await dashboards.versions(actorOf(request), request.params.id) }),
  );

  app.get<{ Params: { id: string; version: number } }>(
    '/dashboards/:id/versions/:version',
    { config: { access: 'lecteur' }, schema: { params: versionParams } },
    async (request) => dashboards.version(actorOf(request), request.params.id, request.params.version),
  );

  app.post<{ Params: { id: string; version: number } }>(
    '/dashboards/:id/versions/:version/restore',
    { config: { access: 'editeur' }, schema: { params: versionParams } },
    async (request) => dashboards.restoreVersion(actorOf(request), request.params.id, request.params.version),
  );
};
