import { Readable } from 'node:stream';
import { querySpecSchema } from '@dataetat/widgets';
import Type from 'typebox';
import { recordAudit } from '../audit/record.ts';
import { securityContextOf } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { csvChunks } from '../export/csv.ts';
import { exportFileName } from '../export/provenance.ts';
import { openExport } from '../export/rows.ts';
import { xlsxStream } from '../export/xlsx.ts';
import { type ApiPlugin, binaryAnswer, specValidatorCompiler } from '../plugins/contracts.ts';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type ExportFormat = keyof typeof CONTENT_TYPES;

/** Checked here rather than by an enum: the message names the format asked for. */
function parseFormat(format: string | undefined): ExportFormat {
  if (format === 'csv' || format === 'xlsx') return format;
  throw new AppError('EXPORT_FORMAT', { format: format ?? '' });
}

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
        querystring: Type.Object(
          { format: Type.Optional(Type.String({ maxLength: 20, examples: ['csv', 'xlsx'] })) },
          { additionalProperties: false },
        ),
        body: querySpecSchema,
        response: {
          200: binaryAnswer('Le fichier, en téléchargement.', Object.values(CONTENT_TYPES)),
        },
      },
    },
    async (request, reply) => {
      const format = parseFormat(request.query.format);
      // Client gone (download cancelled): stop reading pages from the engine.
      const abort = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) abort.abort();
      });
      const { settings, queries, versions } = app.services;
      const source = await openExport(
        { queries, versions, maxRows: settings.exportMaxRows },
        request.body,
        securityContextOf(request),
        abort.signal,
      );
      const now = new Date();
      const file = exportFileName(source.dataset.id, format, now);
      // Who exported what, with which filters: the spec is the audit trail of the figures.
      await recordAudit(request, 'export', {
        target: source.dataset.id,
        details: { format, spec: request.body },
      });
      reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${file}"`)
        .header('cache-control', 'no-store');
      return reply.send(format === 'csv' ? Readable.from(csvChunks(source)) : xlsxStream(source, now));
    },
  );
};
