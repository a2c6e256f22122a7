import type { FastifyRequest } from 'fastify';
import type { AuditAction, AuditEntry } from './repository.ts';

/**
 * Records an action of the current caller (actor and address taken from the request), e.g.
 * `await recordAudit(request, 'export', { target: spec.dataset, details: { format, rows } })`.
 */
export function recordAudit(
  request: FastifyRequest,
  action: AuditAction,
  fields: Omit<AuditEntry, 'action' | 'ip'> = {},
): Promise<void> {
  const user = request.identity?.user;
  return request.server.services.audit.record({
    actorId: user?.id ?? null,
    actorEmail: user?.email ?? null,
    ...fields,
    action,
    ip: request.ip,
  });
}
