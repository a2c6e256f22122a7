import type { QueryResult, SecurityContext } from '@dataetat/widgets';
import type { FastifyPluginAsync } from 'fastify';

/** Until accounts exist (identity issue) every caller has the national scope. */
const NATIONAL: SecurityContext = { scope: 'NAT' };

export const queryRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/query',
    { schema: { body: { type: 'object' } } },
    async (request, reply): Promise<QueryResult> => {
      // A client that goes away cancels its engine query.
      const abort = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableEnded) abort.abort();
      };
      request.raw.once('close', onClose);
      try {
        return await app.services.queries.run(request.body, NATIONAL, abort.signal);
      } finally {
        request.raw.off('close', onClose);
      }
    },
  );
};
