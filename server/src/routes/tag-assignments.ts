import { IdParam, SafeText } from '@dataetat/widgets';
import Type from 'typebox';
import { recordAudit } from '../audit/record.ts';
import { identityOf } from '../auth/context.ts';
import { type ApiPlugin, emptyAnswer } from '../plugins/contracts.ts';
import type { StoredBatch } from '../tags/assignments.ts';
import { CSV_HEADER, TAG_SEPARATOR } from '../tags/csv.ts';
import {
  MAX_FILE_LINES,
  MAX_MANUAL_BENEFICIARIES,
  MAX_MANUAL_LINES,
  MAX_TAGS_PER_TARGET,
} from '../tags/manual.ts';
import { TAG_CODE_RE } from '../tags/rules.ts';

const tags = ['Administration'];
const closed = { additionalProperties: false } as const;

/** Characters of an uploaded CSV (10 000 lines of a few tags take well under half). */
export const MAX_CSV_CHARS = 1_000_000;

const fileBody = Type.Object(
  {
    fileName: SafeText({ minLength: 1, maxLength: 200 }),
    content: Type.String({
      maxLength: MAX_CSV_CHARS,
      description: `Le fichier CSV en texte (UTF-8) : en-tête \`${CSV_HEADER.join(';')}\`, séparateur \`;\`, étiquettes séparées par \`${TAG_SEPARATOR}\`.`,
    }),
  },
  closed,
);

const beneficiaryBody = Type.Object(
  {
    beneficiary: Type.String({
      pattern: '^(?:[0-9]{9}|[0-9]{14})$',
      description: 'SIRET (14 chiffres : cet établissement) ou SIREN (9 chiffres : tous ses établissements).',
    }),
    tags: Type.Array(Type.String({ minLength: 2, maxLength: 40, pattern: TAG_CODE_RE.source }), {
      minItems: 1,
      maxItems: MAX_TAGS_PER_TARGET,
      uniqueItems: true,
    }),
  },
  closed,
);

const amounts = Type.Array(
  Type.Object({ measure: Type.String(), label: Type.String(), value: Type.Number() }, closed),
);

const problem = Type.Object(
  { line: Type.Integer(), column: Type.String(), value: Type.String(), reason: Type.String() },
  closed,
);

const fileAnalysis = Type.Object(
  {
    fileName: Type.String(),
    linesRead: Type.Integer({ description: 'Lignes lues après l’en-tête.' }),
    linesValid: Type.Integer(),
    matched: Type.Integer({ description: 'Lignes du fichier dont l’EJ et le poste sont dans les données.' }),
    dataLines: Type.Integer({ description: 'Lignes Chorus qu’elles désignent.' }),
    amounts,
    tags: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          label: Type.String(),
          isNew: Type.Boolean({ description: 'Aucune règle ne pose ce code.' }),
          lines: Type.Integer(),
          matched: Type.Integer(),
          amounts,
        },
        closed,
      ),
    ),
    unmatched: Type.Array(
      Type.Object({ line: Type.Integer(), ej: Type.String(), poste: Type.Integer() }, closed),
      {
        description:
          'Premières lignes sans correspondance (gardées : elles s’appliqueront si ces EJ arrivent).',
      },
    ),
    unmatchedTotal: Type.Integer(),
    problems: Type.Array(problem, { description: 'Premières erreurs (100 au plus).' }),
    problemsTotal: Type.Integer(),
  },
  closed,
);

const previewDataset = Type.Object(
  {
    dataset: Type.String(),
    title: Type.String(),
    lines: Type.Integer(),
    totalLines: Type.Integer(),
    amounts,
  },
  closed,
);

const beneficiaryAnalysis = Type.Object(
  {
    identifier: Type.String(),
    kind: Type.Enum(['siret', 'siren']),
    tags: Type.Array(
      Type.Object({ code: Type.String(), label: Type.String(), isNew: Type.Boolean() }, closed),
    ),
    datasets: Type.Array(previewDataset),
    matched: Type.Integer(),
  },
  closed,
);

const batchAnswer = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.Enum(['fichier', 'beneficiaire']),
    fileName: Type.Union([Type.String(), Type.Null()]),
    beneficiary: Type.Union([Type.String(), Type.Null()]),
    authorEmail: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    label: Type.String({ description: 'Ce que la colonne « Origine de l’étiquette » des lignes en dit.' }),
    tags: Type.Array(Type.String()),
    assignments: Type.Integer(),
    report: Type.Object(
      {
        lines: Type.Integer(),
        matched: Type.Integer({ description: 'Lignes qui correspondaient aux données à l’enregistrement.' }),
        newTags: Type.Array(Type.String()),
      },
      closed,
    ),
  },
  closed,
);

const toAnswer = (batch: StoredBatch) => ({
  id: batch.id,
  kind: batch.kind,
  fileName: batch.fileName,
  beneficiary: batch.beneficiary,
  authorEmail: batch.authorEmail,
  createdAt: batch.createdAt.toISOString(),
  label: batch.label,
  tags: [...batch.tags],
  assignments: batch.assignments,
  report: { ...batch.report, newTags: [...batch.report.newTags] },
});

/** Enough for 1 000 000 characters of CSV escaped in JSON. */
const BODY_LIMIT = 3 * 1024 * 1024;

/**
 * « Administration › Politiques publiques »: tags given by hand, administrators only — a CSV of
 * Chorus lines or one beneficiary, previewed (nothing saved), saved whole or refused whole,
 * listed, deleted. Saving changes no data: `POST /tag-rules/application` merges them with the
 * rules. Journalised.
 */
