import zlib from 'node:zlib';
import compress from '@fastify/compress';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { authPlugin } from './auth/plugin.ts';
import { registerOpenApi } from './docs/openapi.ts';
import { answerFrameworkError, inputGuardPlugin } from './http/input-guard.ts';
import { securityHeaders } from './http/security-headers.ts';
import { metricsRoute, timeRequests } from './metrics/routes.ts';
import { installContracts, schemaErrorFormatter } from './plugins/contracts.ts';
import { installErrorHandler } from './plugins/error-handler.ts';
import { loadShedding } from './plugins/load-shedding.ts';
import { type ContractViolation, installResponseGuard } from './plugins/response-guard.ts';
import { staticWebApp } from './plugins/static-web-app.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { dashboardRoutes } from './routes/dashboards.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { docsRoutes } from './routes/docs.ts';
import { embedPageRoutes } from './routes/embed-page.ts';
import { exportRoutes } from './routes/export.ts';
import { geoRoutes } from './routes/geo.ts';
import { grantRoutes } from './routes/grants.ts';
import { grantAdminRoutes } from './routes/grants-admin.ts';
import { APP_VERSION, healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { meRoutes } from './routes/me.ts';
import { queryRoutes } from './routes/query.ts';
import { namedShareRoutes } from './routes/sharing.ts';
import { tagAssignmentRoutes } from './routes/tag-assignments.ts';
import { tagRuleRoutes } from './routes/tag-rules.ts';
import { userRoutes } from './routes/users.ts';
import { valuesRoutes } from './routes/values.ts';
import type { Services } from './services.ts';

/** Largest answer compressed in one blocking call (≈ 0.1 ms for 30 KB at level 3); larger ones stream. */
const SYNC_COMPRESS_MAX_BYTES = 64 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    /** Answers that broke their schema (only with `checkResponses`). */
    contractViolations: ContractViolation[];
  }
}

/** Builds the HTTP app over opened services; used by `main.ts` and by tests (`inject`). */
export async function buildApp(
  services: Services,
  options: {
    logger?: boolean;
    /** The process's logger (`logging.ts`), shared with the services; else Fastify makes one. */
    loggerInstance?: FastifyBaseLogger;
    /** Check every JSON answer against its schema (see response-guard.ts); on under vitest. */
    checkResponses?: boolean;
    /** Build map boundaries and tiles before listening or right after (the real server; tests build on use). */
    warmGeo?: boolean | 'after-listen';
  } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger === false ? false : { level: services.settings.logLevel } }),
    bodyLimit: 1024 * 1024,
    trustProxy: services.settings.trustProxy,
    frameworkErrors: answerFrameworkError,
    schemaErrorFormatter,
    // The geo warm-up (onReady) builds every commune's tiles: longer than Fastify's 10 s default
    // on a busy machine, and a slow start must not be a failed start.
    pluginTimeout: options.warmGeo === true ? 180_000 : 10_000,
  });
  app.decorate('services', services);
  app.decorate('contractViolations', []);
  installContracts(app);
  timeRequests(app, services.metrics);
  if (options.checkResponses ?? process.env.VITEST === 'true') {
    installResponseGuard(app, app.contractViolations);
  }
  // An optional base map (DATAETAT_BASEMAP_STYLE_URL) is fetched by MapLibre from its own origin.
  const basemapOrigin = services.settings.basemapStyleUrl
    ? [new URL(services.settings.basemapStyleUrl).origin]
    : [];

  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ECharts and react-dsfr set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...basemapOrigin],
        fontSrc: ["'self'", 'data:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", ...basemapOrigin],
        frameAncestors: ["'self'"],
      },
    },
  });
  // Fast levels: query results are small JSON; the default levels cost ~2 ms per answer for a
  // few percent of size. (Geo boundaries are compressed once at full level by the geo service.)
  // Answers up to 64 KB are compressed in one call rather than through a zlib stream: on 2 cores
  // the plugin's default streams from 8 KB, and the stream's round trips through libuv's
  // threadpool cost a 30 KB dashboard answer ~1 ms of latency, more than compressing it (~0.1 ms).
  await app.register(compress, {
    threshold: 1024,
    syncThreshold: SYNC_COMPRESS_MAX_BYTES,
    zlibOptions: { level: 3 },
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2 } },
  });

  installErrorHandler(app);
  // Before every route: it documents what is registered after it.
  await registerOpenApi(app, APP_VERSION);
  // First onRequest hook: a saturated server refuses before doing any work (session lookup…).
  await app.register(loadShedding, {
    maxEventLoopDelayMs: services.settings.maxEventLoopDelayMs,
    maxHeapUsedMb: services.settings.maxHeapUsedMb,
    retryAfterSeconds: 10,
  });
  // API answers carry sessions (CSRF token) and scoped data: never kept by a browser or proxy.
  // Routes cacheable on purpose (geo boundaries, with their ETag) set their own Cache-Control.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
  // Before every route: bodies, query strings and path parameters within JSON_LIMITS.
  await app.register(inputGuardPlugin);
  // Before every route: sessions, `config.access` rules and CSRF apply to all of them.
  await app.register(authPlugin);

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api' });
  await app.register(meRoutes, { prefix: '/api' });
  await app.register(userRoutes, { prefix: '/api' });
  await app.register(auditRoutes, { prefix: '/api' });
  await app.register(tagRuleRoutes, { prefix: '/api' });
  await app.register(tagAssignmentRoutes, { prefix: '/api' });
  await app.register(datasetRoutes, { prefix: '/api' });
  await app.register(queryRoutes, { prefix: '/api' });
  await app.register(exportRoutes, { prefix: '/api' });
  await app.register(valuesRoutes, { prefix: '/api' });
  await app.register(importRoutes, { prefix: '/api' });
  await app.register(dashboardRoutes, { prefix: '/api' });
  await app.register(namedShareRoutes, { prefix: '/api' });
  await app.register(grantAdminRoutes, { prefix: '/api' });
  await app.register(grantRoutes, { prefix: '/api' });
  await app.register(geoRoutes, {
    prefix: '/api',
    seedDir: services.settings.seedDir,
    basemapStyleUrl: services.settings.basemapStyleUrl,
    warmUp: options.warmGeo ?? false,
  });
  await app.register(docsRoutes, { prefix: '/api' });
  metricsRoute(app, services.metrics, services.settings.metricsToken);
  await app.register(embedPageRoutes);
  await app.register(staticWebApp, { root: services.settings.webDistDir });
  return app;
}
