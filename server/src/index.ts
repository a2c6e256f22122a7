import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { loadSettings, type Settings } from './config.ts';
import { createLogger } from './logging.ts';
import { openServices, type Services } from './services.ts';

export { buildApp } from './app.ts';
export { ConfigError, loadSettings, repoRoot, type Settings } from './config.ts';
export { renderWidgetSvg, type SvgContext } from './embed/svg.ts';
export { openServices, type Services } from './services.ts';

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly services: Services;
  close(): Promise<void>;
}

/**
 * Opens the stores, loads the seed pack if needed and listens. Settings come from the
 * environment, then `overrides` (tests pass a temporary data dir and port 0).
 */
export async function startServer(
  overrides: Partial<Settings> = {},
  options: {
    logger?: boolean;
    /** Listen before the seed pack is loaded (`pnpm start`); tests and benches wait for it. */
    seedInBackground?: boolean;
  } = {},
): Promise<RunningServer> {
  const settings = loadSettings(process.env, overrides);
  const log = createLogger(options.logger === false ? { ...settings, logLevel: 'silent' } : settings);
  // In the background, the data loads while the server already answers (503 DATA_NOT_LOADED
  // with Retry-After for a dataset not loaded yet, readiness 503 until the load is over).
  const seedInBackground = options.seedInBackground ?? false;
  const services = await openServices(settings, log, { seedInBackground });
  const app = await buildApp(services, {
    loggerInstance: log,
    warmGeo: seedInBackground ? 'after-listen' : true,
  });
  const address = await app.listen({ port: settings.port, host: settings.host });
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  return {
    url,
    app,
    services,
    async close() {
      await app.close();
      await services.close();
    },
  };
}
