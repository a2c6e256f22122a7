import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import type { Metrics } from './metrics.ts';

/** Requests no route matched share one label: unknown URLs must not grow the series without bound. */
const UNMATCHED_ROUTE = 'non trouvée';

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Times every answer by route pattern (not URL). A root hook: added before the routes' plugins
 * are registered, so that every one of them inherits it.
 */
export function timeRequests(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.request(
      request.method,
      request.routeOptions.url ?? UNMATCHED_ROUTE,
      reply.statusCode,
      reply.elapsedTime,
    );
    done();
  });
}

/**
 * The Prometheus text at `/metrics`, to whoever presents DATAETAT_METRICS_TOKEN as a bearer
 * token; without that setting the figures are not published (404). Outside `/api`, never shed:
 * a saturated server is when they matter.
 */
export function metricsRoute(app: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  app.get(
    '/metrics',
    { config: { access: 'public', neverShed: true }, schema: { hide: true } },
    async (request, reply) => {
      if (token === undefined) throw new AppError('METRICS_DISABLED');
      const [scheme, presented] = (request.headers.authorization ?? '').split(' ');
      if (scheme !== 'Bearer' || !presented || !sameToken(presented, token)) {
        throw new AppError('METRICS_TOKEN_INVALID');
      }
      reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store');
      return metrics.registry.metrics();
    },
  );
}