export const tagAssignmentRoutes: ApiPlugin = async (app) => {
  const service = app.services.tagAssignments;
  const actorOf = (request: Parameters<typeof identityOf>[0]) => {
    const { user } = identityOf(request);
    return { id: user.id, email: user.email };
  };

  app.get(
    '/tag-assignments',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Affectations manuelles d’étiquettes',
        description:
          'Les affectations enregistrées (fichiers et bénéficiaires), les plus récentes d’abord, et leurs limites.',
        response: {
          200: Type.Object(
            {
              batches: Type.Array(batchAnswer),
              limits: Type.Object(
                {
                  fileLines: Type.Integer(),
                  fileChars: Type.Integer(),
                  lines: Type.Integer(),
                  beneficiaries: Type.Integer(),
                  tagsPerTarget: Type.Integer(),
                },
                closed,
              ),
            },
            closed,
          ),
        },
      },
    },
    async () => ({
      batches: (await service.list()).map(toAnswer),
      limits: {
        fileLines: MAX_FILE_LINES,
        fileChars: MAX_CSV_CHARS,
        lines: MAX_MANUAL_LINES,
        beneficiaries: MAX_MANUAL_BENEFICIARIES,
        tagsPerTarget: MAX_TAGS_PER_TARGET,
      },
    }),
  );

  app.post(
    '/tag-assignments/csv/preview',
    {
      config: { access: 'admin' },
      bodyLimit: BODY_LIMIT,
      schema: {
        tags,
        summary: 'Aperçu d’un fichier d’étiquettes',
        description: `Lit et vérifie un CSV \`${CSV_HEADER.join(';')}\` (étiquettes séparées par \`${TAG_SEPARATOR}\`) et dit ce qu’il étiquetterait — lignes lues, lignes trouvées dans Chorus, euros, par étiquette — et chaque erreur (ligne, colonne, valeur, motif), sans rien enregistrer.`,
        body: fileBody,
        response: { 200: fileAnalysis },
      },
    },
    async (request) => {
      const { parsed: _, ...analysis } = await service.analyseFile(
        request.body.fileName,
        request.body.content,
      );
      return analysis;
    },
  );

  app.post(
    '/tag-assignments/csv',
    {
      config: { access: 'admin' },
      bodyLimit: BODY_LIMIT,
      schema: {
        tags,
        summary: 'Enregistrer un fichier d’étiquettes',
        description:
          'Tout ou rien : une seule ligne en erreur refuse le fichier (422 `TAG_ASSIGNMENTS_INVALID`, les erreurs dans `details.problems`). Les lignes sans correspondance dans Chorus sont gardées et comptées. Ne change pas les données : « appliquer » les recalcule. Journalisé.',
        body: fileBody,
        response: { 201: Type.Object({ batch: batchAnswer, analysis: fileAnalysis }, closed) },
      },
    },
    async (request, reply) => {
      const { batch, analysis } = await service.saveFile(
        request.body.fileName,
        request.body.content,
        actorOf(request),
      );
      await recordAudit(request, 'tag_assignments_created', {
        target: String(batch.id),
        details: {
          fichier: batch.fileName,
          lignes: analysis.linesValid,
          lignesTrouvees: analysis.matched,
          etiquettes: [...batch.tags],
        },
      });
      return reply.status(201).send({ batch: toAnswer(batch), analysis });
    },
  );

  app.post(
    '/tag-assignments/beneficiary/preview',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Aperçu des étiquettes d’un bénéficiaire',
        description:
          'Lignes et euros du SIRET (ou de tous les établissements du SIREN) dans chaque jeu qui nomme ses bénéficiaires, sans rien enregistrer.',
        body: beneficiaryBody,
        response: { 200: beneficiaryAnalysis },
      },
    },
    async (request) => service.analyseBeneficiary(request.body.beneficiary, request.body.tags),
  );

  app.post(
    '/tag-assignments/beneficiary',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Étiqueter un bénéficiaire',
        description:
          'Enregistre les étiquettes d’un SIRET ou d’un SIREN, valables dans chaque jeu qui nomme ses bénéficiaires ; un bénéficiaire absent des données est gardé (0 ligne, dit dans la réponse). Ne change pas les données : « appliquer » les recalcule. Journalisé.',
        body: beneficiaryBody,
        response: { 201: Type.Object({ batch: batchAnswer, analysis: beneficiaryAnalysis }, closed) },
      },
    },
    async (request, reply) => {
      const { batch, analysis } = await service.saveBeneficiary(
        request.body.beneficiary,
        request.body.tags,
        actorOf(request),
      );
      await recordAudit(request, 'tag_assignments_created', {
        target: String(batch.id),
        details: {
          beneficiaire: batch.beneficiary,
          lignesTrouvees: analysis.matched,
          etiquettes: [...batch.tags],
        },
      });
      return reply.status(201).send({ batch: toAnswer(batch), analysis });
    },
  );

  app.delete(
    '/tag-assignments/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Supprimer une affectation manuelle',
        description: 'Ses étiquettes restent sur les lignes jusqu’à la prochaine application. Journalisé.',
        params: IdParam,
        response: { 204: emptyAnswer('Affectation supprimée.') },
      },
    },
    async (request, reply) => {
      const batch = await service.delete(request.params.id);
      await recordAudit(request, 'tag_assignments_deleted', {
        target: String(batch.id),
        details: { origine: batch.label, etiquettes: [...batch.tags] },
      });
      return reply.status(204).send(null);
    },
  );
};
