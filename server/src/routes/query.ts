import type { QueryResult } from '@dataetat/widgets';
import type { FastifyPluginAsync } from 'fastify';
import { securityContextOf } from '../auth/context.ts';

export const queryRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/query',
    { config: { access: 'lecteur' }, schema: { body: { type: 'object' } } },
    async (request, reply): Promise<QueryResult> => {
      // The response closing before it finished means the client went away: cancel the engine
      // query. (The request's own `close` fires as soon as its body is read, so not that one.)
      const abort = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) abort.abort();
      };
      reply.raw.once('close', onClose);
      try {
        return await app.services.queries.run(request.body, securityContextOf(request), abort.signal);
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );
};
