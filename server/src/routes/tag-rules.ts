import { IdParam, SafeText } from '@dataetat/widgets';
import Type from 'typebox';
import { recordAudit } from '../audit/record.ts';
import { identityOf } from '../auth/context.ts';
import { type ApiPlugin, emptyAnswer } from '../plugins/contracts.ts';
import type { StoredTagRule } from '../tags/repository.ts';
import { conditionField, TAG_CODE_RE, type TagRuleInput } from '../tags/rules.ts';
import { TAGGED_TABLES } from '../tags/tables.ts';

const tags = ['Administration'];
const closed = { additionalProperties: false } as const;

const conditionSchema = Type.Object(
  {
    field: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }),
    op: Type.Enum(['in', 'starts_with', 'between']),
    values: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 5_000 }),
    source: Type.Optional(SafeText({ maxLength: 200 })),
  },
  closed,
);

const ruleBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 40, pattern: TAG_CODE_RE.source }),
    label: SafeText({ minLength: 1, maxLength: 80 }),
    description: SafeText({ maxLength: 500 }),
    targets: Type.Array(
      Type.Object(
        {
          dataset: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }),
          conditions: Type.Array(conditionSchema, { maxItems: 10 }),
        },
        closed,
      ),
      { minItems: 1, maxItems: 10 },
    ),
  },
  closed,
);

const ruleAnswer = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String(),
    label: Type.String(),
    description: Type.String(),
    targets: Type.Array(
      Type.Object(
        {
          dataset: Type.String(),
          conditions: Type.Array(
            Type.Object(
              {
                field: Type.String(),
                op: Type.String(),
                values: Type.Array(Type.String()),
                source: Type.Optional(Type.String()),
              },
              closed,
            ),
          ),
        },
        closed,
      ),
    ),
    updatedBy: Type.Union([Type.Integer(), Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  closed,
);

const fieldsAnswer = Type.Array(
  Type.Object(
    {
      dataset: Type.String(),
      title: Type.String(),
      fields: Type.Array(Type.Object({ id: Type.String(), label: Type.String() }, closed)),
    },
    closed,
  ),
);

const previewAnswer = Type.Object(
  {
    datasets: Type.Array(
      Type.Object(
        {
          dataset: Type.String(),
          title: Type.String(),
          lines: Type.Integer(),
          totalLines: Type.Integer(),
          amounts: Type.Array(
            Type.Object({ measure: Type.String(), label: Type.String(), value: Type.Number() }, closed),
          ),
        },
        closed,
      ),
    ),
  },
  closed,
);

const toAnswer = (rule: StoredTagRule) => ({ ...rule, updatedAt: rule.updatedAt.toISOString() });
const asInput = (body: TagRuleInput): TagRuleInput => ({
  ...body,
  label: body.label.trim(),
  targets: body.targets.map((t) => ({
    dataset: t.dataset,
    conditions: t.conditions.map((c) => ({ ...c, values: c.values.map((v) => v.trim()) })),
  })),
});

/**
 * « Administration › Politiques publiques »: tagging rules, administrators only. Saving a rule
 * changes no data; `POST /tag-rules/application` recomputes every tagged dataset. Journalised.
 */
export const tagRuleRoutes: ApiPlugin = async (app) => {
  const service = app.services.tags;

  app.get(
    '/tag-rules',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Règles d’étiquetage (politiques publiques)',
        description: 'Les règles, et pour chaque jeu étiqueté les champs qu’une condition peut tester.',
        response: {
          200: Type.Object(
            {
              rules: Type.Array(ruleAnswer),
              version: Type.String({
                description:
                  'Empreinte des règles et des affectations manuelles, à rendre pour les appliquer.',
              }),
              datasets: fieldsAnswer,
            },
            closed,
          ),
        },
      },
    },
    async () => {
      const rules = await service.list();
      return {
        rules: rules.map(toAnswer),
        version: await service.version(),
        // Tagged from their own lines (financements_publics copies its sources' tags).
        datasets: TAGGED_TABLES.map((t) => t.dataset).map((d) => ({
          dataset: d.id,
          title: d.title,
          fields: d.dimensions.filter(conditionField).map((x) => ({ id: x.id, label: x.label })),
        })),
      };
    },
  );

  app.post(
    '/tag-rules/preview',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Aperçu d’une règle',
        description:
          'Lignes et montants que la règle étiquetterait, par jeu de données, sans rien enregistrer.',
        body: ruleBody,
        response: { 200: previewAnswer },
      },
    },
    async (request) => ({ datasets: await service.preview(asInput(request.body)) }),
  );

  app.post(
    '/tag-rules',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Créer une règle',
        description: 'Enregistrée sans changer les données : « appliquer » les recalcule. Journalisé.',
        body: ruleBody,
        response: { 201: Type.Object({ rule: ruleAnswer }, closed) },
      },
    },
    async (request, reply) => {
      const rule = await service.create(asInput(request.body), identityOf(request).user.id);
      await recordAudit(request, 'tag_rule_created', { target: rule.code, details: { id: rule.id } });
      return reply.status(201).send({ rule: toAnswer(rule) });
    },
  );

  app.put(
    '/tag-rules/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Modifier une règle',
        description: 'Enregistrée sans changer les données : « appliquer » les recalcule. Journalisé.',
        params: IdParam,
        body: ruleBody,
        response: { 200: Type.Object({ rule: ruleAnswer }, closed) },
      },
    },
    async (request) => {
      const rule = await service.update(
        request.params.id,
        asInput(request.body),
        identityOf(request).user.id,
      );
      await recordAudit(request, 'tag_rule_updated', { target: rule.code, details: { id: rule.id } });
      return { rule: toAnswer(rule) };
    },
  );

  app.delete(
    '/tag-rules/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Supprimer une règle',
        description: 'Ses étiquettes restent sur les lignes jusqu’à la prochaine application. Journalisé.',
        params: IdParam,
        response: { 204: emptyAnswer('Règle supprimée.') },
      },
    },
    async (request, reply) => {
      const rule = await service.delete(request.params.id);
      await recordAudit(request, 'tag_rule_deleted', { target: rule.code, details: { id: rule.id } });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/tag-rules/application',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Appliquer les règles',
        description:
          'Recalcule les étiquettes de tous les jeux étiquetés, règles et affectations manuelles ensemble, d’un seul remplacement atomique ; la version des données change (les caches se renouvellent). `version` : celle lue (GET), refusée (409) si les règles ou les affectations ont changé depuis. Journalisé.',
        body: Type.Object(
          { version: Type.String({ minLength: 64, maxLength: 64, pattern: '^[0-9a-f]+$' }) },
          closed,
        ),
        response: {
          200: Type.Object(
            {
              ms: Type.Integer(),
              datasets: Type.Array(
                Type.Object(
                  {
                    dataset: Type.String(),
                    lines: Type.Integer(),
                    tagged: Type.Integer({ description: 'Lignes portant au moins une étiquette.' }),
                    byHand: Type.Integer({
                      description: 'Dont lignes portant une étiquette donnée à la main.',
                    }),
                  },
                  closed,
                ),
              ),
            },
            closed,
          ),
        },
      },
    },
    async (request) => {
      const applied = await service.apply(request.body.version);
      await recordAudit(request, 'tag_rules_applied', {
        details: {
          ms: applied.ms,
          datasets: applied.datasets.map(
            (d) => `${d.dataset}: ${d.tagged}/${d.lines} (${d.byHand} à la main)`,
          ),
        },
      });
      return { ms: applied.ms, datasets: [...applied.datasets] };
    },
  );
};
