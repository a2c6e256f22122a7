import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { SpecError } from '@dataetat/widgets';
import { AppError, type ErrorBody } from './errors.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { healthRoutes } from './routes/health.ts';
import { queryRoutes } from './routes/query.ts';
import { staticWebApp } from './plugins/static-web-app.ts';
import type { Services } from './services.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/** Builds the HTTP app over opened services; used by `main.ts` and by tests (`inject`). */
export async function buildApp(services: Services, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: services.settings.logLevel },
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
  });
  app.decorate('services', services);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ECharts and react-dsfr set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
  });
  await app.register(compress, { threshold: 1024 });

  app.setErrorHandler((error: FastifyError | AppError | SpecError, request, reply) => {
    let status = 500;
    let body: ErrorBody;
    if (error instanceof AppError) {
      status = error.status;
      body = { error: { code: error.code, message: error.message, ...(error.details && { details: error.details }) } };
    } else if (error instanceof SpecError) {
      status = 400;
      body = { error: { code: error.code, message: error.message, details: { path: error.path, ...error.details } } };
    } else if ('validation' in error && error.validation) {
      status = 400;
      const first = error.validation[0];
      const where = first?.instancePath || first?.params?.missingProperty || '';
      body = {
        error: {
          code: 'BAD_REQUEST',
          message: `Requête invalide : ${where ? `« ${String(where)} » ` : ''}${first?.message ?? ''}`.trim(),
          details: { path: String(where) },
        },
      };
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      status = (error as FastifyError).statusCode!;
      body = { error: { code: (error as FastifyError).code ?? 'BAD_REQUEST', message: 'Requête invalide.' } };
    } else {
      body = { error: { code: 'INTERNAL', message: 'Erreur interne du serveur. L’incident a été journalisé.' } };
    }
    if (status >= 500) request.log.error({ err: error }, 'erreur serveur');
    else request.log.info({ code: body.error.code }, body.error.message);
    return reply.status(status).send(body);
  });

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(datasetRoutes, { prefix: '/api' });
  await app.register(queryRoutes, { prefix: '/api' });
  await app.register(staticWebApp, { root: services.settings.webDistDir });
  return app;
}
