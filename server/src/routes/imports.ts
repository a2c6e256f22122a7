import { Readable } from 'node:stream';
import { importConfirmBodySchema, importJobAnswerSchema, importListSchema } from '@dataetat/widgets';
import multipart from '@fastify/multipart';
import type { FastifySchemaCompiler } from 'fastify';
import Type, { type TSchema } from 'typebox';
import { identityOf } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { describeImportJob, importReportChunks, regionCodesOf } from '../imports/answer.ts';
import { importActor } from '../imports/service.ts';
import type { ImportJobRow } from '../metadata/schema.ts';
import { type ApiPlugin, binaryAnswer, validatorCompiler } from '../plugins/contracts.ts';

const tags = ['Imports'];
const idParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);
/** Problems given with a job (the report has the rest). */
const PROBLEMS_SHOWN = 20;
const MAX_PAGE = 10_000;

/**
 * The multipart body is read by the handler as a stream (never parsed whole): its schema only
 * documents the form for the OpenAPI document.
 */
const multipartValidator: FastifySchemaCompiler<TSchema> = (route) =>
  route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(route);

/**
 * Imports of data files (issue 11), administrators only: deposit (analysed before anything is
 * written), confirm, follow, report, history. imports/service.ts does the work.
 */
export const importRoutes: ApiPlugin = async (app) => {
  const { imports, settings } = app.services;
  const maxBytes = settings.importMaxMb * 1024 * 1024;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 4, parts: 5 } });

  const answer = async (job: ImportJobRow) => {
    const labels = new Map<string, string | null>();
    for (const code of regionCodesOf(job)) {
      if (!labels.has(code)) labels.set(code, await imports.regionLabel(code));
    }
    const problems = await imports.jobs.storedProblems(job.id, PROBLEMS_SHOWN);
    return {
      job: describeImportJob(job, (code) => (code ? (labels.get(code) ?? null) : null)),
      problems: problems.map(({ kind, line, column, value, reason }) => ({
        kind,
        line,
        column,
        value,
        reason,
      })),
    };
  };

  app.post(
    '/imports',
    {
      config: { access: 'admin' },
      validatorCompiler: multipartValidator,
      schema: {
        tags,
        summary: 'Déposer un fichier à importer',
        description:
          'Formulaire `multipart/form-data`, le fichier dans le champ `fichier` (extraction Chorus : INF-BUD-53 AE ou CP, export national AIFE, variante nation_ej). Reçu en flux, refusé au-delà de DATAETAT_IMPORT_MAX_MB (413 `IMPORT_TOO_LARGE`). Le contenu est identifié avant tout : fichier vide, PDF ou tableur renommé, encodage, disposition inconnue ou colonne manquante donnent 422 `IMPORT_REFUSED` avec le motif (l’import refusé reste dans l’historique, `details.jobId`). Sinon 201 : l’import est créé « analysing » avec la disposition détectée et les premières lignes (`job.preview`), puis toutes les lignes sont lues et vérifiées en arrière-plan (suivre `GET /api/imports/{id}` : compteurs, problèmes, `progress`) jusqu’à « awaiting_confirmation ». Rien n’est écrit dans les données avant la confirmation.',
        consumes: ['multipart/form-data'],
        body: Type.Object({
          fichier: Type.String({ format: 'binary', description: 'Le fichier à importer.' }),
        }),
        response: { 201: importJobAnswerSchema },
      },
    },
    async (request, reply) => {
      const actor = importActor(identityOf(request).user, request.ip);
      let part: Awaited<ReturnType<typeof request.file>>;
      try {
        part = await request.file();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
          throw new AppError('IMPORT_NO_FILE');
        }
        throw error;
      }
      if (!part) throw new AppError('IMPORT_NO_FILE');
      const job = await imports.receive({ fileName: part.filename || 'fichier', file: part.file, actor });
      return reply
        .status(201)
        .header('location', `/api/imports/${job.id}`)
        .send(await answer(job));
    },
  );

  app.post(
    '/imports/:id/confirmation',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Confirmer un import',
        description:
          'Lance l’import d’un fichier analysé (ou encore en cours d’analyse : il partira à la fin de la lecture). `mode` : `tout_ou_rien` (défaut) ou `ignorer_invalides`. `region` : la région que couvre un rapport régional (requise, défaut : la région du compte). Les imports passent un par un ; l’ancien contenu des années et régions couvertes est remplacé d’un seul coup, ou pas du tout. Un fichier déjà importé dont les données sont en place donne le statut `unchanged` : rien n’a changé. Suivre `GET /api/imports/{id}`.',
        params: idParams,
        body: importConfirmBodySchema,
        response: { 200: importJobAnswerSchema },
      },
    },
    async (request) => {
      const actor = importActor(identityOf(request).user, request.ip);
      const job = await imports.confirm(
        request.params.id,
        {
          ...(request.body.mode && { mode: request.body.mode }),
          ...(request.body.region && { region: request.body.region }),
        },
        actor,
      );
      return answer(job);
    },
  );

  app.delete(
    '/imports/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Abandonner un import non confirmé',
        description: 'Ses lignes lues sont oubliées ; il reste dans l’historique, « cancelled ».',
        params: idParams,
        response: { 200: importJobAnswerSchema },
      },
    },
    async (request) =>
      answer(await imports.cancel(request.params.id, importActor(identityOf(request).user, request.ip))),
  );

  app.get(
    '/imports/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Un import : état, avancement, compteurs',
        description:
          '`status` et `phase` (avec leur libellé), `progress` (0 à 1, dans la phase), lignes lues, valides, rejetées, non localisées, premiers problèmes ; après succès, les années et régions remplacées (`slices`).',
        params: idParams,
        response: { 200: importJobAnswerSchema },
      },
    },
    async (request) => answer(await imports.get(request.params.id)),
  );

  app.get(
    '/imports',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Historique des imports',
        description:
          'Qui a importé quoi, quand, avec quel résultat : les plus récents d’abord ; `maxMb` : la taille maximale d’un fichier déposé.',
        querystring: Type.Object(
          {
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: importListSchema },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.limit ?? 50;
      const { rows, total } = await imports.jobs.page(page, pageSize);
      const labels = new Map<string, string | null>();
      for (const code of rows.flatMap(regionCodesOf)) {
        if (!labels.has(code)) labels.set(code, await imports.regionLabel(code));
      }
      return {
        imports: rows.map((job) =>
          describeImportJob(job, (code) => (code ? (labels.get(code) ?? null) : null)),
        ),
        maxMb: settings.importMaxMb,
        total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/imports/:id/rapport.csv',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Rapport d’un import (CSV)',
        description:
          'Une ligne par problème, dans l’ordre du fichier : `Ligne;Colonne;Valeur;Motif` (lignes rejetées, lignes conservées mais non localisées à la commune), en français, pour Excel (UTF-8 avec BOM, « ; »). Les 1 000 premiers problèmes de chaque nature ; une dernière ligne dit combien d’autres ont été comptés.',
        params: idParams,
        response: { 200: binaryAnswer('Le rapport CSV, en téléchargement.', ['text/csv; charset=utf-8']) },
      },
    },
    async (request, reply) => {
      const job = await imports.get(request.params.id);
      const problems = await imports.jobs.storedProblems(job.id);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rapport-import-${job.id}.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(Readable.from(importReportChunks(job, problems)));
    },
  );
};
