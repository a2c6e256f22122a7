import { queryResultSchema, querySpecSchema } from '@dataetat/widgets';
import { securityContextOf } from '../auth/context.ts';
import {
  type ApiPlugin,
  plainJsonSerializer,
  type SerialisedJson,
  specValidatorCompiler,
} from '../plugins/contracts.ts';
import { Deadline, jsonSteps, runSteps } from '../query/budget.ts';

/** Above this many rows, the answer is serialised in steps rather than in one blocking call. */
const STEPPED_JSON_ROWS = 2_000;

export const queryRoutes: ApiPlugin = async (app) => {
  app.post(
    '/query',
    {
      config: { access: 'lecteur' },
      validatorCompiler: specValidatorCompiler,
      serializerCompiler: plainJsonSerializer,
      schema: {
        tags: ['Données'],
        summary: 'Interroger un jeu de données',
        description:
          'Mesures agrégées par dimensions, filtres, tri, totaux et sous-totaux. Le territoire de la personne connectée s’applique toujours. Les champs inconnus du catalogue donnent une erreur SPEC_* avec le chemin JSON du champ.',
        body: querySpecSchema,
        response: { 200: queryResultSchema },
      },
    },
    async (request, reply) => {
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
        return json as SerialisedJson;
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );
};
