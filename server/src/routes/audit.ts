import { auditEntrySchema } from '@dataetat/widgets';
import Type from 'typebox';
import { AUDIT_ACTIONS } from '../audit/repository.ts';
import type { ApiPlugin } from '../plugins/contracts.ts';

const DEFAULT_LIMIT = 100;

/** The audit journal, newest first, administrators only. */
export const auditRoutes: ApiPlugin = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        summary: 'Journal d’audit',
        description: 'Connexions, exports, changements de comptes : les plus récents d’abord.',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: DEFAULT_LIMIT })),
            action: Type.Optional(Type.Enum(AUDIT_ACTIONS)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ entries: Type.Array(auditEntrySchema) }, { additionalProperties: false }),
        },
      },
    },
    async (request) => ({
      entries: await app.services.audit.latest(request.query.limit ?? DEFAULT_LIMIT, request.query.action),
    }),
  );
};
