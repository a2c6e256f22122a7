/**
 * The input guard: every JSON body, query string and path parameter meets JSON_LIMITS before
 * any route sees it — depth and size checked on the raw text before parsing, then every text and
 * key without NUL or lone surrogates (the metadata store cannot hold them) — or the request is
 * refused with a French 400 INPUT_INVALID naming the place (JSON pointer). Iterative and linear.
 */
import { JSON_LIMITS, type JsonFault, scanJsonText, scanJsonValue } from '@dataetat/widgets';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

const WHERE = {
  body: 'dans le corps de la requête',
  querystring: 'dans les paramètres de l’adresse',
  params: 'dans le chemin de l’adresse',
} as const;

function refuse(part: keyof typeof WHERE, fault: JsonFault): AppError {
  return new AppError(
    'INPUT_INVALID',
    { reason: fault.reason, where: WHERE[part], path: fault.path || '/' },
    { in: part, path: fault.path, reason: fault.reason },
  );
}

async function inputGuard(app: FastifyInstance): Promise<void> {
  // Fastify's own JSON parser (prototype-poisoning protection kept), behind a raw-text check.
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const fault = scanJsonText(text, JSON_LIMITS);
    if (fault) done(refuse('body', fault), undefined);
    else parseJson(request, text, done);
  });

  app.addHook(
    'preValidation',
    (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
      done(guardFault(request) ?? undefined);
    },
  );
}

/** The first part of the request beyond JSON_LIMITS, as its refusal; null when all are within. */
function guardFault(request: FastifyRequest): AppError | null {
  for (const part of PARTS) {
    const value = part === 'querystring' ? request.query : request[part];
    const fault = value === undefined ? null : scanJsonValue(value, JSON_LIMITS);
    if (fault) return refuse(part, fault);
  }
  // The API reads its query parameters; the web app's pages and embeds leave theirs to the
  // browser, whose dashboard addresses repeat `territoire` for a drill path.
  if (!request.url.startsWith('/api/') && !request.routeOptions.schema?.querystring) return null;
  const repeated = repeatedParameter(request.query);
  if (repeated === null) return null;
  return refuse('querystring', {
    path: `/${repeated}`,
    reason: 'paramètre répété (une seule valeur attendue)',
  });
}

const PARTS = ['params', 'querystring', 'body'] as const;

/**
 * No API route takes a list in its query string: `?a=1&a=2` would reach a handler expecting a
 * text as an array. Refused here once, rather than in every handler.
 */
function repeatedParameter(query: unknown): string | null {
  if (typeof query !== 'object' || query === null) return null;
  for (const [key, value] of Object.entries(query)) if (Array.isArray(value)) return key;
  return null;
}

/**
 * Errors Fastify raises before routing (FST_ERR_BAD_URL: a path that is not valid UTF-8 once
 * percent-decoded, such as an encoded lone surrogate) get the same coded French answer.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const answer =
    error.code === 'FST_ERR_BAD_URL'
      ? refuse('params', { path: '', reason: 'adresse mal encodée (UTF-8 invalide après décodage des %)' })
      : new AppError(error.statusCode !== undefined && error.statusCode < 500 ? 'BAD_REQUEST' : 'INTERNAL');
  if (answer.status >= 500) request.log.error({ err: error }, 'erreur serveur');
  const details = answer.details ? { details: answer.details } : {};
  reply.status(answer.status).send({ error: { code: answer.code, message: answer.message, ...details } });
}

/** Registered at the root (not encapsulated): it guards every route. */
export const inputGuardPlugin = fp(inputGuard, { name: 'input-guard' });
