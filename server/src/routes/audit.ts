import { Readable } from 'node:stream';
import { AUDIT_ACTIONS, AUDIT_PAGE_MAX, auditPageSchema, SafeText } from '@dataetat/widgets';
import Type from 'typebox';
import { auditCsvChunks } from '../audit/csv.ts';
import { type AuditFilter, checkAuditFilter, excludesViews } from '../audit/filter.ts';
import { labelAuditEntries } from '../audit/labels.ts';
import { recordAudit } from '../audit/record.ts';
import { type ApiPlugin, binaryAnswer } from '../plugins/contracts.ts';

const DEFAULT_PAGE_SIZE = 100;
/** Pages a client may ask for: far past any real journal, and keeps OFFSET bounded. */
const MAX_PAGE = 10_000;
/** Entries read (and labelled) at a time by the CSV export. */
const EXPORT_BATCH = 500;

const day = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description });

/** Who, what, when (issue 12); the same for the list and its CSV export. */
const filterFields = {
  actor: Type.Optional(SafeText({ maxLength: 200 })),
  action: Type.Optional(Type.Enum(AUDIT_ACTIONS)),
  outcome: Type.Optional(Type.Enum(['success', 'failure'])),
  from: Type.Optional(day('Premier jour inclus (AAAA-MM-JJ, heure de Paris).')),
  to: Type.Optional(day('Dernier jour inclus (AAAA-MM-JJ, heure de Paris).')),
};

function filterOf(query: AuditFilter): AuditFilter {
  const filter: AuditFilter = {
    ...(query.actor?.trim() && { actor: query.actor.trim() }),
    ...(query.action && { action: query.action }),
    ...(query.outcome && { outcome: query.outcome }),
    ...(query.from && { from: query.from }),
    ...(query.to && { to: query.to }),
  };
  checkAuditFilter(filter);
  return filter;
}

/** The audit journal, newest first, with the daily views of links and embeds; administrators only. */
export const auditRoutes: ApiPlugin = async (app) => {
  const { audit, catalogue, metadata, sharing } = app.services;

  app.get(
    '/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        summary: 'Journal d’audit',
        description:
          'Connexions, exports, changements de comptes, tableaux de bord, partages : les plus récents d’abord, filtrés par auteur (e-mail ou nom contenant `actor`), action, résultat et période (`from`, `to` : jours inclus, heure de Paris), par pages (`page`, `limit` ≤ 500). Les objets sont nommés (`targetLabel`, `grantLabel`). `views` : consultations des liens de partage et des intégrations, cumulées par jour.',
        querystring: Type.Object(
          {
            ...filterFields,
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
            limit: Type.Optional(
              Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: DEFAULT_PAGE_SIZE }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const filter = filterOf(request.query);
      const page = request.query.page ?? 1;
      const pageSize = request.query.limit ?? DEFAULT_PAGE_SIZE;
      const { rows, total } = await audit.page(filter, page, pageSize);
      // Views are not actions: a filter on who, what or the outcome leaves them out.
      const views =
        page > 1 || excludesViews(filter)
          ? []
          : await sharing.viewDays({
              limit: pageSize,
              ...(filter.from && { since: filter.from }),
              ...(filter.to && { until: filter.to }),
            });
      return {
        entries: await labelAuditEntries(metadata.db, catalogue, rows),
        total,
        page,
        pageSize,
        views,
      };
    },
  );

  app.get(
    '/audit/export.csv',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        summary: 'Exporter le journal d’audit en CSV',
        description:
          'Les mêmes filtres que /api/audit ; toutes les entrées retenues, les plus récentes d’abord, en CSV pour Excel (UTF-8 avec BOM, « ; »). L’export est lui-même journalisé.',
        querystring: Type.Object(filterFields, { additionalProperties: false }),
        response: { 200: binaryAnswer('Le fichier CSV, en téléchargement.', ['text/csv; charset=utf-8']) },
      },
    },
    async (request, reply) => {
      const filter = filterOf(request.query);
      // Journalised first, like data exports (export/send.ts): a failed download still leaves a trace.
      await recordAudit(request, 'audit_exported', { details: { filters: filter } });
      const labelled = async function* () {
        for await (const rows of audit.batches(filter, EXPORT_BATCH))
          yield await labelAuditEntries(metadata.db, catalogue, rows);
      };
      const stamp = new Date().toISOString().slice(0, 10);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="journal-audit-${stamp}.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(Readable.from(auditCsvChunks(labelled())));
    },
  );
};
