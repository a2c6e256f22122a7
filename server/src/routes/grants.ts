/**
 * Reading through a grant, without a session (ADR 0003): a share link (`/api/links/:token/…`)
 * or an embed (`/api/embed/…`, token in `Authorization: Bearer`). Every request resolves the
 * grant and opens it with its creator's rights of the moment (grant-context.ts; on PGlite what
 * it reads is kept only until the store's next write, opened-grants.ts), so revocation, expiry
 * and a narrowed creator act on the next request.
 * Queries name a widget of the grant and must stay within it; the grant's locked filters and
 * territory are added by the compiler after validation. Answers are never stored (no-store),
 * requests are rate-limited per token, and embed calls answer CORS for the embed's origins only.
 */
import { createHash } from 'node:crypto';
import {
  applyDashboardFilters,
  assertSpecWithinWidget,
  type Catalogue,
  type DashboardDefinition,
  type DashboardFilterValue,
  type FilterSpec,
  fieldValuesSchema,
  GrantScopeError,
  grantedDashboardSchema,
  IDENTIFIER_PATTERN,
  type QuerySpec,
  queryResultSchema,
  querySpecSchema,
  SpecError,
  TERRITOIRE_LEVELS,
  validateSpecShape,
  validationReason,
} from '@dataetat/widgets';
import type { FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import Type, { type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { AppError } from '../errors.ts';
import { parseExportFormat, sendExport } from '../export/send.ts';
import { type ApiPlugin, plainJsonSerializer, validatorCompiler } from '../plugins/contracts.ts';
import { answerQuery } from '../query/answer.ts';
import { fieldValues } from '../query/field-values.ts';
import {
  type Grant,
  type GrantDeps,
  type GrantView,
  openGrant,
  resolveEmbed,
  resolveLink,
} from '../sharing/grant-context.ts';
import { grantedDashboard, grantedDatasets, grantedDefinition, grantedWidget } from '../sharing/granted.ts';
import { OpenedGrants } from '../sharing/opened-grants.ts';
import { exportAnswer, exportFormatQuery } from './export.ts';
import { valuesQuerySchema } from './values.ts';

const closed = { additionalProperties: false } as const;
const tokenParams = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100, description: 'Le jeton du lien (/s/<jeton>).' }) },
  closed,
);
const field = { dataset: Type.String({ maxLength: 100 }), field: Type.String({ maxLength: 200 }) };
const linkValuesParams = Type.Object({ ...tokenParams.properties, ...field }, closed);
const embedValuesParams = Type.Object(field, closed);
const widgetId = Type.String({ minLength: 1, maxLength: 100, pattern: IDENTIFIER_PATTERN });
const grantQueryBody = Type.Object(
  {
    widgetId: { ...widgetId, description: 'Le widget du partage dont la requête est demandée.' },
    spec: querySpecSchema,
  },
  closed,
);
type GrantQueryBody = { widgetId: string; spec: QuerySpec };

/** The envelope, checked before the spec (whose validator has its own bounds and errors). */
const envelope = Compile(Type.Object({ widgetId, spec: Type.Object({}) }, closed));

/**
 * `{widgetId, spec}`: the envelope by TypeBox (400 BAD_REQUEST), the spec by the spec validator
 * (400 SPEC_INVALID with its path under `/spec`), as `/api/query` checks its body.
 */
const grantBodyValidator: FastifySchemaCompiler<TSchema> = (route) => {
  if (route.httpPart !== 'body') return validatorCompiler(route);
  return (input: unknown) => {
    if (!envelope.Check(input)) {
      const { path, reason } = validationReason(envelope.Errors(input) as TLocalizedValidationError[]);
      const where = path ? `corps de la requête, « ${path} »` : 'corps de la requête';
      return { error: new AppError('BAD_REQUEST', { where, reason }, { in: 'body', path, reason }) };
    }
    const body = input as { widgetId: string; spec: unknown };
    try {
      return { value: { widgetId: body.widgetId, spec: validateSpecShape(body.spec) } };
    } catch (error) {
      if (error instanceof SpecError) {
        return { error: new SpecError(error.code, `/spec${error.path}`, error.details ?? {}) };
      }
      throw error;
    }
  };
};

