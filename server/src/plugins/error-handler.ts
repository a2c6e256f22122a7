import { SpecError } from '@dataetat/widgets';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorBody } from '../errors.ts';
import { isStorageFailure } from '../metadata/storage-failure.ts';

/** French messages for the client errors Fastify itself raises. */
const FASTIFY_CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "Le corps de la requête n'est pas un JSON valide.",
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Le corps de la requête est vide alors que du JSON est attendu.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'Type de contenu non pris en charge : envoyez du JSON (content-type: application/json).',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Le corps de la requête est trop volumineux.',
};

/** Freeing disk space or remounting a volume takes an operator: do not ask clients back at once. */
const STORAGE_RETRY_AFTER_SECONDS = 60;
/** A dataset still loading (at start): the web app asks again after this long. */
export const DATA_NOT_LOADED_RETRY_AFTER_SECONDS = 5;

function toBody(error: FastifyError | AppError | SpecError): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const details = error.details ? { details: error.details } : {};
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, ...details } },
    };
  }
  if (error instanceof SpecError) {
    return {
      status: 400,
      body: {
        error: { code: error.code, message: error.message, details: { path: error.path, ...error.details } },
      },
    };
  }
  const status = error.statusCode ?? 500;
  // Disk full or read-only store: nothing was written, and retrying later may work.
  if (status >= 500 && isStorageFailure(error)) return toBody(new AppError('STORAGE_UNAVAILABLE'));
  if (status < 500) {
    const message = FASTIFY_CLIENT_ERRORS[error.code] ?? 'Requête invalide.';
    return { status, body: { error: { code: error.code ?? 'BAD_REQUEST', message } } };
  }
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'Erreur interne du serveur. L’incident a été journalisé.' } },
  };
}

/** One handler for every error: coded French messages, 5xx details only in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | SpecError, request, reply) => {
    const { status, body } = toBody(error);
    // A coded 503 (overload, not ready) is an expected state; the others are incidents.
    const expected = error instanceof AppError && error.status === 503;
    if (status >= 500 && !expected) request.log.error({ err: error }, 'erreur serveur');
    else request.log.info({ code: body.error.code }, body.error.message);
    if (body.error.code === 'STORAGE_UNAVAILABLE') reply.header('Retry-After', STORAGE_RETRY_AFTER_SECONDS);
    if (body.error.code === 'DATA_NOT_LOADED')
      reply.header('Retry-After', DATA_NOT_LOADED_RETRY_AFTER_SECONDS);
    return reply.status(status).send(body);
  });
}
