import type { SecurityContext } from '@dataetat/widgets';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Identity } from './plugin.ts';

/** The signed-in caller; throws AUTH_REQUIRED on a route that forgot to require a session. */
export function identityOf(request: FastifyRequest): Identity {
  if (!request.identity) throw new AppError('AUTH_REQUIRED');
  return request.identity;
}

/**
 * The security context every query of this request must run under: the caller's territorial
 * scope (région code or NAT). The compiler appends it after validation, so no spec removes it.
 */
export function securityContextOf(request: FastifyRequest): SecurityContext {
  return { scope: identityOf(request).user.scope };
}