const BEARER = /^Bearer ([A-Za-z0-9_.-]{1,16384})$/;

/** The embed token of `Authorization: Bearer <token>`; anything else opens nothing. */
function bearerToken(request: FastifyRequest): string {
  const match = BEARER.exec(request.headers.authorization ?? '');
  if (!match?.[1]) throw new AppError('GRANT_NOT_FOUND');
  return match[1];
}

/** A token's rate-limit bucket: its hash, so the limiter's memory holds no usable token. */
const bucketOf = (token: string) => `grant:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;

/** The app's own origin as the browser names it (`https://host[:port]`). */
const ownOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * Embed calls from another site: allowed for the embed's origins (answered with that origin in
 * Access-Control-Allow-Origin, no credentials), refused for any other. Without an Origin header
 * (server to server) or from the app itself, nothing to check.
 */
function checkOrigin(request: FastifyRequest, reply: FastifyReply, grant: Grant): void {
  const origin = request.headers.origin;
  if (origin === undefined || origin === ownOrigin(request)) return;
  if (!grant.allowedOrigins.includes(origin)) throw new AppError('EMBED_ORIGIN_FORBIDDEN', { origin });
  reply
    .header('access-control-allow-origin', origin)
    // The export's file name must reach the host page's script; the answer depends on Origin.
    .header('access-control-expose-headers', 'Content-Disposition')
    .header('vary', 'Origin');
}

/** A GrantScopeError (pure check) as the API's coded 403, its path under the body's `/spec`. */
function assertWithin(view: GrantView, body: GrantQueryBody, catalogue: Catalogue): void {
  const widget = grantedWidget(view, body.widgetId);
  const dataset = catalogue.get(widget.query.dataset);
  if (!dataset) throw new AppError('DATASET_NOT_FOUND', { id: widget.query.dataset });
  try {
    assertSpecWithinWidget(body.spec, widget, dataset);
  } catch (error) {
    if (error instanceof GrantScopeError) {
      throw new AppError(
        'GRANT_OUT_OF_RESOURCE',
        { reason: `${error.reason}.` },
        { path: `/spec${error.path}` },
      );
    }
    throw error;
  }
}

/** A placeholder value of a dashboard filter, to learn which field it targets in a dataset. */
function probeValues(definition: DashboardDefinition): DashboardFilterValue[] {
  return definition.filters.flatMap((filter): DashboardFilterValue[] => {
    switch (filter.kind) {
      case 'annee':
        return [{ id: filter.id, kind: 'annee', value: [0] }];
      case 'territoire':
        return TERRITOIRE_LEVELS.map((level) => ({
          id: filter.id,
          kind: 'territoire' as const,
          value: { level, code: '-', label: '' },
        }));
      default:
        return [{ id: filter.id, kind: filter.kind, value: ['-'] }];
    }
  });
}

/**
 * The fields whose values a grant's pickers may list in a dataset: those its widgets show or
 * filter on, those its dashboard filters target, and the embed's host filters (restricted to
 * their allowed values). Anything else of the dataset stays unlisted.
 */
function valuesFilter(
  view: GrantView,
  datasetId: string,
  fieldId: string,
  catalogue: readonly { id: string; dimensions: readonly { id: string; type: string; level?: string }[] }[],
): FilterSpec[] {
  const refuse = () =>
    new AppError(
      'GRANT_OUT_OF_RESOURCE',
      { reason: `les valeurs de « ${fieldId} » dans « ${datasetId} » ne font pas partie de ce partage.` },
      { path: '/field' },
    );
  if (!grantedDatasets(view).includes(datasetId)) throw refuse();
  const definition = grantedDefinition(view);
  const fields = new Set<string>();
  for (const widget of definition.widgets) {
    if (widget.query?.dataset !== datasetId) continue;
    for (const id of widget.query.dimensions ?? []) fields.add(id);
    for (const filter of widget.query.filters ?? []) fields.add(filter.field);
    const probed = applyDashboardFilters(widget.query, probeValues(definition), catalogue).query;
    for (const filter of probed?.filters ?? []) fields.add(filter.field);
  }
  const host = view.grant.hostFilters.find((f) => f.field === fieldId);
  if (host?.values) return [{ field: fieldId, op: 'in', values: [...host.values] }];
  if (!host && !fields.has(fieldId)) throw refuse();
  return [];
}

