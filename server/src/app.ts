import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandler } from './plugins/error-handler.ts';
import { staticWebApp } from './plugins/static-web-app.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { healthRoutes } from './routes/health.ts';
import { queryRoutes } from './routes/query.ts';
import { valuesRoutes } from './routes/values.ts';
import type { Services } from './services.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/** Builds the HTTP app over opened services; used by `main.ts` and by tests (`inject`). */
export async function buildApp(
  services: Services,
  options: { logger?: boolean } = {},
): Promise<FastifyInstance> {
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

  installErrorHandler(app);

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(datasetRoutes, { prefix: '/api' });
  await app.register(queryRoutes, { prefix: '/api' });
  await app.register(valuesRoutes, { prefix: '/api' });
  await app.register(staticWebApp, { root: services.settings.webDistDir });
  return app;
}
