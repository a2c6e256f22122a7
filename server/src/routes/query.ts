import { queryResultSchema, querySpecSchema } from '@dataetat/widgets';
import { securityContextOf } from '../auth/context.ts';
import { type ApiPlugin, plainJsonSerializer, specValidatorCompiler } from '../plugins/contracts.ts';
import { answerQuery } from '../query/answer.ts';

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
    async (request, reply) => answerQuery(app, request, reply, request.body, securityContextOf(request)),
  );
};
