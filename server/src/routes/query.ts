import type { QueryResult } from '@dataetat/widgets';
import type { FastifyPluginAsync } from 'fastify';
import { securityContextOf } from '../auth/context.ts';
import { Deadline, jsonSteps, runSteps } from '../query/budget.ts';

/** Above this many rows, the answer is serialised in steps rather than in one blocking call. */
const STEPPED_JSON_ROWS = 2_000;

export const queryRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/query',
    { config: { access: 'lecteur' }, schema: { body: { type: 'object' } } },
    async (request, reply): Promise<QueryResult | string> => {
      // One budget for the engine, the shaping and the serialisation of this answer.
      const deadline = new Deadline(app.services.settings.queryTimeoutMs);
      // The response closing before it finished means the client went away: cancel the engine
      // query. (The request's own `close` fires as soon as its body is read, so not that one.)
      const abort = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) abort.abort();
      };
      reply.raw.once('close', onClose);
      try {
        const result = await app.services.queries.run(request.body, securityContextOf(request), {
          signal: abort.signal,
          deadline,
        });
        if (result.rows.length <= STEPPED_JSON_ROWS) return result;
        const json = await runSteps(jsonSteps(result), { deadline, signal: abort.signal });
        reply.type('application/json; charset=utf-8');
        return json;
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );
};
