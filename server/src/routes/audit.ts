import type { FastifyPluginAsync } from 'fastify';
import { AUDIT_ACTIONS, type AuditAction } from '../audit/repository.ts';

/** The audit journal, newest first, administrators only. */
export const auditRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { limit: number; action?: AuditAction } }>(
    '/audit',
    {
      config: { access: 'admin' },
      schema: {
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            action: { type: 'string', enum: AUDIT_ACTIONS },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => ({
      entries: await app.services.audit.latest(request.query.limit, request.query.action),
    }),
  );
};
