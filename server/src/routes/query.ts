import type { QueryResult, SecurityContext } from '@dataetat/widgets';
import type { FastifyPluginAsync } from 'fastify';

/** Until accounts exist (identity issue) every caller has the national scope. */
const NATIONAL: SecurityContext = { scope: 'NAT' };

export const queryRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/query',
    { schema: { body: { type: 'object' } } },
    async (request, reply): Promise<QueryResult> => {
      // The response closing before it finished means the client went away: cancel the engine
      // query. (The request's own `close` fires as soon as its body is read, so not that one.)
      const abort = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) abort.abort();
      };
      reply.raw.once('close', onClose);
      try {
        return await app.services.queries.run(request.body, NATIONAL, abort.signal);
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );
};
