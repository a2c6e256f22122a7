import { Readable } from 'node:stream';
import type { QuerySpec, SecurityContext } from '@dataetat/widgets';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/record.ts';
import { AppError } from '../errors.ts';
import { CROSS_TAB_MAX_ROWS, crossTabSource, isCrossTab } from './crosstab.ts';
import { csvChunks } from './csv.ts';
import { exportFileName } from './provenance.ts';
import { openExport } from './rows.ts';
import { xlsxStream } from './xlsx.ts';

export const EXPORT_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ExportFormat = keyof typeof EXPORT_CONTENT_TYPES;

/** Checked here rather than by an enum: the message names the format asked for. */
export function parseExportFormat(format: string | undefined): ExportFormat {
  if (format === 'csv' || format === 'xlsx') return format;
  throw new AppError('EXPORT_FORMAT', { format: format ?? '' });
}

/**
 * Streams the export of `spec` run under `context` (`/api/query/export` and the share-link and
 * embed exports): validated first (400 with code and path), journalised with the spec (the
 * audit trail of the figures) and `audit` (e.g. the grant it went through), read page by page.
 */
export async function sendExport(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    readonly spec: unknown;
    readonly context: SecurityContext;
    readonly format: ExportFormat;
    readonly audit?: Record<string, unknown>;
  },
): Promise<FastifyReply> {
  // Client gone (download cancelled): stop reading pages from the engine.
  const abort = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) abort.abort();
  });
  const { settings, queries, versions } = request.server.services;
  // A pivot's cross-tab is laid out in memory: capped at what the widget itself shows.
  const crossTab = isCrossTab(options.spec);
  const opened = await openExport(
    {
      queries,
      versions,
      maxRows: crossTab ? Math.min(settings.exportMaxRows, CROSS_TAB_MAX_ROWS) : settings.exportMaxRows,
    },
    options.spec,
    options.context,
    abort.signal,
  );
  const source = crossTab ? await crossTabSource(opened) : opened;
  const now = new Date();
  const file = exportFileName(source.dataset.id, options.format, now);
  await recordAudit(request, 'export', {
    target: source.dataset.id,
    details: { format: options.format, spec: options.spec as QuerySpec, ...options.audit },
  });
  reply
    .header('content-type', EXPORT_CONTENT_TYPES[options.format])
    .header('content-disposition', `attachment; filename="${file}"`)
    .header('cache-control', 'no-store');
  return reply.send(options.format === 'csv' ? Readable.from(csvChunks(source)) : xlsxStream(source, now));
}
