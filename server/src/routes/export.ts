import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { recordAudit } from '../audit/record.ts';
import { securityContextOf } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { csvChunks } from '../export/csv.ts';
import { exportFileName } from '../export/provenance.ts';
import { openExport } from '../export/rows.ts';
import { xlsxStream } from '../export/xlsx.ts';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type ExportFormat = keyof typeof CONTENT_TYPES;

function parseFormat(query: unknown): ExportFormat {
  const format = (query as { format?: unknown } | undefined)?.format;
  if (format === 'csv' || format === 'xlsx') return format;
  throw new AppError('EXPORT_FORMAT', { format: typeof format === 'string' ? format : '' });
}

/**
 * `POST /api/query/export?format=csv|xlsx`: the body is a QuerySpec, validated by the compiler
 * (400 with code and path), run with the caller's security context, streamed page by page.
 */
export const exportRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/query/export',
    { config: { access: 'lecteur' }, schema: { body: { type: 'object' } } },
    async (request, reply) => {
      const format = parseFormat(request.query);
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
        details: { format, spec: request.body as Record<string, unknown> },
      });
      reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${file}"`)
        .header('cache-control', 'no-store');
      return reply.send(format === 'csv' ? Readable.from(csvChunks(source)) : xlsxStream(source, now));
    },
  );
};
