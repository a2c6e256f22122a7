import { auditEntrySchema, grantViewDaySchema } from '@dataetat/widgets';
import Type from 'typebox';
import { AUDIT_ACTIONS } from '../audit/repository.ts';
import type { ApiPlugin } from '../plugins/contracts.ts';

const DEFAULT_LIMIT = 100;

/** The audit journal, newest first, with the daily views of links and embeds; administrators only. */
export const auditRoutes: ApiPlugin = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        summary: 'Journal d’audit',
        description:
          'Connexions, exports, changements de comptes, tableaux de bord, partages : les plus récents d’abord. `views` : consultations des liens de partage et des intégrations, cumulées par jour (les plus récentes d’abord, même limite).',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: DEFAULT_LIMIT })),
            action: Type.Optional(Type.Enum(AUDIT_ACTIONS)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { entries: Type.Array(auditEntrySchema), views: Type.Array(grantViewDaySchema) },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      return {
        entries: await app.services.audit.latest(limit, request.query.action),
        // Views are not actions: an action filter leaves them out.
        views: request.query.action ? [] : await app.services.sharing.viewDays({ limit }),
      };
    },
  );
};