/**
 * `config.rateLimit` of a route reached through a grant: `max` requests a minute per token (its
 * hash, never the token itself), per address when no token can be read; French 429.
 */
export function perTokenRateLimit(max: number, tokenOf: (request: FastifyRequest) => string) {
  return {
    max,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => {
      try {
        return bucketOf(tokenOf(request));
      } catch {
        return `grant-ip:${request.ip}`;
      }
    },
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
      new AppError('GRANT_RATE_LIMITED', { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  };
}

export const grantRoutes: ApiPlugin = async (app) => {
  const { services } = app;
  const { sharing, embedTokens: tokens } = services;
  const deps: GrantDeps = {
    dashboards: services.dashboards,
    opened: new OpenedGrants(services.metadata.writeGeneration),
  };
  const catalogueList = () => [...services.catalogue.values()];

  const rateLimit = (tokenOf: (request: FastifyRequest) => string) =>
    perTokenRateLimit(services.settings.grantRateLimit, tokenOf);
  const linkToken = (request: FastifyRequest) => (request.params as { token: string }).token;
  const linkConfig = { access: 'public' as const, rateLimit: rateLimit(linkToken) };
  const embedConfig = { access: 'public' as const, rateLimit: rateLimit(bearerToken) };

  const openLink = async (request: FastifyRequest) =>
    openGrant(deps, await resolveLink(sharing, linkToken(request), deps.opened), request.identity);
  const openEmbed = async (request: FastifyRequest, reply: FastifyReply) => {
    const grant = await resolveEmbed(sharing, tokens, bearerToken(request), deps.opened);
    checkOrigin(request, reply, grant);
    return openGrant(deps, grant, request.identity);
  };

  /**
   * What a grant answers, whichever way it is opened (a link's token in the path, an embed's as
   * Bearer): its resource (counted as a view), its widgets' queries and exports (kept within the
   * widget), the values of its filter lists.
   */
  const answersOf = (
    kind: 'link' | 'embed',
    open: (request: FastifyRequest, reply: FastifyReply) => Promise<GrantView>,
  ) => ({
    resource: async (request: FastifyRequest, reply: FastifyReply) => {
      const view = await open(request, reply);
      await sharing.recordView(kind, view.grant.id);
      return grantedDashboard(services, view);
    },
    query: async (request: FastifyRequest, reply: FastifyReply) => {
      const view = await open(request, reply);
      const body = request.body as GrantQueryBody;
      assertWithin(view, body, services.catalogue);
      return answerQuery(app, request, reply, body.spec, view.context);
    },
    export: async (request: FastifyRequest, reply: FastifyReply) => {
      const format = parseExportFormat((request.query as { format?: string }).format);
      const view = await open(request, reply);
      const body = request.body as GrantQueryBody;
      assertWithin(view, body, services.catalogue);
      return sendExport(request, reply, {
        spec: body.spec,
        context: view.context,
        format,
        audit: { grant: { kind, id: view.grant.id } },
      });
    },
    values: async (request: FastifyRequest, reply: FastifyReply) => {
      const view = await open(request, reply);
      const { dataset, field: fieldId } = request.params as { dataset: string; field: string };
      const filters = valuesFilter(view, dataset, fieldId, catalogueList());
      return fieldValues(
        services,
        { datasetId: dataset, field: fieldId, query: request.query as Static<typeof valuesQuerySchema> },
        view.context,
        filters,
      );
    },
  });
  const link = answersOf('link', (request) => openLink(request));
  const embed = answersOf('embed', openEmbed);

  // Whatever a grant answers depends on rights of the moment: never kept by a browser or proxy.
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    // Error bodies hold no data: a host page may read why (expired, revoked, unknown token).
    const origin = request.headers.origin;
    if (
      request.url.startsWith('/api/embed/') &&
      reply.statusCode >= 400 &&
      origin !== undefined &&
      !reply.hasHeader('access-control-allow-origin')
    ) {
      reply.header('access-control-allow-origin', origin);
    }
    if (request.url.startsWith('/api/embed/')) reply.header('vary', 'Origin');
    return payload;
  });

  const tags = ['Partage'];
  const resourceDescription =
    'Le tableau de bord tel que son auteur le voit maintenant (un seul widget pour une intégration de widget), les conditions du partage et les jeux de données utilisés. Chaque lecture compte une consultation.';
  const queryDescription =
    'Le corps {widgetId, spec} : la requête d’un widget du partage, telle que la page l’envoie (filtres globaux, exploration, filtrage croisé) ; elle doit rester dans le widget (GRANT_OUT_OF_RESOURCE sinon). Le territoire de l’auteur et les filtres verrouillés s’ajoutent côté serveur.';

  // Share links -------------------------------------------------------------------------------

  app.get(
    '/links/:token',
    {
      config: linkConfig,
      schema: {
        tags,
        summary: 'Ouvrir un lien de partage',
        description: resourceDescription,
        params: tokenParams,
        response: { 200: grantedDashboardSchema },
      },
    },
    link.resource,
  );

  app.post(
    '/links/:token/query',
    {
      config: linkConfig,
      validatorCompiler: grantBodyValidator,
      serializerCompiler: plainJsonSerializer,
      schema: {
        tags,
        summary: 'Interroger un widget d’un lien de partage',
        description: queryDescription,
        params: tokenParams,
        body: grantQueryBody,
        response: { 200: queryResultSchema },
      },
    },
    link.query,
  );

  app.post(
    '/links/:token/export',
    {
      config: linkConfig,
      validatorCompiler: grantBodyValidator,
      schema: {
        tags,
        summary: 'Exporter un widget d’un lien de partage',
        description: 'Le même corps que la requête ; CSV ou classeur Excel, journalisé.',
        params: tokenParams,
        querystring: exportFormatQuery,
        body: grantQueryBody,
        response: { 200: exportAnswer },
      },
    },
    link.export,
  );

  app.get(
    '/links/:token/values/:dataset/:field',
    {
      config: linkConfig,
      schema: {
        tags,
        summary: 'Valeurs d’un champ (listes de filtres d’un lien de partage)',
        params: linkValuesParams,
        querystring: valuesQuerySchema,
        response: { 200: fieldValuesSchema },
      },
    },
    link.values,
  );

  // Embeds ------------------------------------------------------------------------------------

  // CORS preflight: the token is not sent with it, so the real request checks the origin.
  app.options(
    '/embed/*',
    {
      config: { access: 'public' },
      // The browser's, not an operation of the API: left out of its documentation.
      schema: { hide: true },
    },
    async (request, reply) => {
      const origin = request.headers.origin;
      if (origin !== undefined) reply.header('access-control-allow-origin', origin);
      return reply
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'Authorization, Content-Type')
        .header('access-control-max-age', '600')
        .status(204)
        .send();
    },
  );

  app.get(
    '/embed/resource',
    {
      config: embedConfig,
      schema: {
        tags,
        summary: 'Ouvrir une intégration',
        description: `${resourceDescription} Jeton dans l’en-tête Authorization: Bearer.`,
        response: { 200: grantedDashboardSchema },
      },
    },
    embed.resource,
  );

  app.post(
    '/embed/query',
    {
      config: embedConfig,
      validatorCompiler: grantBodyValidator,
      serializerCompiler: plainJsonSerializer,
      schema: {
        tags,
        summary: 'Interroger un widget d’une intégration',
        description: `${queryDescription} Jeton dans l’en-tête Authorization: Bearer.`,
        body: grantQueryBody,
        response: { 200: queryResultSchema },
      },
    },
    embed.query,
  );

  app.post(
    '/embed/export',
    {
      config: embedConfig,
      validatorCompiler: grantBodyValidator,
      schema: {
        tags,
        summary: 'Exporter un widget d’une intégration',
        description: 'Le même corps que la requête ; CSV ou classeur Excel, journalisé.',
        querystring: exportFormatQuery,
        body: grantQueryBody,
        response: { 200: exportAnswer },
      },
    },
    embed.export,
  );

  app.get(
    '/embed/values/:dataset/:field',
    {
      config: embedConfig,
      schema: {
        tags,
        summary: 'Valeurs d’un champ (listes de filtres d’une intégration)',
        params: embedValuesParams,
        querystring: valuesQuerySchema,
        response: { 200: fieldValuesSchema },
      },
    },
    embed.values,
  );
};
