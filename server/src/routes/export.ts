import { querySpecSchema } from '@dataetat/widgets';
import Type from 'typebox';
import { securityContextOf } from '../auth/context.ts';
import { EXPORT_CONTENT_TYPES, parseExportFormat, sendExport } from '../export/send.ts';
import { type ApiPlugin, binaryAnswer, specValidatorCompiler } from '../plugins/contracts.ts';

/** `?format=csv|xlsx`, checked by `parseExportFormat` (its message names the format asked for). */
export const exportFormatQuery = Type.Object(
  { format: Type.Optional(Type.String({ maxLength: 20, examples: ['csv', 'xlsx'] })) },
  { additionalProperties: false },
);

export const exportAnswer = binaryAnswer(
  'Le fichier, en téléchargement.',
  Object.values(EXPORT_CONTENT_TYPES),
);

/**
 * `POST /api/query/export?format=csv|xlsx`: the body is a QuerySpec, validated by the compiler
 * (400 with code and path), run with the caller's security context, streamed page by page.
 */
export const exportRoutes: ApiPlugin = async (app) => {
  app.post(
    '/query/export',
    {
      config: { access: 'lecteur' },
      validatorCompiler: specValidatorCompiler,
      schema: {
        tags: ['Données'],
        summary: 'Exporter le résultat d’une requête',
        description:
          'Le même corps que /api/query ; toutes les lignes (jusqu’à la limite d’export), en CSV ou en classeur Excel, avec la source des chiffres. Chaque export est journalisé.',
        querystring: exportFormatQuery,
        body: querySpecSchema,
        response: { 200: exportAnswer },
      },
    },
    async (request, reply) =>
      sendExport(request, reply, {
        spec: request.body,
        context: securityContextOf(request),
        format: parseExportFormat(request.query.format),
      }),
  );
};
